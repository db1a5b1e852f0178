"""What the SQLite and PostgreSQL backends share: reading analysed queries."""

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


def is_or(query):
    return isinstance(query, PlainText) and query.operator.lower() == "or"
