"""SQLite FTS5 backend: analysed index text, FTS5 queries of quoted strings only.

What both backends share is in `search.backends.common`: `add_items`, copied there
from modelsearch (Wagtail 8.0) because its indexer class is not a hook, and the query
compiler's handling of analysed terms. Here is the SQL: index entries written with
the ORM (`write_entries`, the rest of modelsearch's SQLiteIndex.add_items), FTS5
MATCH strings, and the BM25 ranking. Re-check `add_items` when upgrading Wagtail:
`tests/test_search_backend.py` fails if indexing stops analysing text.

Results ordered by relevance are ranked with one FTS5 query instead of modelsearch's
correlated subquery, which runs the full-text match again for every matching row (a
word on 1,000 pages took 1-2 s to show its first ten results; see the README), and
by BM25 weighted per column, so pages with the words in their title come first.
"""

from django.db.models import FloatField, Func
from django.db.models.expressions import Expression
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import (
    MatchExpression,
    SearchQueryExpression,
    SearchQueryField,
    normalize,
)
from modelsearch.utils import get_descendants_content_types_pks

from search.analysis import index_text
from search.backends.common import (
    AnalysedIndexMixin,
    AnalysedQueryCompilerMixin,
    RankedSearchResultsMixin,
    rank,
)


def fts5_string(tokens):
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def fts5_expression(terms, operator="AND"):
    """An FTS5 query of quoted strings only: `"大数 数据" AND "hirp"*`."""
    parts = [fts5_string(term.tokens) + ("*" if term.prefix else "") for term in terms]
    return f" {operator} ".join(parts)


class FTS5Query(Expression):
    """A ready-made FTS5 query string, for modelsearch's MatchExpression."""

    output_field = SearchQueryField()

    def __init__(self, value):
        super().__init__()
        self.value = value

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class SQLiteIndexer(sqlite.ObjectIndexer):
    # modelsearch's SQLite indexer gives each column's text as one string.
    @cached_property
    def title(self):
        return index_text(super().title)

    @cached_property
    def body(self):
        return index_text(super().body)

    @cached_property
    def autocomplete(self):
        return index_text(super().autocomplete)


class SQLiteIndex(AnalysedIndexMixin, sqlite.SQLiteIndex):
    indexer_class = SQLiteIndexer

    def write_entries(self, content_type_pk, indexers):
        """Update the entries that exist, create the others (as modelsearch does)."""
        ids_and_data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        index_entries_for_ct = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(
            index_entries_for_ct.filter(object_id__in=ids_and_data.keys()).values_list(
                "object_id", flat=True
            )
        )
        for indexed_id in indexed_ids:
            title, autocomplete, body = ids_and_data[indexed_id]
            index_entries_for_ct.filter(object_id=indexed_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            sqlite.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in ids_and_data.items()
            if object_id not in indexed_ids
        )


class WeightedBM25(Func):
    """FTS5's bm25() with a weight per column of the FTS table (autocomplete, body, title)."""

    output_field = FloatField()

    def __init__(self, weights):
        super().__init__()
        self.weights = weights

    def as_sql(self, compiler, connection, **extra_context):
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {', '.join('%s' for _ in self.weights)})", list(self.weights)


class SQLiteQueryCompilerMixin(AnalysedQueryCompilerMixin):
    # None: modelsearch's ranking, bm25() of the whole entry times (1 + title_norm),
    # which lifts every page with a short title, even when the word is only in its body.
    BM25_WEIGHTS = None

    def build_search_query_content(self, query, config=None):
        return self.analysed_query(query, super().build_search_query_content, config=config)

    def terms_query(self, terms, any_term, config=None):
        expression = fts5_expression(terms, "OR" if any_term else "AND")
        return SearchQueryExpression(FTS5Query(expression))

    def query_as_searched(self):
        # FTS5 has no unary NOT: modelsearch's SQLite search reads the query with its
        # negations moved to the front (`normalize`), and so does `ranking`.
        return normalize(self.query)

    def rank_expression(self, config):
        if self.BM25_WEIGHTS is None:
            return self._build_rank_expression(self.get_search_vectors(), config)
        return WeightedBM25(self.BM25_WEIGHTS)

    def ranking(self, config):
        """(primary keys of the matching objects, best first; {object_id: score}).

        One FTS5 query scores every matching index entry (BM25); the queryset's own
        filters (locale, live, ...) then keep the objects to show.
        """
        search_query = self.build_search_query(self.query_as_searched(), config=config)
        index_query = sqlite.SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query),
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
        )
        scores = dict(
            index_query.annotate(score=self.rank_expression(config)).values_list(
                "index_entry__object_id", "score"
            )
        )
        matching = self.queryset.filter(
            pk__in=index_query.values("index_entry__object_id")
        ).values_list("pk", flat=True)
        # BM25 scores are negative: lower is better.
        return rank(matching, lambda pk: scores.get(str(pk), 0.0)), scores


class SQLiteSearchQueryCompiler(SQLiteQueryCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
    # A word in the title counts ten times a word in the body; autocomplete text
    # (the title again) not at all.
    BM25_WEIGHTS = (0.0, 1.0, 10.0)


class SQLiteAutocompleteQueryCompiler(
    SQLiteQueryCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler
):
    pass


class SQLiteSearchResults(RankedSearchResultsMixin, sqlite.SQLiteSearchResults):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    results_class = SQLiteSearchResults
    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = SQLiteIndex
