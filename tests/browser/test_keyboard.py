"""The site works with the keyboard alone, and the focus can always be seen."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import WCAG_AA, page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FOCUS_STYLE = """() => {
    const style = getComputedStyle(document.activeElement);
    return {
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== "none",
    };
}"""


def tab_to(page, matches, limit=60):
    """Press Tab until the focused element satisfies `matches` (a JS predicate on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {matches}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def assert_focus_visible(page):
    style = page.evaluate(FOCUS_STYLE)
    assert style["outline"] or style["shadow"], "the focused element shows no focus indicator"


@pytest.mark.parametrize("width", [390, 1280])
def test_skip_link_comes_first_and_moves_to_the_main_content(open_page, width):
    page = open_page("/en/", width=width)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert_focus_visible(page)
    box = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert box >= 0  # on screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [390, 1280])
def test_language_switcher_works_with_the_keyboard(open_page, width):
    page = open_page("/en/", width=width)
    tab_to(page, "el.getAttribute('hreflang') === 'zh-Hant-HK'")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hant/")
    assert page.get_attribute("html", "lang") == "zh-Hant-HK"


@pytest.mark.parametrize("width", [390, 1280])
def test_main_navigation_works_with_the_keyboard(open_page, width):
    page = open_page("/zh-hans/", width=width)
    tab_to(page, "el.closest('.main-nav') !== null")
    assert_focus_visible(page)
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/zh-hans/partnerships/"
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hans/partnerships/")


@pytest.mark.parametrize("width", [390, 1280])
def test_search_box_works_with_the_keyboard(open_page, width):
    page = open_page("/en/", width=width)
    tab_to(page, "el.name === 'query'")
    assert_focus_visible(page)
    page.keyboard.type("Alibaba")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?query=Alibaba$"))
    assert page.locator("main a", has_text="Alibaba").count() >= 1
    # The button is reachable too, and shows its focus.
    tab_to(page, "el.closest('.site-search') !== null && el.type === 'submit'")
    assert_focus_visible(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_gallery_works_with_the_keyboard(open_page, site_url, width):
    page = open_page(page_url(site_url, "en", "partner"), width=width)
    assert page.locator(".gallery").count() >= 1, "the partner page has a gallery"
    tab_to(page, "el.classList.contains('gallery__open')")
    assert_focus_visible(page)
    opener = page.evaluate("document.activeElement.getAttribute('aria-label')")

    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    counter = page.locator(".lightbox__counter")
    first = counter.inner_text()
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() != first
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == first
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    # Tab stays inside the open dialog and shows where it is.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    assert_focus_visible(page)

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == opener
