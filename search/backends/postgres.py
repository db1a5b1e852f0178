"""PostgreSQL backend: analysed tsvectors, raw tsqueries of quoted lexemes only.

`add_items` is copied from modelsearch (Wagtail 8.0) because its indexer class is not
a hook there; the only change is `self.indexer_class`. Re-check it when upgrading
Wagtail: `tests/test_search_backend.py` fails if indexing stops analysing text.
"""

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import And, Or
from modelsearch.utils import get_content_type_pk

from search.analysis import index_text
from search.backends.common import has_terms, is_or, searchable_terms


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
                """,  # noqa: S608 (the table name is the model's; values are parameters)
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
        if isinstance(query, (And, Or)):
            subqueries = [subquery for subquery in query.subqueries if has_terms(subquery)]
            if not subqueries:
                return None
            query = type(query)(subqueries)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        if not has_terms(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, backend=backend)


class PostgresSearchQueryCompiler(PostgresQueryCompilerMixin, postgres.PostgresSearchQueryCompiler):
    pass


class PostgresAutocompleteQueryCompiler(
    PostgresQueryCompilerMixin, postgres.PostgresAutocompleteQueryCompiler
):
    PREFIX_LAST_ONLY = True


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = PostgresIndex
