"""Search queries for the benchmark: real words and phrases of the site's own content.

bench/run.py measures search with a different query on every request, so that
no cache (the page cache, a per-query result cache, the database's own page
cache of a hot query) can serve it. The queries are read at run time from the
pages the benchmark's database holds, in each language:

- English: page titles and headings of two to four words, as written, and the
  words of at least four letters of every title, summary, search description
  and body text (without the commonest function words);
- Chinese (zh-hant, zh-hans): the phrases of two to four Han characters that
  the text itself delimits, with punctuation, spaces, Latin letters, digits
  and the commonest function characters (的, 及, 與 ...) as delimiters.

Each query is asked on its own language's search page (/en/search/,
/zh-hant/search/, /zh-hans/search/), URL-encoded, in turn, by a wrk Lua script
(`wrk_script`) whose request() takes the next path of the list.
"""

import json
import re
from urllib.parse import quote

LANGUAGES = ("en", "zh-hant", "zh-hans")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
# Characters that join words rather than belong to them: a run is cut at each.
CHINESE_FUNCTION_CHARACTERS = re.compile("[的及與与和並并或在於于為为是由將将以之等了其也亦]")
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
ENGLISH_STOPWORDS = frozenset(
    """about after also been before being between both each from have here into more most
    only other over such than that their them then there these they this those through
    under very were what when where which while will with within your which would could
    should does done""".split()
)
# Raw StreamField keys whose values are not text a visitor reads.
NOT_TEXT_KEYS = frozenset(
    {"type", "id", "precision", "start_date", "end_date", "link_url", "url", "email", "kind"}
)
TAG = re.compile(r"<[^>]+>")


def texts_in_block_data(data, key=None):
    """Every string a visitor reads in raw StreamField data (tags removed)."""
    if isinstance(data, dict):
        for child_key, value in data.items():
            yield from texts_in_block_data(value, child_key)
    elif isinstance(data, list):
        for value in data:
            yield from texts_in_block_data(value, key)
    elif isinstance(data, str) and key not in NOT_TEXT_KEYS:
        text = TAG.sub(" ", data).strip()
        if text and not text.startswith(("http://", "https://", "/", "mailto:")):
            yield text


def english_terms(texts):
    """Short titles and headings as phrases, then the words of every text."""
    terms = {}
    for text in texts:
        words = ENGLISH_WORD.findall(text)
        if 2 <= len(words) <= 4 and len(text) <= 40 and "\n" not in text:
            terms.setdefault(" ".join(words).lower(), " ".join(words))
    for text in texts:
        for word in ENGLISH_WORD.findall(text):
            if len(word) >= 4 and word.lower() not in ENGLISH_STOPWORDS:
                terms.setdefault(word.lower(), word)
    return list(terms.values())


def chinese_terms(texts):
    """The two-to-four-character Han phrases the text delimits itself."""
    terms = {}
    for text in texts:
        for run in HAN_RUN.findall(text):
            for phrase in CHINESE_FUNCTION_CHARACTERS.split(run):
                if 2 <= len(phrase) <= 4:
                    terms.setdefault(phrase, phrase)
    return list(terms.values())


def search_terms(texts, language):
    return english_terms(texts) if language == "en" else chinese_terms(texts)


def search_path(language, term):
    return f"/{language}/search/?query={quote(term, safe='')}"


def interleaved_paths(terms_by_language):
    """One path per term, the languages taking turns (en, zh-hant, zh-hans, en, ...)."""
    lists = [
        [search_path(language, term) for term in terms_by_language.get(language, [])]
        for language in LANGUAGES
    ]
    paths = []
    for index in range(max(map(len, lists), default=0)):
        paths.extend(column[index] for column in lists if index < len(column))
    return paths


def site_texts(language_code):
    """The texts of every live page (and research area) of one language. Needs Django."""
    from wagtail.fields import StreamField
    from wagtail.models import Page

    from partner_pages.models import ResearchArea

    texts = []
    pages = Page.objects.live().filter(locale__language_code=language_code, depth__gt=1)
    for page in pages.specific().order_by("path"):
        for field in ("title", "seo_title", "search_description", "summary", "partner_name"):
            value = getattr(page, field, "")
            if isinstance(value, str) and value.strip():
                texts.append(value.strip())
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                texts.extend(texts_in_block_data(list(getattr(page, field.name).raw_data)))
    names = ResearchArea.objects.filter(locale__language_code=language_code)
    texts.extend(names.order_by("name").values_list("name", flat=True))
    return texts


LUA_ROTATION = """\
-- Generated by bench/run.py: a different search on every request.
-- Thread n of N asks for paths start + n, start + n + N, ... (direction -1:
-- backwards from the end), so no two requests of one run share a query until
-- the list has been used up.
local paths = {
%(paths)s
}
local threads_set_up = 0
function setup(thread)
  thread:set("thread_number", threads_set_up)
  threads_set_up = threads_set_up + 1
end
function init(args)
  threads = tonumber(args[1]) or 1
  start = tonumber(args[2]) or 0
  direction = tonumber(args[3]) or 1
  position = thread_number or 0
end
function request()
  local index = (start + direction * position) %% #paths + 1
  position = position + threads
  return wrk.format("GET", paths[index])
end

"""


def wrk_script(paths, report_lua):
    """A wrk script that rotates through `paths` and reports like bench/report.lua."""
    for path in paths:
        if not re.fullmatch(r"[A-Za-z0-9/?=%._~-]+", path):
            raise ValueError(f"not a URL-encoded path: {path!r}")
    lines = ",\n".join(f"  {json.dumps(path)}" for path in paths)
    return LUA_ROTATION % {"paths": lines} + report_lua
