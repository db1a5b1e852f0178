from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import enquiry_admin
from .choosers import ContactChooserViewSet, ResearchAreaChooserViewSet
from .models import Contact, ResearchArea


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "unit", "email", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "unit", "email"]
    # Its chooser (contact blocks, programme contacts) can create a contact in place.
    chooser_viewset_class = ContactChooserViewSet


class ResearchAreaViewSet(SnippetViewSet):
    model = ResearchArea
    icon = "tag"
    menu_label = _("Research areas")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    chooser_viewset_class = ResearchAreaChooserViewSet


class PartnershipSnippets(SnippetViewSetGroup):
    items = (ContactViewSet, ResearchAreaViewSet)
    menu_icon = "group"
    menu_label = _("Partnerships")
    menu_name = "partnerships"


register_snippet(PartnershipSnippets)


# --- Enquiries: personal data, for enquiry officers only (enquiry_admin.py) -------------


@hooks.register("filter_form_submissions_for_user")
def enquiry_submissions_for_officers_only(user, editable_forms):
    return enquiry_admin.forms_for_user(user, editable_forms)
