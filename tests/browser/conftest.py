"""A live copy of the demo site on loopback, and Debian's Chromium driven by Playwright.

The site runs in a thread of the test process (tests/live_server.py) against
the test database, with the demo content built once for the whole browser
package and committed. Each test is marked
django_db too, so that pytest-django creates the test database first.
pytest-django's own `live_server` fixture would flush the database after every
test, taking the demo content (and the home pages the migrations make) with it.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from tests.conftest import CHROMIUM
from tests.live_server import start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LANGUAGES = ["en", "zh-hant", "zh-hans"]
WIDTHS = {"phone": 390, "desktop": 1280}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# One page of each type, by the path below the language prefix; the demo
# content (manage.py load_demo_content) provides them in every language.
PAGE_TYPES = {
    "home": ("pages/home_page.html", ""),
    "partner_index": ("pages/partner_index_page.html", "partnerships/"),
    "partner": ("pages/partner_page.html", "partnerships/alibaba/"),
    "programme": ("pages/programme_page.html", "partnerships/alibaba/air/"),
    "standard": ("pages/standard_page.html", "partnerships/huawei/joint-laboratory/"),
    "enquiry_form": ("pages/enquiry_form_page.html", "tell-us-your-idea/"),
    "funding_calls": ("pages/funding_calls_page.html", "funding-calls/"),
    "funding_calls_filtered": ("pages/funding_calls_page.html", "funding-calls/?status=closed"),
    "search": ("pages/search_page.html", "search/?query=PolyU"),
    "not_found": ("404.html", "no-such-page/"),
}


def page_url(base_url, language, page_type):
    template, path = PAGE_TYPES[page_type]
    try:
        get_template(template)
    except TemplateDoesNotExist:
        pytest.skip(f"{template} is not written yet")
    return f"{base_url}/{language}/{path}"


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's synchronous API runs an event loop in this thread; Django would
    otherwise refuse the ORM calls the fixtures make beside it. Only while these
    tests run: subprocesses of other tests (check --deploy) must not inherit it."""
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if saved is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture(scope="package")
def site_url(django_db_setup, django_db_blocker):
    """The base URL of the demo site, served until the browser tests end."""
    from wagtail.models import Site

    with django_db_blocker.unblock():
        connection = connections["default"]
        call_command("load_demo_content", verbosity=0)
        server = start_server(connection)
        # Canonical and hreflang URLs name the server the browser talks to.
        site = Site.objects.get(is_default_site=True)
        saved = (site.hostname, site.port)
        Site.objects.filter(pk=site.pk).update(hostname="127.0.0.1", port=server.port)
        cache.clear()
        try:
            yield f"http://127.0.0.1:{server.port}"
        finally:
            stop_server(server, connection)
            Site.objects.filter(pk=site.pk).update(hostname=saved[0], port=saved[1])
            cache.clear()


@pytest.fixture(scope="package")
def browser(site_url):
    """Debian's Chromium, closed before the site it browses stops."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # Beside Playwright's event loop the tests see their own database connections
        # (Django keeps them per context); close them so PostgreSQL can drop the test
        # database at the end.
        connections.close_all()


@pytest.fixture
def open_page(browser, site_url):
    """open_page(path or URL, width=390) -> a Playwright page, console errors collected."""
    contexts = []

    def open_page(url, width=WIDTHS["desktop"], **options):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, reduced_motion="reduce", **options
        )
        contexts.append(context)
        page = context.new_page()
        # Script errors, and any request that fails (but the page's own 404 document).
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.request.resource_type != "document"
                and page.console_errors.append(f"{response.status} {response.url}")
            ),
        )
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not message.text.startswith("Failed to load resource")
                and page.console_errors.append(message.text)
            ),
        )
        page.response = page.goto(url if url.startswith("http") else site_url + url)
        return page

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, username, password):
    """Sign in on the admin's login page open in `page`, and wait for the dashboard."""
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")
    return page


def screenshot(page, name):
    """A full-page PNG in test-artifacts/screenshots/, lazy images loaded first."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
                scrollTo(0, y);
                await new Promise(resolve => setTimeout(resolve, 40));
            }
            scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every(image => image.complete)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
