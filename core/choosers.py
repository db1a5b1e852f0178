"""Snippet choosers whose "New" tab creates the snippet in the page's language.

Wagtail's chooser modal is opened with `?locale=<the page's language>` (its
JavaScript adds the admin's active content locale) and lists that locale's
snippets; its create form would save every new snippet in the default
language. Here the create form saves in the modal's locale, and is offered
only to users who may add the snippet in that locale (the model's registered
permission policy decides, so a locale-scoped policy is honoured).
"""

from urllib.parse import urlencode

from django import forms
from django.forms.models import modelform_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)


class TranslatableCreationForm(forms.ModelForm):
    """A chooser's create form for a TranslatableMixin model: saves in `locale`."""

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = self.instance.locale = locale
        first_field = next(iter(self.fields.values()), None)
        if first_field is not None:
            first_field.help_text = " ".join(
                text
                for text in (
                    str(first_field.help_text),
                    gettext("Saved in %(language)s, the language you are editing in.")
                    % {"language": locale.get_display_name()},
                )
                if text
            )

    def _get_validation_exclusions(self):
        # The locale is not a form field, but constraints that include it (a slug
        # unique per locale) must be checked before saving, not fail on save.
        exclude = super()._get_validation_exclusions()
        exclude.discard("locale")
        return exclude


class LocaleCreationMixin:
    """For the chooser's views: create in the modal's locale, if the user may."""

    @cached_property
    def creation_locale(self):
        code = self.request.GET.get("locale")
        return (code and Locale.objects.filter(language_code=code).first()) or Locale.get_default()

    def can_create(self):
        if not super().can_create():
            return False
        policy = self.get_permission_policy()
        return policy.user_has_permission_for_instance(
            self.request.user, "add", self.model_class(locale=self.creation_locale)
        )

    def get_creation_form_class(self):
        if self.creation_form_class:
            return self.creation_form_class
        if self.form_fields is not None or self.exclude_form_fields is not None:
            return modelform_factory(
                self.model_class,
                form=TranslatableCreationForm,
                fields=self.form_fields,
                exclude=self.exclude_form_fields,
            )
        return None

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "locale": self.creation_locale}

    def get_create_url(self):
        # Not a preserved URL parameter: that would also pin the listing's own
        # locale filter, so the editor could no longer pick "All".
        url = super().get_create_url()
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}{urlencode({'locale': self.creation_locale.language_code})}"


class TranslatableChooseView(LocaleCreationMixin, ChooseView):
    pass


class TranslatableChooseResultsView(LocaleCreationMixin, ChooseResultsView):
    pass


class TranslatableCreateView(LocaleCreationMixin, SnippetCreateView):
    def save_form(self, form):
        instance = super().save_form(form)
        # As the Snippets section's own create view does, for the history.
        log(instance, "wagtail.create", user=self.request.user)
        return instance


class TranslatableSnippetChooserViewSet(SnippetChooserViewSet):
    """A SnippetChooserViewSet for TranslatableMixin snippets: set `form_fields` or
    a `creation_form_class` (a TranslatableCreationForm) to offer the "New" tab."""

    choose_view_class = TranslatableChooseView
    choose_results_view_class = TranslatableChooseResultsView
    create_view_class = TranslatableCreateView
