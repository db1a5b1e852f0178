"""The Contacts and Research areas choosers, with a "New" tab to create one in place."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choosers import TranslatableCreationForm, TranslatableSnippetChooserViewSet
from core.validators import validate_phone_number

from .models import Contact, ContactPhoneNumber, ResearchArea


class ContactCreationForm(TranslatableCreationForm):
    """A contact's main fields and one phone number; more numbers under Snippets → Contacts."""

    phone_number = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=ContactPhoneNumber._meta.get_field("number").max_length,
        validators=[validate_phone_number],
        help_text=_("E.g. 3400 2862 (Hong Kong) or +86 571 8502 2088"),
    )

    field_order = ["name", "job_title", "unit", "email", "phone_number", "office"]

    class Meta:
        model = Contact
        fields = ["name", "job_title", "unit", "email", "office"]

    def save(self, commit=True):
        number = self.cleaned_data.get("phone_number")
        if number:
            self.instance.phone_numbers = [ContactPhoneNumber(kind="office", number=number)]
        return super().save(commit=commit)


class ContactChooserViewSet(TranslatableSnippetChooserViewSet):
    creation_form_class = ContactCreationForm
    creation_tab_label = _("New contact")
    create_action_label = _("Create and choose")


class ResearchAreaCreationForm(TranslatableCreationForm):
    class Meta:
        model = ResearchArea
        fields = ["name", "slug"]

    def clean_slug(self):
        # Said on the field, in words, rather than as the database constraint's
        # "Research area with this Slug and Locale already exists".
        slug = self.cleaned_data["slug"]
        if ResearchArea.objects.filter(slug=slug, locale=self.locale).exists():
            raise forms.ValidationError(
                gettext("Another %(language)s research area has this slug: choose another.")
                % {"language": self.locale.get_display_name()}
            )
        return slug


class ResearchAreaChooserViewSet(TranslatableSnippetChooserViewSet):
    creation_form_class = ResearchAreaCreationForm
    creation_tab_label = _("New research area")
    create_action_label = _("Create and choose")
