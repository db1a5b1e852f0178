"""core.sites: the Wagtail site of a request from memory, as Wagtail itself would find it."""

import itertools

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from core import sites

pytestmark = pytest.mark.django_db


def wagtails_answer(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


def ours(hostname, port):
    site = sites.match(sites._load(), hostname, port)
    return site.pk if site else None


@pytest.mark.parametrize(
    "layout",
    [
        # (hostname, port, is_default_site) of each site
        [("localhost", 80, True)],
        [("localhost", 80, True), ("partners.example.edu", 443, False)],
        [("partners.example.edu", 443, True), ("partners.example.edu", 8443, False)],
        [("a.example.edu", 80, False), ("a.example.edu", 8080, False)],
        [("a.example.edu", 80, False), ("b.example.edu", 80, True), ("a.example.edu", 81, False)],
        [("a.example.edu", 80, False)],
    ],
)
def test_the_same_site_as_wagtail_for_every_host_and_port(home_pages, layout):
    root = Page.objects.get(depth=2, locale__language_code="en")
    Site.objects.all().delete()
    for hostname, port, is_default in layout:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )
    hostnames = {"localhost", "partners.example.edu", "a.example.edu", "b.example.edu", "x.org"}
    for hostname, port in itertools.product(hostnames, [80, 81, 443, 8080, 8443]):
        assert ours(hostname, port) == wagtails_answer(hostname, port), (hostname, port)


def test_a_changed_site_is_noticed_on_the_next_page_served(client, home_pages):
    sites.snapshot()  # as read by an earlier request
    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(hostname="partners.example.edu", port=443)

    client.get("/en/")  # Wagtail finds the changed site: the snapshot is read again
    request = RequestFactory().get("/en/search/")
    assert sites.root_url(request) == "https://partners.example.edu"
    assert (
        sites.absolute_url(request, "/static/x.png") == "https://partners.example.edu/static/x.png"
    )


def test_absolute_urls_keep_addresses_that_are_already_absolute(home_pages):
    request = RequestFactory().get("/en/search/", HTTP_HOST="localhost:1")
    assert sites.absolute_url(request, "https://cdn.example/x.png") == "https://cdn.example/x.png"
    assert sites.absolute_url(request, "/en/") == "http://localhost/en/"
    assert sites.absolute_url(request, "page-2/") == "http://localhost/en/search/page-2/"
