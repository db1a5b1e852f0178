"""The translation status report (Reports menu): a row per English page or snippet and locale."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from core.permissions import EVERY_LOCALE

from ..permissions import submit_translation_locale_ids
from ..status import STATUS_CHOICES, counts_by_locale, translation_status, translator_locale_ids


class TranslationStatusFilterSet(WagtailFilterSet):
    locale = django_filters.ChoiceFilter(label=gettext_lazy("Locale"))
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=STATUS_CHOICES)

    def __init__(self, *args, locales=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["locale"].extra["choices"] = [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]

    class Meta:
        model = Locale
        fields = []


class StatusColumn(Column):
    cell_template_name = "translation_workflow/status_cell.html"


class TranslationStatusReportView(ReportView):
    template_name = "translation_workflow/status_report.html"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    index_url_name = "translation_workflow:report"
    index_results_url_name = "translation_workflow:report_results"
    page_title = gettext_lazy("Translation status")
    header_icon = "site"
    paginate_by = 100
    filterset_class = TranslationStatusFilterSet
    export_filename = "translation-status"
    list_export = [
        "title",
        "kind",
        "locale_name",
        "status_label",
        "percent",
        "progress",
        "from_memory",
        "script_warnings",
        "term_warning_messages",
        "sibling_changed",
    ]
    export_headings = {
        "title": gettext_lazy("Title"),
        "kind": gettext_lazy("Type"),
        "locale_name": gettext_lazy("Locale"),
        "status_label": gettext_lazy("Status"),
        "percent": gettext_lazy("Translated (%)"),
        "progress": gettext_lazy("Segments translated"),
        "from_memory": gettext_lazy("Segments filled from memory"),
        "script_warnings": gettext_lazy("Script warnings"),
        "term_warning_messages": gettext_lazy("Term base warnings"),
        "sibling_changed": gettext_lazy("Changed in the other Chinese version since written"),
    }
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Title"),
            url_name=None,
            get_url=lambda row: row.edit_url or None,
        ),
        Column("kind", label=gettext_lazy("Type")),
        Column("locale_name", label=gettext_lazy("Locale")),
        StatusColumn("status", label=gettext_lazy("Status")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not self.locales:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def locales(self):
        allowed = translator_locale_ids(self.request.user)
        return list(Locale.objects.filter(pk__in=allowed).order_by("language_code"))

    def get_filterset_kwargs(self):
        return {
            **super().get_filterset_kwargs(),
            "locales": self.locales,
            "queryset": Locale.objects.none(),
        }

    @cached_property
    def all_rows(self):
        rows = translation_status(self.locales)
        # "Start translation" only where the user may start one.
        may_start = submit_translation_locale_ids(self.request.user)
        if may_start is not EVERY_LOCALE:
            for row in rows:
                if row.locale.pk not in may_start:
                    row.start_url = ""
        return rows

    def get_queryset(self):
        return self.all_rows

    def filter_queryset(self, rows):
        if self.filters and self.filters.is_valid():
            code = self.filters.form.cleaned_data.get("locale")
            status = self.filters.form.cleaned_data.get("status")
            if code:
                rows = [row for row in rows if row.locale.language_code == code]
            if status:
                rows = [row for row in rows if row.status == status]
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["counts"] = counts_by_locale(self.all_rows)
        context["status_choices"] = STATUS_CHOICES
        return context

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])
