"""SQLite FTS5 backend: analysed index text, FTS5 queries of quoted strings only.

`add_items` is copied from modelsearch (Wagtail 8.0) because its indexer class is not
a hook there; the only change is `self.indexer_class`. Re-check it when upgrading
Wagtail: `tests/test_search_backend.py` fails if indexing stops analysing text.
"""

from django.db.models.expressions import Expression
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import SearchQueryExpression, SearchQueryField
from modelsearch.query import And, Or
from modelsearch.utils import get_content_type_pk

from search.analysis import index_text
from search.backends.common import has_terms, is_or, searchable_terms


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


class SQLiteQueryCompilerMixin:
    PREFIX_LAST_ONLY = False

    def build_search_query_content(self, query, config=None):
        terms = searchable_terms(query, prefix_last_only=self.PREFIX_LAST_ONLY)
        if terms is not None:
            if not terms:
                return None
            operator = "OR" if is_or(query) else "AND"
            return SearchQueryExpression(FTS5Query(fts5_expression(terms, operator)))
        if isinstance(query, (And, Or)):
            # Leave out parts with nothing searchable, as PostgreSQL drops stop words.
            subqueries = [subquery for subquery in query.subqueries if has_terms(subquery)]
            if not subqueries:
                return None
            query = type(query)(subqueries)
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        if not has_terms(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class SQLiteSearchQueryCompiler(SQLiteQueryCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
    pass


class SQLiteAutocompleteQueryCompiler(
    SQLiteQueryCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler
):
    PREFIX_LAST_ONLY = True


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = SQLiteIndex
