"""Every live public page can be reached by clicking from its language's home page."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from wagtail.models import Page, PageViewRestriction

from page_cache import store

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant", "zh-hans"]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(html, prefix):
    """The paths of the page's <a href> links inside this language (query strings dropped)."""
    parser = LinkParser()
    parser.feed(html)
    paths = set()
    for href in parser.hrefs:
        parts = urlsplit(urldefrag(href).url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            continue
        if parts.path.startswith(prefix):
            paths.add(parts.path)
    return paths


def crawl(client, start):
    """Every path reachable by links from `start` within its language prefix."""
    seen, queue = {start}, [start]
    while queue:
        path = queue.pop()
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in internal_links(response.content.decode(), start) - seen:
            seen.add(link)
            queue.append(link)
    return seen


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_live_page_is_reachable_by_links_from_the_home_page(demo_site, client, language):
    pages = (
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, depth__gt=1)
        .specific()
        .order_by("path")
    )
    urls = {page.get_url(): page for page in pages if page.get_url()}
    assert f"/{language}/partnerships/huawei/joint-laboratory/" in urls
    reached = crawl(client, f"/{language}/")
    unreachable = [f"{url} ({page.title})" for url, page in urls.items() if url not in reached]
    assert not unreachable, "No link leads to: " + ", ".join(unreachable)


@pytest.mark.parametrize(
    ("language", "title", "to_be_announced"),
    [
        ("en", "Funding calls", "To be announced"),
        ("zh-hant", "資助申請", "待公布"),
        ("zh-hans", "资助申请", "待公布"),
    ],
)
def test_the_demo_lists_its_calls_and_hirp_is_to_be_announced(
    demo_site, client, language, title, to_be_announced
):
    home = client.get(f"/{language}/").content.decode()
    nav = home.split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert f'<a href="/{language}/funding-calls/">{title}</a>' in nav
    finder = client.get(f"/{language}/funding-calls/").content.decode()
    assert finder.count('<article class="call">') == 4  # AIR, ARF, RI and HIRP
    badge = f'<span class="status status--tba">{to_be_announced}</span>'
    assert badge in finder
    assert badge in client.get(f"/{language}/partnerships/huawei/hirp/").content.decode()


def test_a_partner_page_lists_its_other_live_public_child_pages(client, home_pages):
    from tests import factories

    index = factories.PartnerIndexPageFactory(parent=home_pages["en"], slug="reach-index")
    partner = factories.PartnerPageFactory(parent=index, slug="reach-partner")
    factories.ProgrammePageFactory(parent=partner, slug="reach-programme", title="A programme")
    assert "More about this partnership" not in client.get(partner.url).content.decode()
    store.invalidate_all()  # the pages below are made without publishing

    factories.StandardPageFactory(
        parent=partner, slug="lab", title="Joint Lab", summary="Set up on 30 November 2016."
    )
    factories.StandardPageFactory(parent=partner, slug="draft", title="Draft page", live=False)
    private = factories.StandardPageFactory(parent=partner, slug="private", title="Private page")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get(partner.url).content.decode()
    section = html.split('<section class="partner-pages"')[1].split("</section>")[0]
    assert f'<a href="{partner.url}lab/">Joint Lab</a>' in section
    assert "Set up on 30 November 2016." in section
    assert "Draft page" not in html and "Private page" not in html
    assert "A programme" not in section  # programmes keep their own section
