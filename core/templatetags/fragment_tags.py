"""`{% cached_body %}…{% endcached_body %}`: a page body kept in the cache (core.fragments)."""

from django import template
from django.utils.safestring import mark_safe

from core import fragments

register = template.Library()


class CachedBodyNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # Set by the page's get_context (partner_pages.models.BodyPage); without
        # it (another view rendering the template) the body is simply rendered.
        fragment = context.get("body_fragment")
        request = context.get("request")
        if fragment is None:
            return self.nodelist.render(context)
        if fragment.hit:
            fragments.keep_until(request, fragment.until)
            return mark_safe(fragment.html)  # noqa: S308 - rendered by this template
        html, until = fragments.render_tracking_expiry(
            request, lambda: self.nodelist.render(context)
        )
        fragments.store(fragment, str(html), until)
        return html


@register.tag
def cached_body(parser, token):
    nodelist = parser.parse(("endcached_body",))
    parser.delete_first_token()
    return CachedBodyNode(nodelist)
