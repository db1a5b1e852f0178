"""The admin's list of an enquiry form's submissions, and its CSV and XLSX export.

Wagtail's view (it checks access through `filter_form_submissions_for_user`,
see enquiry_admin), with the form's three languages in one list, the
enquiry's language, topic and notification as columns, the answers in the
reader's admin language, and every exported cell safe from formulas.
"""

from collections import OrderedDict

from django.utils import translation
from django.utils.functional import cached_property
from wagtail.contrib.forms.views import SubmissionsListView

from .enquiry_admin import SubmissionReader, spreadsheet_safe


class EnquirySubmissionsListView(SubmissionsListView):
    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin runs the view in the user's language; the CSV is
        # streamed after it returns, so keep the language for the reader.
        self.reader_language = translation.get_language()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def reader(self):
        return SubmissionReader(self.form_page, self.reader_language)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("topic", "notification")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        submissions = list(context["submissions"])
        self.reader.prepare(submissions)
        headings = self.reader_headings
        for heading in context["data_headings"]:
            heading["label"] = headings.get(heading["name"], heading["label"])
        names = [name for name, _label in self.reader.data_fields]
        rows = []
        for submission in submissions:
            row = self.reader.row(submission)
            cells = [", ".join(row[n]) if isinstance(row[n], list) else row[n] for n in names]
            rows.append({"model_id": submission.id, "fields": cells})
        context["data_rows"] = rows
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        queryset = list(queryset)
        self.reader.prepare(queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = self.reader.row(item)
        return OrderedDict((field, row.get(field)) for field in self.list_export)

    @cached_property
    def reader_headings(self):
        return self.reader.headings()

    def get_heading(self, queryset, field):
        heading = self.reader_headings.get(field) or super().get_heading(queryset, field)
        return spreadsheet_safe(heading)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value)
