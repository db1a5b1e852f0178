"""The site search page: `/<language>/search/?query=…&page=N`."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from core.chinese import to_simplified, to_traditional
from search import hits
from search.analysis import clean, query_terms
from search.excerpts import result_for

RESULTS_PER_PAGE = 10
# Longer queries are refused (400) rather than searched: no visitor types more, and
# each Chinese character costs a token in the database query.
MAX_QUERY_LENGTH = 200


def visible_pages(locale):
    """The live, public pages of `locale` (public() reads the view restrictions: once
    per search, for both the results and the promotions)."""
    return Page.objects.live().public().filter(locale=locale)


def promotions_for(query, pages):
    """The editors' promotions for `query` (typed in either Chinese script) whose page
    is one of `pages`; external links show in every locale."""
    query_strings = {
        normalise_query_string(form)
        for form in (query, to_simplified(query), to_traditional(query))
    }
    return (
        SearchPromotion.objects.filter(query__query_string__in=query_strings)
        .filter(Q(page__in=pages) | Q(page__isnull=True, external_link_url__gt=""))
        .select_related("page")
        .order_by("sort_order", "pk")
    )


def search(request):
    """Search the live, public pages of the visitor's language."""
    query = " ".join(clean(request.GET.get("query", "")).split())
    context = {"search_query": query, "max_query_length": MAX_QUERY_LENGTH}

    if len(query) > MAX_QUERY_LENGTH:
        context["search_query"] = query[:MAX_QUERY_LENGTH]
        context["error"] = _("Your search is too long. Please use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
        return TemplateResponse(request, "pages/search_page.html", context, status=400)

    if not query:
        return TemplateResponse(request, "pages/search_page.html", context)

    pages = visible_pages(Locale.get_active())
    terms = query_terms(query)
    results = pages.specific().search(query) if terms else Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    # get_page: "abc" gives the first page, 9999 or -1 the last; never an error.
    page_of_results = paginator.get_page(request.GET.get("page"))

    # Count the query (once, on its first page) for the admin's "Search terms" report,
    # where editors see what visitors look for and add promotions; written outside
    # the request (search.hits), so a search writes nothing.
    if page_of_results.number == 1:
        hits.count(query)

    context.update(
        {
            "paginator": paginator,
            "search_results": page_of_results,
            "results": [result_for(page, terms, request) for page in page_of_results],
            "promotions": promotions_for(query, pages),
        }
    )
    return TemplateResponse(request, "pages/search_page.html", context)
