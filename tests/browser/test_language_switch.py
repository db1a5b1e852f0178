"""Switching language keeps the visitor on the same page."""

import pytest

from .conftest import page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("start", "target", "tag", "title"),
    [
        ("en", "zh-hant", "zh-Hant-HK", "阿里巴巴"),
        ("zh-hant", "zh-hans", "zh-Hans", "阿里巴巴"),
        ("zh-hans", "en", "en", "Alibaba"),
    ],
)
def test_switching_language_on_a_partner_page_lands_on_the_same_partner(
    open_page, site_url, start, target, tag, title
):
    page = open_page(page_url(site_url, start, "partner"), width=390)
    page.locator(f'.language-switcher a[hreflang="{tag}"]').click()
    page.wait_for_url(f"**/{target}/partnerships/alibaba/")
    assert page.get_attribute("html", "lang") == tag
    assert title in page.locator("h1").inner_text()
