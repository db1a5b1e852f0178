"""What the SQLite and PostgreSQL backends share: indexing with an analysing indexer,
reading analysed queries, and showing results in the order of their one ranking query.
Each backend module keeps its SQL: how index entries are written, how terms become a
full-text query, and how matches are scored."""

from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search.analysis import query_terms


def searchable_terms(query, prefix_last_only=False):
    """The analysed terms of a PlainText/Phrase query (None for other query types)."""
    if isinstance(query, (PlainText, Phrase)):
        return query_terms(query.query_string, prefix_last_only=prefix_last_only)
    return None


def has_terms(query):
    """Whether anything in `query` is searchable once analysed (not only emoji or `*`)."""
    if isinstance(query, (PlainText, Phrase)):
        return bool(query_terms(query.query_string))
    if isinstance(query, (And, Or)):
        return any(has_terms(subquery) for subquery in query.subqueries)
    if isinstance(query, Not):
        return has_terms(query.subquery)
    return isinstance(query, MatchAll)


def searchable_parts(query):
    """An And/Or without its parts that have nothing searchable (None when none has),
    as PostgreSQL drops stop words; any other query as it is."""
    if isinstance(query, (And, Or)):
        subqueries = [subquery for subquery in query.subqueries if has_terms(subquery)]
        return type(query)(subqueries) if subqueries else None
    return query


def is_or(query):
    return isinstance(query, PlainText) and query.operator.lower() == "or"


def rank(pks, score_of):
    """`pks` best first by `score_of(pk)` (lower is better); ties newest (highest pk)
    first, as modelsearch's `order_by(score, "-pk")`. Sorts are stable."""
    ranked = sorted(pks, reverse=True)
    ranked.sort(key=score_of)
    return ranked


def fetch_in_rank_order(queryset, ranked, scores, start, stop, score_field=None):
    """The objects of `ranked[start:stop]` in that order, fetched with one query, each
    given its score (from `scores`, keyed by the index's text object id) in `score_field`."""
    wanted = ranked[start:stop]
    objects = {obj.pk: obj for obj in queryset.filter(pk__in=wanted)}
    results = [objects[pk] for pk in wanted if pk in objects]
    if score_field:
        for obj in results:
            setattr(obj, score_field, scores.get(str(obj.pk)))
    return results


class AnalysedIndexMixin:
    """modelsearch's `add_items` (Wagtail 8.0), with the indexer class a hook:
    `indexer_class`, which analyses the text. modelsearch builds its own ObjectIndexer
    there; the backend's `write_entries` is the rest of its `add_items`, the SQL."""

    indexer_class = None

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        self.write_entries(get_content_type_pk(model), indexers)
        self._refresh_title_norms()


class AnalysedQueryCompilerMixin:
    """A query compiler that searches the analysed terms of a query and ranks with one
    query. The backend renders the terms (`terms_query`) and scores (`ranking`)."""

    # Whether `ranking` keeps to a search's `fields=`.
    RANKS_FIELDS = True

    def analysed_query(self, query, build, **options):
        """`query` for the database, None when nothing in it is searchable: its analysed
        terms through `terms_query`; an And/Or without its unsearchable parts through
        modelsearch's `build`, which comes back here for each part."""
        # Autocomplete (modelsearch's LAST_TERM_IS_PREFIX): only the last word typed
        # matches longer words, as the visitor has not finished it.
        terms = searchable_terms(query, prefix_last_only=self.LAST_TERM_IS_PREFIX)
        if terms is not None:
            return self.terms_query(terms, is_or(query), **options) if terms else None
        query = searchable_parts(query)
        return None if query is None else build(query, **options)

    def search(self, config, start, stop, score_field=None, **options):
        if not has_terms(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, **options)

    def query_as_searched(self):
        """The query as modelsearch's `search` reads it."""
        return self.query

    def can_rank(self):
        return (
            self.order_by_relevance
            and (self.fields is None or self.RANKS_FIELDS)
            and has_terms(self.query)
            # Everything, or everything but the matches: no scores to rank by.
            and not isinstance(self.query_as_searched(), (MatchAll, Not))
        )

    def ranking_once(self, config):
        """The backend's `ranking`, kept on the compiler, which the count and every slice
        of the results share: a page of results and its count rank once."""
        if getattr(self, "_ranking", None) is None:
            self._ranking = self.ranking(config)
        return self._ranking

    def ranked_search(self, config, start, stop, score_field=None):
        ranked, scores = self.ranking_once(config)
        return fetch_in_rank_order(self.queryset, ranked, scores, start, stop, score_field)


class RankedSearchResultsMixin:
    """Results ordered by relevance, and their count, come from the compiler's ranking."""

    def _do_search(self):
        compiler = self.query_compiler
        if not compiler.can_rank():
            return super()._do_search()
        config = compiler.get_config(self.backend)
        return compiler.ranked_search(config, self.start, self.stop, self._score_field)

    def _do_count(self):
        compiler = self.query_compiler
        if not compiler.can_rank():
            return super()._do_count()
        ranked, _scores = compiler.ranking_once(compiler.get_config(self.backend))
        return len(ranked[self.start : self.stop])
