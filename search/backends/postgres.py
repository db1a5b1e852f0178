"""PostgreSQL backend: analysed tsvectors, raw tsqueries of quoted lexemes only.

`add_items` is copied from modelsearch (Wagtail 8.0) because its indexer class is not
a hook there; the only change is `self.indexer_class`. Re-check it when upgrading
Wagtail: `tests/test_search_backend.py` fails if indexing stops analysing text.

Results ordered by relevance are ranked from one query on the index table, then the
page queryset's filters are applied by primary key. modelsearch joins pages to index
entries on `page.id::varchar = object_id`; PostgreSQL cannot estimate how many rows a
phrase query matches, picks a nested loop, and a word on 1,000 pages took 0.5-1 s
to count and as long again to rank (see the README).
"""

from django.contrib.postgres.search import SearchQuery
from django.db.models import F
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import Fuzzy, MatchAll, Not
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


def tsquery_lexeme(token, prefix=False):
    escaped = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'" + (":*" if prefix else "")


def tsquery_expression(terms, operator="&"):
    """A raw tsquery of quoted lexemes only: `('大数' <-> '数据') & 'hirp':*`."""
    parts = []
    for term in terms:
        lexemes = [tsquery_lexeme(token) for token in term.tokens[:-1]]
        lexemes.append(tsquery_lexeme(term.tokens[-1], prefix=term.prefix))
        parts.append(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    return f" {operator} ".join(parts)


class PostgresIndexer(postgres.ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        texts = [(index_text(text), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class PostgresIndex(postgres.PostgresIndex):
    indexer_class = PostgresIndexer

    def add_items(self, model, objs):
        # Copied from modelsearch's PostgresIndex.add_items; only `indexer_class` differs.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = postgres.InsertQuery(postgres.IndexEntry).get_compiler(
            connection=self.write_connection
        )
        rows = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for field_name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    postgres.IndexEntry._meta.get_field(field_name), getattr(indexer, field_name)
                )
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {', '.join(vectors_sql)}, 1.0, %s, %s)")
        table = postgres.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                     title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                data_params,
            )
        self._refresh_title_norms()


class PostgresQueryCompilerMixin:
    PREFIX_LAST_ONLY = False

    def build_tsquery_content(self, query, config=None, invert=False):
        terms = searchable_terms(query, prefix_last_only=self.PREFIX_LAST_ONLY)
        if terms is not None:
            if not terms:
                return None
            operator = "|" if is_or(query) else "&"
            return SearchQuery(
                tsquery_expression(terms, operator),
                search_type="raw",
                config=config,
                invert=invert,
            )
        query = searchable_parts(query)
        if query is None:
            return None
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        if not has_terms(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def can_rank(self):
        return (
            self.order_by_relevance
            and self.fields is None
            and has_terms(self.query)
            and not isinstance(self.query, (MatchAll, Not, Fuzzy))
        )

    def ranking(self, config):
        """(primary keys of the matching objects, best first; {object_id: score}).

        Scores come from one query on the index table (ts_rank, weighted as in
        modelsearch); the queryset then keeps the objects it allows, by primary key.
        Kept on the compiler, which the count and every slice of the results share.
        """
        if getattr(self, "_ranking", None) is not None:
            return self._ranking
        search_query = self.build_tsquery(self.query, config=config)
        vectors = [
            (_on_entry(vector), _on_entry(boost))
            for vector, boost in self.get_index_vectors(search_query)
        ]
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        entries = (
            postgres.IndexEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(_vector_=combined)
            .filter(_vector_=search_query)
            .annotate(_score_=self._build_rank_expression(vectors, config))
        )
        scores = dict(entries.values_list("object_id", "_score_"))
        pk_field = self.queryset.model._meta.pk
        matching = self.queryset.filter(
            pk__in=[pk_field.to_python(object_id) for object_id in scores]
        ).values_list("pk", flat=True)
        # ts_rank: higher is better.
        self._ranking = (rank(matching, lambda pk: -scores[str(pk)]), scores)
        return self._ranking

    def ranked_search(self, config, start, stop, score_field=None):
        ranked, scores = self.ranking(config)
        return fetch_in_rank_order(self.queryset, ranked, scores, start, stop, score_field)


def _on_entry(expression):
    """`F("index_entries__body")` (from the searched model) as `F("body")` (on IndexEntry)."""
    if isinstance(expression, F):
        return F(expression.name.removeprefix("index_entries__"))
    return expression


class PostgresSearchQueryCompiler(PostgresQueryCompilerMixin, postgres.PostgresSearchQueryCompiler):
    pass


class PostgresAutocompleteQueryCompiler(
    PostgresQueryCompilerMixin, postgres.PostgresAutocompleteQueryCompiler
):
    PREFIX_LAST_ONLY = True


class PostgresSearchResults(RankedSearchResultsMixin, postgres.PostgresSearchResults):
    def _do_count(self):
        compiler = self.query_compiler
        if not compiler.can_rank():
            return super()._do_count()
        ranked, _scores = compiler.ranking(compiler.get_config(self.backend))
        return len(ranked[self.start : self.stop])


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    results_class = PostgresSearchResults
    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = PostgresIndex
