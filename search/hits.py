"""Searches counted for the admin's "Search terms" report, written outside the request.

Counting a search in the request is a write on every search: on SQLite it
makes searches take turns with each other and with editors' publishing. So
each process keeps its counts in memory and a timer thread writes them, at
most once every SEARCH_HITS_FLUSH_SECONDS, in one transaction (and again when
the process exits). Counts the database refuses (read-only, locked) wait for
the next flush; a process killed outright loses at most one interval's counts.
"""

import atexit
import logging
import threading
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

logger = logging.getLogger(__name__)

_pending = Counter()  # (query string, day) -> searches not yet written
_lock = threading.Lock()
_timer = None


def count(query_string):
    """Count one search for the report; written by the next flush."""
    global _timer
    with _lock:
        _pending[(query_string, timezone.localdate())] += 1
        seconds = settings.SEARCH_HITS_FLUSH_SECONDS
        if seconds and _timer is None:
            _timer = threading.Timer(seconds, _flush_from_timer)
            _timer.daemon = True
            _timer.start()


def flush():
    """Write the pending counts; returns how many searches were written."""
    global _timer
    with _lock:
        counts = dict(_pending)
        _pending.clear()
        _timer = None
    if not counts:
        return 0
    try:
        with transaction.atomic():
            for (query_string, day), searches in counts.items():
                daily, _ = QueryDailyHits.objects.get_or_create(
                    query=Query.get(query_string), date=day
                )
                daily.hits = F("hits") + searches
                daily.save(update_fields=["hits"])
    except DatabaseError as error:
        with _lock:
            _pending.update(counts)
        logger.warning("Search counts kept for later: the database refused the write (%s)", error)
        return 0
    return sum(counts.values())


def discard_pending():
    """Forget counts not yet written (tests start from none)."""
    with _lock:
        _pending.clear()


def _flush_from_timer():
    try:
        flush()
    finally:
        connection.close()  # the timer thread's own connection


atexit.register(flush)
