"""What the SQLite and PostgreSQL backends share: reading analysed queries, and
showing results in the order of their one ranking query."""

from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

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


class RankedSearchResultsMixin:
    """Results ordered by relevance come from the compiler's `ranked_search`."""

    def _do_search(self):
        compiler = self.query_compiler
        if not compiler.can_rank():
            return super()._do_search()
        config = compiler.get_config(self.backend)
        return compiler.ranked_search(config, self.start, self.stop, self._score_field)
