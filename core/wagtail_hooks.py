from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FooterContent


class FooterContentViewSet(SnippetViewSet):
    model = FooterContent
    icon = "list-ul"
    menu_label = _("Footer")
    menu_order = 800
    add_to_admin_menu = True
    list_display = ["__str__", "locale"]
    list_filter = ["locale"]


register_snippet(FooterContentViewSet)


class TagViewSet(ModelViewSet):
    """Images' and documents' tags: renamed, merged by hand or deleted, as Django's
    admin (no longer installed) offered."""

    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    add_to_settings_menu = True
    menu_order = 700
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    return TagViewSet("tags")
