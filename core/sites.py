"""Which Wagtail site a request is for, answered from memory instead of a query.

Wagtail's `Site.find_for_request` reads the Site table on every request. The
page cache must know the site before it may touch the database (its entries
are keyed by the site, not by the Host header a visitor chose, so
`localhost:1` and `localhost:2` share one), and absolute links must use the
site's own root URL, never the visitor's Host. So each process keeps a
snapshot of the Site table and matches requests against it exactly as Wagtail
does (`wagtail.models.sites.get_site_for_hostname`: the hostname of the Host
header, the port the server was reached on).

The snapshot is read on first use and again whenever it disagrees with the
site Wagtail itself found for a request it served (`confirm`): a site added,
changed or removed shows on the next page rendered, and saving a site also
empties the page cache, so nothing stored under the old answer is served.
"""

import threading
from dataclasses import dataclass
from urllib.parse import urljoin

from django.db import DatabaseError
from django.http.request import split_domain_port
from django.utils.encoding import escape_uri_path


@dataclass(frozen=True)
class SiteInfo:
    pk: int
    hostname: str
    port: int
    is_default_site: bool
    root_url: str


_snapshot = None
_lock = threading.Lock()


def _load():
    from wagtail.models import Site

    return tuple(
        SiteInfo(site.pk, site.hostname, site.port, site.is_default_site, site.root_url)
        for site in Site.objects.order_by("pk")
    )


def snapshot():
    global _snapshot
    if _snapshot is None:
        with _lock:
            if _snapshot is None:
                _snapshot = _load()
    return _snapshot


def reload():
    global _snapshot
    with _lock:
        _snapshot = _load()


def forget():
    """Read the Site table again on next use."""
    global _snapshot
    _snapshot = None


def match(sites, hostname, port):
    """The site Wagtail's `get_site_for_hostname(hostname, port)` returns, or None."""
    exact = [site for site in sites if site.hostname == hostname and site.port == port]
    if exact:
        return exact[0]
    named = [site for site in sites if site.hostname == hostname]
    default = [site for site in sites if site.is_default_site]
    for site in named:
        if site.is_default_site:
            return site
    candidates = named + [site for site in default if site not in named]
    if len(candidates) == 1:
        return candidates[0]
    if default:
        # The default, unless exactly one site has this hostname.
        return named[0] if len(named) == 1 else default[0]
    return None


def _port(request):
    try:
        return int(request.get_port())
    except (TypeError, ValueError):
        return None


def site_for(request):
    """The `SiteInfo` of the site Wagtail serves this request from, or None.

    Raises DisallowedHost, as `request.get_host()` does, for a host not in ALLOWED_HOSTS.
    """
    hostname = split_domain_port(request.get_host())[0]
    return match(snapshot(), hostname, _port(request))


def confirm(request):
    """Whether the snapshot agrees with the site Wagtail found for this request.

    Reads the Site table again when it does not. A request Wagtail did not
    look a site up for cannot disagree.
    """
    if not hasattr(request, "_wagtail_site"):
        return True
    actual = request._wagtail_site
    expected = site_for(request)
    if actual is None and expected is None:
        return True
    if actual is not None and expected is not None:
        if actual.pk == expected.pk and actual.root_url == expected.root_url:
            return True
    reload()
    return False


def root_url(request):
    """The root URL (scheme, host and port) of the request's site; None without a site."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        return site.root_url
    try:
        info = site_for(request)
    except DatabaseError:  # the 500 page, with the database down
        return None
    return info.root_url if info is not None else None


def absolute_url(request, url):
    """`url` made absolute on the site's own root URL (the visitor's host only without a site)."""
    root = root_url(request)
    if root is None:
        return request.build_absolute_uri(url)
    return urljoin(root + escape_uri_path(request.path), url)


def connect_signals():
    """Forget the snapshot when this process saves or deletes a site (others: `confirm`)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site

    for signal in (post_save, post_delete):
        signal.connect(
            lambda **_kwargs: forget(), sender=Site, weak=False, dispatch_uid=f"core-sites-{signal}"
        )
