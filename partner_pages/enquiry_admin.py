"""Who reads enquiries in the admin, and how they read them.

Enquiries are personal data. Wagtail shows a form's submissions to anyone who
may edit the form page (editors, moderators, a translator on their locale's
copy); here only users with the "view enquiry" permission may: the "Enquiry
officers" group (made by migration 0005) and superusers. Every Forms view of
Wagtail (the menu item, the list of forms, a form's submissions, their CSV and
XLSX export, deleting them) asks `get_forms_for_user`, which runs the
`filter_form_submissions_for_user` hook (wagtail_hooks.py): it calls
`forms_for_user` below.

Each form's three language versions share one list (the submissions are
stored against the source form), so the list of forms shows each form once.
A reader sees the answers in their admin language where the form has a
version in it: labels, the choices (stored in English) and the topic's title.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from .enquiries import CHOICE_FIELD_TYPES, EnquiryNotification, choice_pairs

ENQUIRY_OFFICERS = "Enquiry officers"
READ_ENQUIRIES = "partner_pages.view_enquirysubmission"
# What a spreadsheet would run as a formula (or data exchange) at a cell's start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def may_read_enquiries(user):
    return bool(user and user.is_active and user.has_perm(READ_ENQUIRIES))


def forms_for_user(user, editable_forms):
    """The forms whose submissions `user` may read, export and delete: for the hook.

    For enquiry officers, every form (each once: its source), whatever page
    permissions they have: the hook widens Wagtail's list, which would
    otherwise need "change" on the form pages. For everyone else, none, even
    the forms they may edit.
    """
    if not may_read_enquiries(user):
        return editable_forms.none()
    forms = Page.objects.filter(content_type__in=get_form_types())
    in_default_language = Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return forms.filter(
        Q(locale__language_code=settings.LANGUAGE_CODE)
        | ~Q(translation_key__in=in_default_language.values("translation_key"))
    )


class EnquirySubmissionsPanel(FormSubmissionsPanel):
    """The page editor's count of submissions: every language's, for enquiry officers only."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        @cached_property
        def submissions(self):
            if not self.instance.pk:
                return super().submissions
            return self.instance.get_submissions()

        def is_shown(self):
            return may_read_enquiries(self.request.user) and super().is_shown()


def spreadsheet_safe(value):
    """A cell's text that no spreadsheet runs as a formula: a leading ' where it could.

    A visitor typing `=HYPERLINK(...)` or `@SUM(...)` into a form field must
    not have it run in the officer's spreadsheet (CSV injection); the
    apostrophe makes Excel and LibreOffice read it as text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SubmissionReader:
    """A form's stored submissions as one reader sees them, in their admin language.

    Labels, choices and topic titles come from the form's version in that
    language when it has one, otherwise from the source (English). Values
    are worked out with that language active, so a CSV export streamed after
    the view has returned is still in it.
    """

    def __init__(self, form_page, language_code):
        self.language_code = language_code
        self.data_fields = form_page.get_data_fields()
        version = form_page.version_in(language_code) or form_page
        self.locale_id = version.locale_id
        source_fields = {field.clean_name: field for field in form_page.get_form_fields()}
        read_fields = {field.clean_name: field for field in version.get_form_fields()}
        self.labels = {
            name: (read_fields.get(name) or field).label for name, field in source_fields.items()
        }
        self.choice_labels = {
            name: dict(choice_pairs(read_fields.get(name, field), field))
            for name, field in source_fields.items()
            if field.field_type in CHOICE_FIELD_TYPES
        }
        self.topic_titles = {}

    def headings(self):
        """{data field name: heading} in the reader's language."""
        with translation.override(self.language_code):
            return {name: str(self.labels.get(name, label)) for name, label in self.data_fields}

    def prepare(self, submissions):
        """Look up the reader's titles of these submissions' topics, in one query."""
        keys = {s.topic.translation_key for s in submissions if s.topic is not None}
        translated = Page.objects.filter(translation_key__in=keys, locale_id=self.locale_id).live()
        self.topic_titles.update(translated.values_list("translation_key", "title"))

    def row(self, submission):
        """{data field name: what the reader sees}: lists stay lists (one per choice)."""
        data = submission.get_data()
        with translation.override(self.language_code):
            row = {}
            for name, _label in self.data_fields:
                value = data.get(name)
                if name == "language":
                    value = str(dict(settings.LANGUAGES).get(value, value))
                elif name == "topic":
                    value = "" if value is None else self.topic_titles.get(value.translation_key)
                    value = value or (data["topic"].title if data["topic"] else "")
                elif name == "notification":
                    value = str(EnquiryNotification.Status(value).label) if value else ""
                elif name in self.choice_labels:
                    labels = self.choice_labels[name]
                    value = (
                        [labels.get(item, item) for item in value]
                        if isinstance(value, list)
                        else labels.get(value, value)
                    )
                row[name] = value
        return row
