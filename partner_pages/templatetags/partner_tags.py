"""Template helpers for partnership pages and blocks."""

from django import template

register = template.Library()


@register.inclusion_tag("components/programme_status.html")
def programme_status(programme):
    """A badge with a programme's call status: "Open for applications", "Closed"..."""
    return {"status": programme.status}
