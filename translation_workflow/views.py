"""Admin views: convert from the sibling Chinese locale, a stricter PO upload, the status report."""

import re
import tempfile
from pathlib import Path

import django_filters
import polib
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links
from wagtail_localize.views.edit_translation import user_can_edit_instance

from .conversion import convert_from_sibling, sibling_locale_for
from .status import STATUS_CHOICES, counts_by_locale, translation_status, translator_locale_ids


def user_can_edit_translation(user, translation):
    """wagtail-localize's own check, narrowed to the user's locales for snippets."""
    try:
        instance = translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist:
        return False
    if not user_can_edit_instance(user, instance):
        return False
    if isinstance(instance, Page):
        return True
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(
        user, "change", instance
    )


def _back(request, translation):
    return get_valid_next_url_from_request(request) or translation.get_target_instance_edit_url()


@require_POST
def convert_translation(request, translation_id):
    """Fill the untranslated segments of a Chinese translation from the other Chinese locale."""
    translation = get_object_or_404(Translation, id=translation_id)
    sibling = sibling_locale_for(translation.target_locale)
    if sibling is None:
        raise Http404
    if not user_can_edit_translation(request.user, translation):
        raise PermissionDenied

    result = convert_from_sibling(translation.source, translation.target_locale, user=request.user)
    language = sibling.get_display_name()
    if result.changes:
        messages.success(
            request,
            ngettext(
                "Converted %(count)d segment from %(language)s. Review it before publishing.",
                "Converted %(count)d segments from %(language)s. Review them before publishing.",
                len(result.changes),
            )
            % {"count": len(result.changes), "language": language},
        )
    if result.missing:
        messages.warning(
            request,
            ngettext(
                "%(count)d segment has no %(language)s translation yet and stays untranslated.",
                "%(count)d segments have no %(language)s translation yet and stay untranslated.",
                len(result.missing),
            )
            % {"count": len(result.missing), "language": language},
        )
    if not result.changes and not result.missing:
        messages.warning(request, _("There isn't anything left to translate."))
    return redirect(_back(request, translation))


#: Inline tags as wagtail-localize stores them in segments: <b>, </b>, <a id="a1">, <br/>...
INLINE_TAG = re.compile(r"<[^>]+>")


class POFileRefused(Exception):
    pass


def _read_po(upload):
    # polib.pofile() reads a path when given one: parse the upload from a file of our own
    # (as wagtail-localize does), never from its contents, which could name a server file.
    with tempfile.TemporaryDirectory() as workdir:
        path = Path(workdir) / "upload.po"
        path.write_bytes(upload.read())
        try:
            return polib.pofile(str(path))
        except UnicodeDecodeError as error:
            raise POFileRefused(_("The file is not UTF-8 text.")) from error
        except (OSError, ValueError) as error:
            detail = str(error).replace(f" {path}", "")  # polib names our temporary file
            reason = _("The file is not a valid PO file: %(error)s") % {"error": detail}
            raise POFileRefused(reason) from error


def _check_po(po, translation):
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        raise POFileRefused(
            _(
                "This PO file was downloaded for a different translation. Download the PO file "
                "of this page in this language, and translate that one."
            )
        )
    segments = {
        (segment.context.path, segment.string.data): segment
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "context", "string"
        )
    }
    changed = []
    seen = set()
    for entry in po:
        if entry.obsolete:
            continue
        if (entry.msgctxt, entry.msgid) in seen:
            raise POFileRefused(
                _("“%(text)s” appears twice in the PO file.") % {"text": entry.msgid[:80]}
            )
        seen.add((entry.msgctxt, entry.msgid))
        segment = segments.get((entry.msgctxt, entry.msgid))
        if segment is None:
            raise POFileRefused(
                _(
                    "The PO file does not match the current text (“%(text)s” is not in it any "
                    "more). Download a fresh PO file."
                )
                % {"text": entry.msgid[:80]}
            )
        if not entry.msgstr:
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
            if sorted(INLINE_TAG.findall(entry.msgid)) != sorted(INLINE_TAG.findall(entry.msgstr)):
                raise ValueError(
                    _("expected the tags %(tags)s")
                    % {"tags": " ".join(INLINE_TAG.findall(entry.msgid)) or _("none")}
                )
        except ValueError as error:
            raise POFileRefused(
                _(
                    "The translation of “%(text)s” changes its formatting tags or links: keep "
                    "the tags of the original. (%(error)s)"
                )
                % {"text": entry.msgid[:80], "error": error}
            ) from error
        current = (
            StringTranslation.objects.filter(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale=translation.target_locale,
            )
            .values_list("data", flat=True)
            .first()
        )
        if current != entry.msgstr:
            changed.append(entry)
    return changed


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, refusing what it would half-import.

    Served at wagtail-localize's own address (see wagtail_hooks.py): a file that
    is not a PO file, belongs to another translation, has no translation ID,
    does not match the current source text or breaks a rich-text tag is refused
    whole with a message, and nothing is changed. A valid file updates exactly
    the segments whose translation differs from the stored one.
    """
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_translation(request.user, translation):
        raise PermissionDenied
    try:
        if "file" not in request.FILES:
            raise POFileRefused(_("Choose a PO file to upload."))
        po = _read_po(request.FILES["file"])
        changed = _check_po(po, translation)
    except POFileRefused as refusal:
        messages.error(
            request, _("PO file refused, nothing changed. %(reason)s") % {"reason": refusal}
        )
        return redirect(_back(request, translation))

    with transaction.atomic():
        changed_po = polib.POFile()
        changed_po.metadata = po.metadata
        for entry in changed:
            changed_po.append(entry)
        translation.import_po(changed_po, user=request.user, tool_name="PO File")
    messages.success(
        request,
        ngettext(
            "Imported %(count)d changed translation from the PO file.",
            "Imported %(count)d changed translations from the PO file.",
            len(changed),
        )
        % {"count": len(changed)},
    )
    return redirect(_back(request, translation))


# --- Report -------------------------------------------------------------------------


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
        "script_warnings",
    ]
    export_headings = {
        "title": gettext_lazy("Title"),
        "kind": gettext_lazy("Type"),
        "locale_name": gettext_lazy("Locale"),
        "status_label": gettext_lazy("Status"),
        "percent": gettext_lazy("Translated (%)"),
        "progress": gettext_lazy("Segments translated"),
        "script_warnings": gettext_lazy("Script warnings"),
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
        return translation_status(self.locales)

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
