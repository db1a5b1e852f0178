"""SQLite FTS5 backend: analysed index text, FTS5 queries of quoted strings only.

`add_items` is copied from modelsearch (Wagtail 8.0) because its indexer class is not
a hook there; the only change is `self.indexer_class`. Re-check it when upgrading
Wagtail: `tests/test_search_backend.py` fails if indexing stops analysing text.

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
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.analysis import index_text
from search.backends.common import (
    RankedSearchResultsMixin,
    fetch_in_rank_order,
    has_terms,
    is_or,
    rank,
    searchable_parts,
    searchable_terms,
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
    @cached_property
    def title(self):
        return index_text(super().title)

    @cached_property
    def body(self):
        return index_text(super().body)

    @cached_property
    def autocomplete(self):
        return index_text(super().autocomplete)


class SQLiteIndex(sqlite.SQLiteIndex):
    indexer_class = SQLiteIndexer

    def add_items(self, model, objs):
        # Copied from modelsearch's SQLiteIndex.add_items; only `indexer_class` differs.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
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
        self._refresh_title_norms()


class WeightedBM25(Func):
    """FTS5's bm25() with a weight per column of the FTS table (autocomplete, body, title)."""

    output_field = FloatField()

    def __init__(self, weights):
        super().__init__()
        self.weights = weights

    def as_sql(self, compiler, connection, **extra_context):
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {', '.join('%s' for _ in self.weights)})", list(self.weights)


class SQLiteQueryCompilerMixin:
    PREFIX_LAST_ONLY = False
    # None: modelsearch's ranking, bm25() of the whole entry times (1 + title_norm),
    # which lifts every page with a short title, even when the word is only in its body.
    BM25_WEIGHTS = None

    def build_search_query_content(self, query, config=None):
        terms = searchable_terms(query, prefix_last_only=self.PREFIX_LAST_ONLY)
        if terms is not None:
            if not terms:
                return None
            operator = "OR" if is_or(query) else "AND"
            return SearchQueryExpression(FTS5Query(fts5_expression(terms, operator)))
        query = searchable_parts(query)
        if query is None:
            return None
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        if not has_terms(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)

    def can_rank(self):
        query = normalize(self.query)
        return (
            self.order_by_relevance
            and has_terms(self.query)
            and not isinstance(query, (MatchAll, Not))
        )

    def rank_expression(self, config):
        if self.BM25_WEIGHTS is None:
            return self._build_rank_expression(self.get_search_vectors(), config)
        return WeightedBM25(self.BM25_WEIGHTS)

    def ranked_search(self, config, start, stop, score_field=None):
        """The objects from `start` to `stop`, best match first (BM25).

        One FTS5 query scores every matching index entry; the queryset's own filters
        (locale, live, ...) then keep the objects to show, and only those are fetched.
        """
        search_query = self.build_search_query(normalize(self.query), config=config)
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
        ranked = rank(matching, lambda pk: scores.get(str(pk), 0.0))
        return fetch_in_rank_order(self.queryset, ranked, scores, start, stop, score_field)


class SQLiteSearchQueryCompiler(SQLiteQueryCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
    # A word in the title counts ten times a word in the body; autocomplete text
    # (the title again) not at all.
    BM25_WEIGHTS = (0.0, 1.0, 10.0)


class SQLiteAutocompleteQueryCompiler(
    SQLiteQueryCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler
):
    PREFIX_LAST_ONLY = True


class SQLiteSearchResults(RankedSearchResultsMixin, sqlite.SQLiteSearchResults):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    results_class = SQLiteSearchResults
    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = SQLiteIndex
