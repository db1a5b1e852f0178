"""The term base as conversion reads it: plain, immutable entries.

`default_entries()` reads the shipped data files (core/data/terms/), with no
database, for the scripts that derive catalogues; `site_entries()` reads the
Term table, cached per process and dropped in every process whenever a term
is saved or deleted (a version number in the default cache says so).
"""

import csv
import time
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "terms"

NAME = "name"
VOCABULARY = "vocabulary"
KEEP = "keep"

#: The default cache's key of the term base's version: a new random one whenever a term is
#: saved or deleted (random, not a counter: a version evicted from the cache and set again
#: can never be mistaken for one a process has already read).
VERSION_KEY = "core.terms.version"


@dataclass(frozen=True)
class TermEntry:
    english: str
    traditional: str
    simplified: str
    kind: str


def data_rows():
    """The rows of the shipped data files (core/data/terms/*.tsv) as dicts, with their file.

    Tab-separated, a header row (english, traditional, simplified, kind, note),
    lines starting with '#' are comments.
    """
    for path in sorted(DATA_DIR.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as file:
            rows = csv.DictReader(
                (line for line in file if not line.startswith("#")),
                delimiter="\t",
                quoting=csv.QUOTE_NONE,
            )
            for row in rows:
                yield {
                    "english": (row.get("english") or "").strip(),
                    "traditional": row["traditional"].strip(),
                    "simplified": row["simplified"].strip(),
                    "kind": row["kind"].strip(),
                    "note": (row.get("note") or "").strip(),
                    "file": path.name,
                }


@cache
def default_entries():
    """The shipped term base (core/data/terms/*.tsv), without a database."""
    return tuple(
        TermEntry(row["english"], row["traditional"], row["simplified"], row["kind"])
        for row in data_rows()
    )


#: How long a process trusts its copy before it reads the version again. Search reads the
#: term base several times per query and per excerpt: without this each read is a round
#: trip to Redis, or a query with the database cache. A term saved in another process
#: reaches this one's conversions and searches within this many seconds.
VERSION_CHECK_SECONDS = 2.0

_site_cache = {"version": None, "entries": (), "checked_at": 0.0}


def _version():
    from django.core.cache import cache as default_cache

    now = time.monotonic()
    if (
        _site_cache["version"] is not None
        and now - _site_cache["checked_at"] < VERSION_CHECK_SECONDS
    ):
        return _site_cache["version"]
    version = default_cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)
    _site_cache["checked_at"] = now
    return version


def forget():
    """Drop this process's copy: the next read asks the Term table (tests start afresh)."""
    _site_cache.update(version=None, entries=(), checked_at=0.0)


def site_entries():
    """The site's term base (the Term table), read once per process and term base version."""
    version = _version()
    if _site_cache["version"] != version:
        from .models import Term

        _site_cache["entries"] = tuple(
            TermEntry(term.english, term.traditional, term.simplified, term.kind)
            for term in Term.objects.order_by("pk")
        )
        _site_cache["version"] = version
    return _site_cache["entries"]


def term_base_changed(**kwargs):
    """post_save / post_delete of Term: every process reads the term base again."""
    from django.core.cache import cache as default_cache

    _site_cache["version"] = None
    default_cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def vocabulary_pairs(entries):
    """(traditional, simplified) of the entries that are regional vocabulary."""
    return [(e.traditional, e.simplified) for e in entries if e.kind == VOCABULARY]
