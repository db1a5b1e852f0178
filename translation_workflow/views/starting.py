"""wagtail-localize's "Translate this page" / "Translate", offering only the user's own locales.

Served at wagtail-localize's own addresses (see wagtail_hooks.py). A
translator chooses among the locales their groups look after
(permissions.submit_translation_locale_ids); a locale outside them is not a
valid choice, so the form refuses it and nothing is created. New page
translations start as drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is
off): they go live through review.
"""

from django import forms
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)

from core.permissions import EVERY_LOCALE

from ..permissions import submit_translation_locale_ids


class OwnLocalesMixin:
    def get_form(self):
        form = super().get_form()
        allowed = submit_translation_locale_ids(self.request.user)
        if allowed is not EVERY_LOCALE:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(pk__in=allowed)
            if len(field.queryset) < 2:
                form.fields["select_all"].widget = forms.HiddenInput()
        return form


class SubmitPageTranslationInOwnLocalesView(OwnLocalesMixin, SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationInOwnLocalesView(OwnLocalesMixin, SubmitSnippetTranslationView):
    pass
