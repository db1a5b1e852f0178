"""Writes a visitor's request can do without.

Some GETs write as a side effect: the search page counts each query for the
editors' "Search terms" report, a document's size is stored the first time
it is shown. When the database refuses writes (a read-only replica during a
failover, a maintenance window, a full disk), such a write is skipped and the
visitor still gets their page.

Only for writes that can wait: an enquiry, which must be kept, handles a
refused write itself (partner_pages.enquiries).
"""

import contextlib
import logging

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def write_that_can_wait(what, using=None):
    """Run the block's writes, or skip them with a warning if the database refuses.

    The block runs in a transaction of its own (a savepoint inside an outer
    one), so a refused write leaves the connection usable for the rest of the
    request, on PostgreSQL too. Only database errors are caught.
    """
    try:
        with transaction.atomic(using=using):
            yield
    except DatabaseError as error:
        logger.warning("%s skipped: the database refused the write (%s)", what, error)
