"""The term base in the admin: a snippet listed under "Term base".

Moderators (and superusers) add, edit and delete terms. Translators add terms,
and change an existing term's form in their own language only: a Traditional
Chinese translator the Traditional form, a Simplified Chinese translator the
Simplified form. The other fields of their edit form are disabled, so Django
keeps the stored values whatever is posted. Only Moderators may delete.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSet

from .chinese import SIMPLIFIED, TRADITIONAL
from .models import Term
from .permissions import EVERY_LOCALE, locale_ids_for

#: The field each Chinese language's translators look after.
COLUMN = {TRADITIONAL: "traditional", SIMPLIFIED: "simplified"}
TERM_FIELDS = ("english", "traditional", "simplified", "kind", "note")

# Term forms go into converted text as they are: no markup, no control characters.
UNSAFE = re.compile(r"[<>&\x00-\x1f\x7f-\x9f\u2028\u2029]")


def editable_fields(user, term):
    """The fields of `term` that `user` may change (all of them for a new term)."""
    if term.pk is None:
        return set(TERM_FIELDS)
    locale_ids = locale_ids_for(user, "change", Term)
    if locale_ids is EVERY_LOCALE:
        return set(TERM_FIELDS)
    codes = Locale.objects.filter(pk__in=locale_ids).values_list("language_code", flat=True)
    return {COLUMN[code] for code in codes if code in COLUMN}


class TermForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            allowed = editable_fields(self.for_user, self.instance)
            for name, field in self.fields.items():
                if name not in allowed:
                    field.disabled = True  # Django keeps the stored value, whatever is posted

    def clean_term_text(self, name, label):
        text = self.cleaned_data.get(name, "")
        if UNSAFE.search(text):
            raise forms.ValidationError(
                _("%(field)s may not contain “<”, “>”, “&” or control characters."),
                code="unsafe",
                params={"field": label},
            )
        if text and name != "english":
            duplicate = Term.objects.filter(**{name: text}).exclude(pk=self.instance.pk).first()
            if duplicate is not None:
                raise forms.ValidationError(
                    _("The term base already has “%(text)s”: %(term)s."),
                    code="duplicate",
                    params={"text": text, "term": duplicate},
                )
        return text

    def clean_english(self):
        return self.clean_term_text("english", _("English"))

    def clean_traditional(self):
        return self.clean_term_text("traditional", _("Traditional Chinese (Hong Kong)"))

    def clean_simplified(self):
        return self.clean_term_text("simplified", _("Simplified Chinese"))


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "doc-full"
    menu_label = _("Term base")
    menu_name = "term-base"
    menu_order = 790
    add_to_admin_menu = True
    list_display = ["traditional", "simplified", "english", "kind"]
    list_filter = ["kind"]
    search_fields = ["english", "traditional", "simplified", "note"]
    search_backend_name = None  # the database's own search: no index to keep
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("english"),
            FieldRowPanel([FieldPanel("traditional"), FieldPanel("simplified")]),
            FieldPanel("kind"),
            FieldPanel("note"),
        ],
        base_form_class=TermForm,
    )
