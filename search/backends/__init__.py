"""Wagtail's database search backend, taught Chinese by `search.analysis`.

Configured in ``WAGTAILSEARCH_BACKENDS`` as ``"BACKEND": "search.backends"``. Like
``wagtail.search.backends.database``, it picks the implementation for the default
database: SQLite with FTS5 (`search.backends.sqlite`) or PostgreSQL with tsvector
(`search.backends.postgres`); each module imports only on its own database, as
modelsearch's models for one vendor do not exist on the other; what the two do alike
is in `search.backends.common`. Both change only two things of the modelsearch
originals:

- what is written to the index: the title, body and autocomplete text go through
  `analysis.index_text` (normalised script, CJK runs as bigrams);
- how a query becomes a database query: `analysis.query_terms`, rendered as an FTS5
  MATCH expression or a PostgreSQL tsquery that holds only quoted terms, so whatever
  a visitor types is searched as text, never run as query syntax.
"""

from django.db import connection
from modelsearch.backends.database.fallback import DatabaseSearchBackend


def SearchBackend(params):
    """The Chinese-aware backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    # MySQL and others: substring matching (`icontains`), which finds Chinese words as
    # typed, but not across scripts.
    return DatabaseSearchBackend(params)
