"""Translation status of every English page and snippet in each Chinese locale.

Statuses, checked in this order:

- untranslated: no translation in that locale;
- outdated: the English source changed after its text was last extracted for
  translation ("Sync translated pages" / "Update translations" brings it in);
- in progress: some segments still untranslated (N %);
- complete: every segment translated;
- manual: a translation exists but is edited directly, not through
  wagtail-localize, so it has no segments to count.

Each translated row also carries its script warnings, its term base warnings
(consistency.py: the other region's word, a term translated differently), the
converted segments someone edited whose other Chinese version changed afterwards
(behind_sibling), and how many segments the translation memory filled
(from_memory).
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.models import (
    ClusterableModel,
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.chinese import SIBLING
from core.permissions import EVERY_LOCALE, covered_locale_ids

from .consistency import checker_for
from .conversion import segments_behind_sibling
from .memory import TOOL_NAME as MEMORY_TOOL_NAME
from .models import ConvertedSegment
from .script_check import wrong_script_characters

UNTRANSLATED, IN_PROGRESS, COMPLETE, OUTDATED, MANUAL = (
    "untranslated",
    "in_progress",
    "complete",
    "outdated",
    "manual",
)
STATUS_CHOICES = [
    (UNTRANSLATED, _("Not translated")),
    (IN_PROGRESS, _("In progress")),
    (COMPLETE, _("Complete")),
    (OUTDATED, _("Outdated")),
    (MANUAL, _("Edited directly")),
]
STATUS_LABELS = dict(STATUS_CHOICES)


@dataclass
class ScriptWarning:
    context_path: str
    characters: list

    def __str__(self):
        return f"{self.context_path}: {''.join(self.characters)}"


@dataclass
class StatusRow:
    title: str
    kind: str
    locale: Locale
    status: str
    total: int = 0
    translated: int = 0
    edit_url: str = ""
    source_edit_url: str = ""
    # Untranslated rows: wagtail-localize's "Translate this page" with the locale chosen.
    start_url: str = ""
    warnings: list = field(default_factory=list)
    #: consistency.TermWarning: the other region's word, a term translated differently.
    term_warnings: list = field(default_factory=list)
    #: Context paths of converted segments whose other version changed after they were written.
    behind_sibling: list = field(default_factory=list)
    #: Segments the translation memory filled that nobody has edited since.
    from_memory: int = 0

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def percent(self):
        return round(100 * self.translated / self.total) if self.total else 100

    @property
    def progress(self):
        return f"{self.translated}/{self.total}" if self.total else ""

    @property
    def locale_name(self):
        return self.locale.get_display_name()

    @property
    def script_warnings(self):
        return "; ".join(str(warning) for warning in self.warnings)

    @property
    def term_warning_messages(self):
        return "; ".join(warning.message for warning in self.term_warnings)

    @property
    def sibling_changed(self):
        return "; ".join(self.behind_sibling)


def chinese_locales():
    return list(Locale.objects.filter(language_code__in=SIBLING).order_by("language_code"))


def translator_locale_ids(user):
    """The Chinese locales `user` looks after (see core.permissions.covered_locale_ids).

    Unlike for snippet permissions, a group without page permissions covers no
    locale here: it translates no page, so the report is not for it.
    """
    # Asked by the Reports menu on every admin page, and again by the report:
    # once per request (the request's user object).
    if "_translator_locale_ids" not in user.__dict__:
        chinese = {locale.pk for locale in chinese_locales()}
        covered = covered_locale_ids(user)
        user.__dict__["_translator_locale_ids"] = (
            chinese if covered is EVERY_LOCALE else chinese & covered
        )
    return user.__dict__["_translator_locale_ids"]


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _snippet_edit_url(model, pk):
    meta = model._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[quote(pk)])


def _english_snippets(model, default):
    """`model`'s instances in the default locale, with what their titles and _serialised()
    read (their locale, their child objects) loaded in bulk."""
    instances = model.objects.filter(locale=default).select_related("locale")
    if issubclass(model, ClusterableModel):
        instances = instances.prefetch_related(
            *(relation.get_accessor_name() for relation in get_all_child_relations(model)),
            *(field.name for field in get_all_child_m2m_relations(model)),
        )
    return instances


def _serialised(instance):
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def _source_changed(instance, source):
    if isinstance(instance, Page):
        changed_at = instance.latest_revision_created_at or instance.last_published_at
        return bool(changed_at and changed_at > source.last_updated_at)
    return _serialised(instance) != json.loads(source.content_json)


def _start_url(instance, locale):
    if isinstance(instance, Page):
        address = reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
    else:
        meta = instance._meta
        address = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(instance.pk)],
        )
    return f"{address}?{urlencode({'select_locale': locale.language_code})}"


def translation_status(locales=None):
    """A StatusRow for every English page and translatable snippet in each of `locales`."""
    default = Locale.get_default()
    locales = locales if locales is not None else chinese_locales()
    originals = [
        *Page.objects.filter(locale=default, depth__gt=1).specific().order_by("path"),
        *(
            instance
            for model in translatable_snippet_models()
            for instance in _english_snippets(model, default)
        ),
    ]
    keys = [instance.translation_key for instance in originals]
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=default)
    }
    translations = {
        (t.source_id, t.target_locale_id): t
        for t in Translation.objects.filter(source__in=sources.values(), target_locale__in=locales)
    }
    segment_totals = dict(
        StringSegment.objects.filter(source__in=sources.values())
        .values_list("source_id")
        .annotate(n=Count("pk"))
    )
    translated_counts = {}
    memory_counts = {}
    for locale in locales:
        done = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale=locale,
            has_error=False,
        )
        from_memory = done.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name=MEMORY_TOOL_NAME
        )
        for source_id, n, memory_n in (
            StringSegment.objects.filter(source__in=sources.values())
            .filter(Exists(done))
            .values_list("source_id")
            .annotate(n=Count("pk"), memory_n=Count("pk", filter=Q(Exists(from_memory))))
        ):
            translated_counts[(source_id, locale.pk)] = n
            memory_counts[(source_id, locale.pk)] = memory_n

    # {(translation key, locale ID): the translated page's or snippet's pk}
    existing = {
        (key, locale_id): pk
        for key, locale_id, pk in Page.objects.filter(
            translation_key__in=keys, locale__in=locales
        ).values_list("translation_key", "locale_id", "pk")
    }
    for model in translatable_snippet_models():
        existing.update(
            ((key, locale_id), pk)
            for key, locale_id, pk in model.objects.filter(
                translation_key__in=keys, locale__in=locales
            ).values_list("translation_key", "locale_id", "pk")
        )
    warnings = {}
    term_warnings = {}
    checkers = {locale.pk: checker_for(locale.language_code) for locale in locales}
    for key, locale_id, path, data, english in (
        StringTranslation.objects.filter(
            context__object_id__in=keys, locale__in=locales, has_error=False
        )
        .order_by("context__path")
        .values_list(
            "context__object_id", "locale_id", "context__path", "data", "translation_of__data"
        )
    ):
        code = next(locale.language_code for locale in locales if locale.pk == locale_id)
        characters = wrong_script_characters(data, code)
        if characters:
            warnings.setdefault((key, locale_id), []).append(ScriptWarning(path, characters))
        if checkers[locale_id] is not None:
            found = checkers[locale_id].warnings(path, english, data)
            if found:
                term_warnings.setdefault((key, locale_id), []).extend(found)

    behind_sibling = {}
    for key, locale_id, path in (
        segments_behind_sibling(
            ConvertedSegment.objects.filter(
                string_translation__context__object_id__in=keys,
                string_translation__locale__in=locales,
            )
        )
        .order_by("string_translation__context__path")
        .values_list(
            "string_translation__context__object_id",
            "string_translation__locale_id",
            "string_translation__context__path",
        )
    ):
        behind_sibling.setdefault((key, locale_id), []).append(path)

    rows = []
    for instance in originals:
        source = sources.get(instance.translation_key)
        is_page = isinstance(instance, Page)
        kind = (
            instance.specific_class._meta.verbose_name if is_page else instance._meta.verbose_name
        )
        source_edit_url = (
            reverse("wagtailadmin_pages:edit", args=[instance.pk])
            if is_page
            else _snippet_edit_url(type(instance), instance.pk)
        )
        changed = source is not None and _source_changed(instance, source)
        for locale in locales:
            row = StatusRow(
                title=str(instance.get_admin_display_title() if is_page else instance),
                kind=str(kind),
                locale=locale,
                status=UNTRANSLATED,
                source_edit_url=source_edit_url,
            )
            translation = translations.get((source.pk, locale.pk)) if source else None
            target_pk = existing.get((instance.translation_key, locale.pk))
            if target_pk is None:
                row.start_url = _start_url(instance, locale)
            else:
                row.edit_url = (
                    reverse("wagtailadmin_pages:edit", args=[target_pk])
                    if is_page
                    else _snippet_edit_url(type(instance), target_pk)
                )
                if translation is None or not translation.enabled:
                    row.status = MANUAL
                else:
                    row.total = segment_totals.get(source.pk, 0)
                    row.translated = translated_counts.get((source.pk, locale.pk), 0)
                    row.from_memory = memory_counts.get((source.pk, locale.pk), 0)
                    row.warnings = warnings.get((instance.translation_key, locale.pk), [])
                    row.term_warnings = term_warnings.get((instance.translation_key, locale.pk), [])
                    row.behind_sibling = behind_sibling.get(
                        (instance.translation_key, locale.pk), []
                    )
                    if changed:
                        row.status = OUTDATED
                    elif row.translated < row.total:
                        row.status = IN_PROGRESS
                    else:
                        row.status = COMPLETE
            rows.append(row)
    return rows


def counts_by_locale(rows):
    """{locale: {status: count}} in STATUS_CHOICES order."""
    counts = {}
    for row in rows:
        per_locale = counts.setdefault(row.locale, dict.fromkeys(STATUS_LABELS, 0))
        per_locale[row.status] += 1
    return counts
