"""The enquiry limit holds when many enquiries arrive at once, on a real server."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import connections
from django.test import override_settings
from wagtail.contrib.forms.models import FormSubmission

from partner_pages.enquiries import EnquiryCount
from tests import factories
from tests.live_server import start_server, stop_server

LIMIT = 5
PARALLEL = 40


@pytest.fixture(scope="module")
def served_form(django_db_setup, django_db_blocker):
    """An enquiry form, committed, and a live server on loopback that serves it."""
    with django_db_blocker.unblock():
        page = factories.enquiry_form_page(slug="tell-us-at-once")
        connection = connections["default"]
        server = start_server(connection)
        try:
            yield f"http://127.0.0.1:{server.port}{page.url}", page
        finally:
            stop_server(server, connection)
            # The server's threads opened connections of their own (PostgreSQL).
            connections.close_all()
            FormSubmission.objects.filter(page=page).delete()
            EnquiryCount.objects.all().delete()
            page.delete()


def post_enquiry(url, token, cookie, names):
    data = {
        "csrfmiddlewaretoken": token,
        names["Your name"]: "Chan Tai Man",
        names["Your e-mail"]: "taiman@example.com",
        names["Your idea"]: "A joint workshop on optical networks.",
        "website_url": "",
    }
    response = requests.post(
        url, data=data, cookies={"csrftoken": cookie}, headers={"Referer": url}, timeout=60
    )
    return response.status_code


@pytest.mark.django_db
@override_settings(ENQUIRY_RATE_LIMIT={"submissions": LIMIT, "seconds": 3600})
def test_forty_enquiries_at_once_store_at_most_the_limit(served_form):
    url, page = served_form
    form = requests.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    names = {field.label: field.clean_name for field in page.get_form_fields()}
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        statuses = list(
            pool.map(
                lambda _: post_enquiry(url, token, form.cookies["csrftoken"], names),
                range(PARALLEL),
            )
        )
    # Never more than the limit; when enquiries race, an early one may count a
    # later one too and be refused, so a burst may store fewer.
    accepted = statuses.count(200)
    assert 1 <= accepted <= LIMIT
    assert statuses.count(429) == PARALLEL - accepted
    assert FormSubmission.objects.filter(page=page).count() == accepted
