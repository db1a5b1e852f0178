"""Behind a load balancer, the visitor's address comes from X-Forwarded-For, as far as trusted."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config.middleware import ClientAddressMiddleware


def remote_addr(settings, proxies, forwarded_for):
    settings.TRUSTED_PROXY_COUNT = proxies
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    headers = {"x-forwarded-for": forwarded_for} if forwarded_for is not None else {}
    request = RequestFactory().get("/en/", REMOTE_ADDR="10.0.0.2", headers=headers)
    ClientAddressMiddleware(view)(request)
    return seen["address"]


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.7", "203.0.113.7"),  # the load balancer's view of the visitor
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # a forged first entry is skipped
        (2, "203.0.113.7, 172.64.0.9", "203.0.113.7"),  # CDN, then load balancer
        (2, "172.64.0.9", "10.0.0.2"),  # fewer entries than proxies: keep the peer
        (1, None, "10.0.0.2"),
    ],
)
def test_the_visitor_address_is_taken_from_trusted_proxies_only(
    settings, proxies, forwarded_for, expected
):
    assert remote_addr(settings, proxies, forwarded_for) == expected
