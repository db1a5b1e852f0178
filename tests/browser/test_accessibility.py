"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page type, language or width.

Each page is also photographed (test-artifacts/screenshots/), to be looked at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import LANGUAGES, PAGE_TYPES, WCAG_AA, WIDTHS, page_url, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

axe = Axe()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_accessibility_violations(open_page, site_url, page_type, language, width):
    page = open_page(page_url(site_url, language, page_type), width=width)
    expected = 404 if page_type == "not_found" else 200
    assert page.response.status == expected
    screenshot(page, f"{page_type}-{language}-{width}")

    results = axe.run(page, options=WCAG_AA)

    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []
