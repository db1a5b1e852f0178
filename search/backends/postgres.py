"""PostgreSQL backend: analysed tsvectors, raw tsqueries of quoted lexemes only.

What both backends share is in `search.backends.common`: `add_items`, copied there
from modelsearch (Wagtail 8.0) because its indexer class is not a hook, and the query
compiler's handling of analysed terms. Here is the SQL: index entries written with
one INSERT ... ON CONFLICT (`write_entries`, the rest of modelsearch's
PostgresIndex.add_items), tsqueries, and the ts_rank ranking. Re-check `add_items`
when upgrading Wagtail: `tests/test_search_backend.py` fails if indexing stops
analysing text.

Results ordered by relevance are ranked from one query on the index table, then the
page queryset's filters are applied by primary key. modelsearch joins pages to index
entries on `page.id::varchar = object_id`; PostgreSQL cannot estimate how many rows a
phrase query matches, picks a nested loop, and a word on 1,000 pages took 0.5-1 s
to count and as long again to rank (see the README).
"""

from django.contrib.postgres.search import SearchQuery
from django.db.models import F
from modelsearch.backends.database.postgres import postgres
from modelsearch.utils import get_descendants_content_types_pks

from search.analysis import index_text
from search.backends.common import (
    AnalysedIndexMixin,
    AnalysedQueryCompilerMixin,
    RankedSearchResultsMixin,
    rank,
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
    # modelsearch's PostgreSQL indexer makes the title, body and autocomplete vectors
    # here; its title_text and body_text, for fuzzy search, keep the text as typed.
    def as_vector(self, texts, for_autocomplete=False):
        texts = [(index_text(text), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class PostgresIndex(AnalysedIndexMixin, postgres.PostgresIndex):
    indexer_class = PostgresIndexer

    def write_entries(self, content_type_pk, indexers):
        """Insert the entries, or update those that exist (as modelsearch does)."""
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


class PostgresQueryCompilerMixin(AnalysedQueryCompilerMixin):
    # A search with `fields=` is matched by modelsearch against vectors of the model's
    # own columns, made at query time; the index table this ranking reads has none.
    RANKS_FIELDS = False

    def build_tsquery_content(self, query, config=None, invert=False):
        return self.analysed_query(
            query, super().build_tsquery_content, config=config, invert=invert
        )

    def terms_query(self, terms, any_term, config=None, invert=False):
        return SearchQuery(
            tsquery_expression(terms, "|" if any_term else "&"),
            search_type="raw",
            config=config,
            invert=invert,
        )

    def ranking(self, config):
        """(primary keys of the matching objects, best first; {object_id: score}).

        Scores come from one query on the index table (ts_rank, weighted as in
        modelsearch); the queryset then keeps the objects it allows, by primary key.
        """
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
        return rank(matching, lambda pk: -scores[str(pk)]), scores


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
    pass


class PostgresSearchResults(RankedSearchResultsMixin, postgres.PostgresSearchResults):
    pass


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    results_class = PostgresSearchResults
    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = PostgresIndex
