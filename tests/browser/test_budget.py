"""A partner page stays light: HTML + CSS + JS at most 100 KB, one render-blocking stylesheet."""

import pytest

from .conftest import LANGUAGES, page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BUDGET = 100 * 1024
COUNTED = {"document", "stylesheet", "script"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_page_html_css_and_js_fit_the_budget(browser, site_url, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes = {}

    def count(response):
        if response.request.resource_type in COUNTED:
            sizes[response.url] = len(response.body())  # uncompressed bytes

    page.on("response", count)
    page.goto(page_url(site_url, language, "partner"), wait_until="networkidle")
    context.close()
    total = sum(sizes.values())
    assert total <= BUDGET, f"{total} bytes: {sizes}"


def test_only_one_stylesheet_blocks_rendering_and_there_is_a_favicon(open_page, site_url):
    page = open_page(page_url(site_url, "en", "partner"))
    blocking = page.evaluate(
        """() => [
            ...[...document.querySelectorAll('link[rel~="stylesheet"]')]
                .filter(link => !link.media || matchMedia(link.media).matches)
                .map(link => link.href),
            ...[...document.querySelectorAll('head script[src]')]
                .filter(script => !script.async && !script.defer && script.type !== 'module')
                .map(script => script.src),
            ...[...document.querySelectorAll('style')].filter(s => /@import/.test(s.textContent))
                .map(() => '@import'),
        ]"""
    )
    assert len(blocking) == 1 and "/css/site" in blocking[0], blocking
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert page.request.get(icon).status == 200
    assert page.console_errors == []
