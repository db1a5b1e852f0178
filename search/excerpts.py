"""What the search page shows for each result: title and excerpt with the matched
words marked, in the page's own script, and the section of the site it belongs to."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy
from modelsearch.index import SearchField
from wagtail.fields import StreamField

from search.analysis import CJK_RUN, match_spans

EXCERPT_LENGTH = 160  # characters: about two lines of English, four of Chinese
CONTEXT_BEFORE = 40  # characters kept before the first match

# The section a result belongs to, by page type (app_label.model_name).
PARTNERSHIP = ("partnership", pgettext_lazy("search result section", "Partnership"))
PROGRAMME = ("programme", pgettext_lazy("search result section", "Programme"))
SECTIONS = {
    "partner_pages.partnerpage": PARTNERSHIP,
    "partner_pages.partnerindexpage": PARTNERSHIP,
    "partner_pages.programmepage": PROGRAMME,
}
OTHER_SECTION = ("other", pgettext_lazy("search result section", "Page"))


@dataclass
class Result:
    page: object
    url: str
    title: SafeString
    excerpt: SafeString
    section: str
    section_label: str


def section_for(page):
    """("partnership" | "programme" | "other", label) for a page, from its type."""
    return SECTIONS.get(page.specific_class._meta.label_lower, OTHER_SECTION)


def _raw_strings(value):
    """The sentences in a StreamField's stored JSON, read without loading any block's
    images, snippets or pages (no queries). Bare values such as a heading level
    ("h2"), an anchor, a date or a URL are skipped: only text with a space or CJK."""
    if isinstance(value, str):
        text = strip_tags(value).strip()
        if text and not text.startswith(("http://", "https://", "mailto:", "tel:")):
            if " " in text or CJK_RUN.search(text):
                yield text
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"id", "type"}:
                yield from _raw_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _raw_strings(item)


def _values(page):
    """The text of the page's own search fields other than its title."""
    for search_field in page.get_search_fields():
        if not isinstance(search_field, SearchField) or search_field.field_name == "title":
            continue
        try:
            field = page._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, StreamField):
            yield from _raw_strings(list(getattr(page, field.attname).raw_data))
        else:
            value = field.value_from_object(page)
            if isinstance(value, str) and value:
                yield strip_tags(value)


def searchable_text(page):
    """The page's indexed text other than its title, one string, with no queries."""
    return " ".join(" ".join(_values(page)).split())


def highlight(text, spans):
    """`text` HTML-escaped, with each (start, end) span wrapped in <mark>."""
    html = []
    position = 0
    for start, end in spans:
        html.append(escape(text[position:start]))
        html.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    html.append(escape(text[position:]))
    return mark_safe("".join(html))  # noqa: S308 (every piece of text is escaped above)


def excerpt(text, terms, length=EXCERPT_LENGTH, spans=None):
    """A window of `text` around its first match, the matches marked, "…" where cut.
    `spans`: the matches of `terms` in `text`, when they are known (`text` without runs
    of whitespace then)."""
    if spans is None:
        text = " ".join(text.split())
        spans = match_spans(text, terms)
    start = 0
    if spans:
        start = max(0, spans[0][0] - CONTEXT_BEFORE)
        # Start at a word boundary in English; Chinese can start anywhere.
        if start > 0 and text[start - 1].isalnum() and text[start].isascii():
            space = text.find(" ", start, spans[0][0])
            start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text) and text[end - 1].isascii():
        space = text.rfind(" ", start, end)
        if space > start + length // 2 and (not spans or space >= spans[0][1]):
            end = space
    window = [
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    ]
    html = highlight(text[start:end], window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 (html is escaped by highlight)


def result_for(page, terms, request=None):
    """A search result for `page`: its marked title and excerpt, URL and section."""
    # The search description when it has a match, else the body when it has one, else
    # the first of the two there is; each matched once.
    description = " ".join((page.search_description or "").split())
    source, spans = description, match_spans(description, terms)
    if not spans:
        body = searchable_text(page)
        body_spans = match_spans(body, terms)
        if body_spans or not description:
            source, spans = body, body_spans
    section, section_label = section_for(page)
    return Result(
        page=page,
        url=page.get_url(request),
        title=highlight(page.title, match_spans(page.title, terms)),
        excerpt=excerpt(source, terms, spans=spans) if source else "",
        section=section,
        section_label=section_label,
    )
