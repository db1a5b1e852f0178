"""schema.org JSON-LD of partnership pages (partner_pages.structured_data), safe inside <script>."""

from django import template

from core.templatetags.navigation_tags import has_block
from core.templatetags.seo_tags import json_ld
from partner_pages.structured_data import page_graph

register = template.Library()


@register.simple_tag(takes_context=True)
def page_structured_data(context, page):
    """The page's graph as JSON for a <script type="application/ld+json">, or ""."""
    if not getattr(page, "pk", None):
        return ""
    request = context.get("request")
    programmes = context.get("programmes")
    graph = page_graph(
        page,
        page.get_full_url(request),
        trail=context.get("trail") or (),
        research_areas=context.get("research_areas") or (),
        # The partner page's own list, or a programme list block in its body.
        has_programmes=bool(programmes) or has_block(page, "programme_list"),
    )
    return json_ld(graph) if graph else ""
