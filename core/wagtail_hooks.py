from django.utils.translation import gettext_lazy as _
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
