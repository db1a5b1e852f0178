"""Event dates written the way each language writes them.

"June 2016" / "2016年6月", "August – October 2017" / "2017年8月至10月": the
patterns are Django date formats behind gettext (context "date format"), so
each locale's translator decides the order, the words and what to leave out
when both ends share a year or a month.
"""

from dataclasses import dataclass

from django.utils.dateformat import format as format_date
from django.utils.translation import pgettext

YEAR, MONTH, DAY = "year", "month", "day"


@dataclass(frozen=True)
class DatePart:
    machine: str  # for <time datetime="...">
    text: str  # for people


MACHINE_FORMATS = {YEAR: "Y", MONTH: "Y-m", DAY: "Y-m-d"}


def _single_format(precision):
    if precision == YEAR:
        return pgettext("date format: a year", "Y")
    if precision == MONTH:
        return pgettext("date format: a month", "F Y")
    return pgettext("date format: a day", "j F Y")


def _range_formats(start, end, precision):
    """Formats for the start and the end of a range, dropping what they share."""
    if precision == MONTH and start.year == end.year:
        return (
            pgettext("date format: first month of a range within one year", "F"),
            pgettext("date format: last month of a range within one year", "F Y"),
        )
    if precision == DAY and (start.year, start.month) == (end.year, end.month):
        return (
            pgettext("date format: first day of a range within one month", "j"),
            pgettext("date format: last day of a range within one month", "j F Y"),
        )
    if precision == DAY and start.year == end.year:
        return (
            pgettext("date format: first day of a range within one year", "j F"),
            pgettext("date format: last day of a range within one year", "j F Y"),
        )
    return _single_format(precision), _single_format(precision)


def _same_at_precision(start, end, precision):
    if precision == YEAR:
        return start.year == end.year
    if precision == MONTH:
        return (start.year, start.month) == (end.year, end.month)
    return start == end


def date_parts(start, end=None, precision=DAY):
    """The date (or date range) of an event, as parts for <time> elements.

    Returns (parts, separator): one part for a single date, two for a range.
    """
    if end is None or _same_at_precision(start, end, precision):
        text = format_date(start, _single_format(precision))
        return [DatePart(format_date(start, MACHINE_FORMATS[precision]), text)], ""
    start_format, end_format = _range_formats(start, end, precision)
    separator = pgettext("date range separator", " – ")
    return [
        DatePart(format_date(start, MACHINE_FORMATS[precision]), format_date(start, start_format)),
        DatePart(format_date(end, MACHINE_FORMATS[precision]), format_date(end, end_format)),
    ], separator


def date_text(start, end=None, precision=DAY):
    """The same date or range as plain text ("August – October 2017")."""
    parts, separator = date_parts(start, end, precision)
    return separator.join(part.text for part in parts)
