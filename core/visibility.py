"""Pages every visitor may see, in the same query that lists them.

Wagtail's `PageQuerySet.public()` first reads every view restriction, then
excludes their sections: two queries, and the second grows with the number
of restrictions. `public(queryset)` says the same in one query: no
restriction on the page or on any of its ancestors (a restriction covers the
section below it).
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def public(queryset):
    """`queryset` (of pages) without those in a section with a view restriction."""
    shown_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    covering = PageViewRestriction.objects.filter(StartsWith(shown_path, F("page__path")))
    return queryset.exclude(Exists(covering))
