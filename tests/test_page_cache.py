"""The shared page cache: hits without the database, never personal, fresh after publishing."""

import copy
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.middleware.csrf import get_token
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction, Site

from home.models import HomePage
from page_cache import recovery, store
from page_cache.local import local_pages
from page_cache.models import LostInvalidation
from tests import factories

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).resolve().parent / "templates"


def cache_state(response):
    return response.get("X-Page-Cache")


def children_listed(response):
    match = re.search(r'<ul class="children">(.*?)</ul>', response.content.decode(), re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def heading(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)


def add_page(parent, title, slug):
    page = HomePage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, locale, title):
    translated = page.copy_for_translation(locale)
    translated.title = title
    translated.save_revision().publish()
    return translated


def publish_title(page, title):
    page = HomePage.objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def listing_templates(settings):
    """Home-page-type pages list their live children, as the index and home pages do."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [TEST_TEMPLATES, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


@pytest.fixture
def tree(home_pages, locales):
    """Home > Partnerships > Alibaba and Huawei, in English, Traditional and Simplified Chinese."""
    titles = {
        "index": {"en": "Partnerships", "zh-hant": "合作夥伴", "zh-hans": "合作伙伴"},
        "alibaba": {"en": "Alibaba", "zh-hant": "阿里巴巴", "zh-hans": "阿里巴巴"},
        "huawei": {"en": "Huawei", "zh-hant": "華為", "zh-hans": "华为"},
    }
    index = add_page(home_pages["en"], titles["index"]["en"], "partnerships")
    alibaba = add_page(index, titles["alibaba"]["en"], "alibaba")
    huawei = add_page(index, titles["huawei"]["en"], "huawei")
    pages = {"home": home_pages, "index": {"en": index}, "alibaba": {"en": alibaba}}
    pages["huawei"] = {"en": huawei}
    for code in ("zh-hant", "zh-hans"):
        for name, english in (("index", index), ("alibaba", alibaba), ("huawei", huawei)):
            pages[name][code] = translate(english, locales[code], titles[name][code])
    return pages


def url(page):
    return page.get_url()


def warm(client, urls):
    for address in urls:
        client.get(address)
    assert all(cache_state(client.get(address)) == "hit" for address in urls)


def all_urls(tree):
    names = ("home", "index", "alibaba", "huawei")
    return [url(page) for name in names for page in tree[name].values()]


# --- Hits -------------------------------------------------------------------------


def test_second_anonymous_request_is_a_hit_with_zero_queries(
    client, tree, django_assert_num_queries
):
    first = client.get("/en/partnerships/alibaba/")
    assert first.status_code == 200
    assert cache_state(first) == "miss"

    with django_assert_num_queries(0):
        second = client.get("/en/partnerships/alibaba/")
    assert second.status_code == 200
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"


def test_cached_pages_tell_browsers_and_cdns_how_long_to_keep_them(client, tree):
    for response in (client.get("/zh-hant/partnerships/"), client.get("/zh-hant/partnerships/")):
        cache_control = response["Cache-Control"]
        assert "public" in cache_control
        assert f"max-age={settings.PAGE_CACHE_MAX_AGE}" in cache_control
        assert f"s-maxage={settings.PAGE_CACHE_CDN_MAX_AGE}" in cache_control


def test_every_locale_has_its_own_entry(client, tree):
    warm(client, ["/en/partnerships/", "/zh-hant/partnerships/", "/zh-hans/partnerships/"])
    assert heading(client.get("/zh-hant/partnerships/")) == "合作夥伴"
    assert heading(client.get("/zh-hans/partnerships/")) == "合作伙伴"


def stored_pages():
    """How many pages the cache holds (every variant of every URL)."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMemCache
        keys = list(cache._cache)
    else:  # Redis
        keys = [key.decode() for key in cache._cache.get_client().keys("*")]
    return sum("pagecache:page:" in key for key in keys)


def test_query_parameters_a_page_does_not_read_share_its_entry(client, tree):
    """Tracking parameters, made-up ones, `?page=` on a page without pages: one entry."""
    first = client.get("/en/partnerships/?utm_source=newsletter&fbclid=x")
    assert cache_state(first) == "miss"
    for query in ("", "?utm_source=mail", "?page=2", "?x=1", "?x=2&y=3", "?Alibaba"):
        assert cache_state(client.get("/en/partnerships/" + query)) == "hit", query
    assert stored_pages() == 1


def test_the_partnerships_index_keeps_a_page_per_research_area_and_no_more(client, home_pages):
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"])
    optics = factories.ResearchAreaFactory(name="Optical communication", slug="optics")
    huawei = factories.PartnerPageFactory(parent=index, partner_name="Huawei")
    huawei.research_areas.add(optics, factories.ResearchAreaFactory(slug="big-data"))
    huawei.save_revision().publish()
    factories.PartnerPageFactory(parent=index, partner_name="Alibaba Group")

    assert cache_state(client.get(index.url)) == "miss"
    filtered = client.get(index.url, {"area": "optics", "utm_source": "mail"})
    assert cache_state(filtered) == "miss"
    assert cache_state(client.get(index.url, {"area": "optics"})) == "hit"
    assert cache_state(client.get(index.url + "?utm_source=x&area=optics")) == "hit"
    assert cache_state(client.get(index.url + "?area=big-data&area=optics")) == "hit"
    assert cache_state(client.get(index.url, {"area": "big-data"})) == "miss"
    assert stored_pages() == 3

    # An area the page does not list shows every partner, and is never stored.
    for made_up in ("nonsense", "optics2", ""):
        response = client.get(index.url, {"area": made_up})
        assert response.status_code == 200
        assert cache_state(response) == "bypass"
    assert stored_pages() == 3


def test_every_host_and_port_of_the_site_shares_one_entry(client, tree):
    assert cache_state(client.get("/en/partnerships/", HTTP_HOST="localhost:1")) == "miss"
    for host in ("localhost:2", "localhost", "127.0.0.1:8000", "testserver"):
        assert cache_state(client.get("/en/partnerships/", HTTP_HOST=host)) == "hit", host
    assert stored_pages() == 1


def test_a_stored_page_names_the_sites_address_never_the_visitors_host(client, tree):
    html = client.get("/en/partnerships/", HTTP_HOST="localhost:1").content.decode()
    assert "localhost:1" not in html
    assert 'content="http://localhost/static/img/og-default' in html
    assert '<link rel="canonical" href="http://localhost/en/partnerships/">' in html


def test_the_host_must_still_be_allowed(client, tree):
    assert client.get("/en/partnerships/", HTTP_HOST="evil.example").status_code == 400


def test_views_that_are_not_pages_are_left_alone(client, tree):
    client.get("/en/search/?query=Alibaba")
    response = client.get("/en/search/?query=Alibaba")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_switched_off_the_site_serves_pages_without_it(client, tree, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/")
    response = client.get("/en/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


# --- Never cached -------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pw")


def test_a_logged_in_user_is_never_served_from_the_cache(client, tree, editor):
    client.get("/en/partnerships/")
    assert cache_state(client.get("/en/partnerships/")) == "hit"

    client.force_login(editor)
    for _ in range(2):
        response = client.get("/en/partnerships/")
        assert response.status_code == 200
        assert cache_state(response) == "bypass"
        assert "private" in response["Cache-Control"]


def test_a_logged_in_users_page_is_not_stored_for_others(client, tree, editor):
    editor_client = type(client)()
    editor_client.force_login(editor)
    editor_client.get("/en/partnerships/")
    editor_client.get("/en/partnerships/")
    assert cache_state(client.get("/en/partnerships/")) == "miss"


def test_any_session_cookie_bypasses_the_cache(client, tree):
    client.get("/en/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "stale-or-forged"
    assert cache_state(client.get("/en/")) == "bypass"


def test_messages_waiting_to_be_shown_bypass_the_cache(client, tree):
    client.get("/en/")
    client.cookies["messages"] = "a-signed-message-list"
    assert cache_state(client.get("/en/")) == "bypass"


def test_a_post_is_never_cached_nor_served_from_the_cache(client, tree):
    client.get("/en/partnerships/")
    response = client.post("/en/partnerships/", {"name": "A visitor"})
    assert cache_state(response) == "bypass"
    assert "private" in response["Cache-Control"]
    assert cache_state(client.get("/en/partnerships/")) == "hit"


def test_a_page_that_renders_a_csrf_token_is_never_cached(client, tree):
    """Form pages render {% csrf_token %}: the token and its cookie belong to one visitor."""

    def render_form(page, request, serve_args, serve_kwargs):
        if page.slug == "alibaba":
            get_token(request)

    with hooks.register_temporarily("before_serve_page", render_form):
        first = client.get("/en/partnerships/alibaba/")
        second = client.get("/en/partnerships/alibaba/")
    assert settings.CSRF_COOKIE_NAME in first.cookies
    assert cache_state(first) == cache_state(second) == "bypass"
    assert "private" in second["Cache-Control"]


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_pages_with_view_restrictions_are_never_cached(client, tree, restriction_type):
    PageViewRestriction.objects.create(
        page=tree["alibaba"]["en"], restriction_type=restriction_type, password="secret"
    )
    for _ in range(2):
        response = client.get("/en/partnerships/alibaba/")
        assert cache_state(response) == "bypass"
        assert "private" in response["Cache-Control"]
        assert "<h1>Alibaba</h1>" not in response.content.decode()


def test_a_restriction_added_to_a_cached_page_empties_it_at_once(client, tree):
    assert cache_state(client.get("/en/partnerships/alibaba/")) == "miss"
    assert cache_state(client.get("/en/partnerships/alibaba/")) == "hit"
    PageViewRestriction.objects.create(
        page=tree["alibaba"]["en"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get("/en/partnerships/alibaba/")
    assert cache_state(response) == "bypass"
    assert "<h1>Alibaba</h1>" not in response.content.decode()


def test_a_preview_never_reaches_the_cache(client, tree, editor):
    page = HomePage.objects.get(pk=tree["alibaba"]["en"].pk)
    page.title = "Alibaba (draft)"
    page.save_revision()

    editor_client = type(client)()
    editor_client.force_login(editor)
    preview = editor_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert "Alibaba (draft)" in preview.content.decode()

    response = client.get("/en/partnerships/alibaba/")
    assert cache_state(response) == "miss"
    assert heading(response) == "Alibaba"


# --- Invalidation ----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "zh-hant", "zh-hans"])
def test_publishing_a_change_shows_on_the_page_and_the_index_in_its_locale(client, tree, code):
    warm(client, all_urls(tree))
    new_title = {"en": "Alibaba Group", "zh-hant": "阿里巴巴集團", "zh-hans": "阿里巴巴集团"}[code]

    publish_title(tree["alibaba"][code], new_title)

    partner = client.get(url(tree["alibaba"][code]))
    assert cache_state(partner) == "miss"
    assert heading(partner) == new_title
    index = client.get(url(tree["index"][code]))
    assert cache_state(index) == "miss"
    assert new_title in children_listed(index)


def test_publishing_invalidates_translations_ancestors_and_sitemap_only(client, tree):
    warm(client, [*all_urls(tree), "/sitemap.xml"])

    publish_title(tree["alibaba"]["en"], "Alibaba Group")

    for code in ("en", "zh-hant", "zh-hans"):
        for name in ("home", "index", "alibaba"):
            assert cache_state(client.get(url(tree[name][code]))) == "miss", (name, code)
        # A sibling the change does not touch stays cached.
        assert cache_state(client.get(url(tree["huawei"][code]))) == "hit", code
    assert cache_state(client.get("/sitemap.xml")) == "miss"


def test_publishing_a_page_refreshes_its_descendants_in_its_locale(client, tree):
    """Their breadcrumbs (a programme's partner line) show its title: found by bench/soak.py."""
    warm(client, all_urls(tree))

    publish_title(tree["index"]["en"], "Industry partnerships")

    for name in ("alibaba", "huawei"):
        assert cache_state(client.get(url(tree[name]["en"]))) == "miss", name
        # The Chinese pages' ancestors did not change.
        for code in ("zh-hant", "zh-hans"):
            assert cache_state(client.get(url(tree[name][code]))) == "hit", (name, code)


def test_publishing_a_new_translation_updates_the_other_locales_language_links(
    client, home_pages, locales
):
    about = add_page(home_pages["en"], "About", "about")
    warm(client, ["/en/about/"])
    alternate = '<link rel="alternate" hreflang="zh-Hant-HK"'
    assert alternate not in client.get("/en/about/").content.decode()

    translate(about, locales["zh-hant"], "關於我們")

    response = client.get("/en/about/")
    assert cache_state(response) == "miss"
    assert alternate in response.content.decode()


def test_unpublishing_removes_the_page_and_its_listing(client, tree):
    warm(client, all_urls(tree))
    HomePage.objects.get(pk=tree["alibaba"]["zh-hant"].pk).unpublish()

    assert client.get("/zh-hant/partnerships/alibaba/").status_code == 404
    assert children_listed(client.get("/zh-hant/partnerships/")) == ["華為"]
    assert cache_state(client.get("/en/partnerships/alibaba/")) == "miss"


def test_deleting_removes_the_page_and_its_listing(client, tree):
    warm(client, all_urls(tree))
    HomePage.objects.get(pk=tree["huawei"]["en"].pk).delete()

    assert client.get("/en/partnerships/huawei/").status_code == 404
    assert children_listed(client.get("/en/partnerships/")) == ["Alibaba"]
    assert cache_state(client.get("/zh-hans/partnerships/huawei/")) == "miss"


def test_moving_serves_the_page_at_its_new_address_only(client, tree):
    warm(client, [*all_urls(tree), "/en/partnerships/"])
    huawei = HomePage.objects.get(pk=tree["huawei"]["en"].pk)
    huawei.move(tree["home"]["en"], pos="last-child")

    # Wagtail's redirects app sends the old address on; it no longer serves the page.
    old_address = client.get("/en/partnerships/huawei/")
    assert old_address.status_code == 301
    assert old_address["Location"] == "/en/huawei/"
    assert heading(client.get("/en/huawei/")) == "Huawei"
    assert children_listed(client.get("/en/partnerships/")) == ["Alibaba"]
    assert "Huawei" in children_listed(client.get("/en/"))


def test_reordering_updates_the_listing(client, tree):
    warm(client, ["/en/partnerships/"])
    huawei = HomePage.objects.get(pk=tree["huawei"]["en"].pk)
    huawei.move(tree["alibaba"]["en"], pos="left")
    assert children_listed(client.get("/en/partnerships/")) == ["Huawei", "Alibaba"]


def test_changing_a_slug_retires_the_old_address_of_the_page_and_its_children(
    client, tree, django_capture_on_commit_callbacks
):
    warm(client, all_urls(tree))
    index = HomePage.objects.get(pk=tree["index"]["en"].pk)
    index.slug = "partners"
    # Wagtail announces a slug change when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()

    for old_address, new_address in [
        ("/en/partnerships/", "/en/partners/"),
        ("/en/partnerships/alibaba/", "/en/partners/alibaba/"),
    ]:
        response = client.get(old_address)
        assert response.status_code == 301  # Wagtail's redirects app sends it on
        assert response["Location"] == new_address
    assert heading(client.get("/en/partners/alibaba/")) == "Alibaba"


def test_a_change_committed_while_a_page_renders_is_not_served_afterwards(client, tree):
    """A visitor who read the page just before an editor published must not cache the old page."""
    published = []

    def publish_while_rendering(page, request, serve_args, serve_kwargs):
        if page.slug == "alibaba" and not published:
            published.append(publish_title(page, "Alibaba Group"))

    with hooks.register_temporarily("before_serve_page", publish_while_rendering):
        stale = client.get("/en/partnerships/alibaba/")
    assert heading(stale) == "Alibaba"  # rendered from the page it had already loaded

    fresh = client.get("/en/partnerships/alibaba/")
    assert cache_state(fresh) == "miss"
    assert heading(fresh) == "Alibaba Group"


def test_changing_the_site_or_an_image_refreshes_every_page(client, tree):
    warm(client, all_urls(tree))
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    # A new image is on no page yet: nothing to refresh.
    assert cache_state(client.get("/en/partnerships/huawei/")) == "hit"

    image.title = "Huawei logo"
    image.save()
    assert cache_state(client.get("/en/partnerships/huawei/")) == "miss"

    warm(client, ["/zh-hans/"])
    site = Site.objects.get(is_default_site=True)
    site.site_name = "PolyU"
    site.save()
    assert cache_state(client.get("/zh-hans/")) == "miss"


def test_clear_page_cache_command_refreshes_every_page(client, tree):
    warm(client, all_urls(tree))
    call_command("clear_page_cache", stdout=open("/dev/null", "w"))
    assert cache_state(client.get("/zh-hant/partnerships/alibaba/")) == "miss"


def test_the_sitemap_is_cached_and_lists_a_newly_published_page(client, tree):
    client.get("/sitemap.xml")
    assert cache_state(client.get("/sitemap.xml")) == "hit"

    add_page(tree["index"]["en"], "Tencent", "tencent")

    response = client.get("/sitemap.xml")
    assert cache_state(response) == "miss"
    assert "/en/partnerships/tencent/" in response.content.decode()


# --- Robustness ----------------------------------------------------------------------


def test_a_lost_generation_key_causes_a_miss_not_a_stale_page(client, tree):
    warm(client, ["/en/partnerships/"])
    store.get_cache().delete(store.path_key("/en/partnerships/"))
    local_pages.clear()  # as seen from a process without its own copy
    assert cache_state(client.get("/en/partnerships/")) == "miss"
    assert cache_state(client.get("/en/partnerships/")) == "hit"


def test_a_lost_counter_restarts_above_every_earlier_generation(client, tree):
    warm(client, ["/en/partnerships/alibaba/"])
    store.get_cache().delete(store.COUNTER_KEY)
    publish_title(tree["alibaba"]["en"], "Alibaba Group")
    assert heading(client.get("/en/partnerships/alibaba/")) == "Alibaba Group"


def test_a_failing_page_cache_lookup_serves_the_page_uncached(client, tree, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache server down")

    monkeypatch.setattr(store.get_cache(), "get_many", unreachable)
    response = client.get("/en/partnerships/")
    assert response.status_code == 200
    assert cache_state(response) == "bypass"


def test_an_invalidation_the_cache_did_not_receive_empties_it_before_it_serves_again(
    client, tree, monkeypatch
):
    warm(client, ["/en/partnerships/alibaba/", "/en/partnerships/", "/en/partnerships/huawei/"])

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache server down")

    with monkeypatch.context() as outage:
        for name in ("incr", "add", "set", "set_many"):
            outage.setattr(store.get_cache(), name, unreachable)
        HomePage.objects.get(pk=tree["alibaba"]["en"].pk).unpublish()
    assert LostInvalidation.objects.exists()

    assert client.get("/en/partnerships/alibaba/").status_code == 404
    assert children_listed(client.get("/en/partnerships/")) == ["Huawei"]
    assert cache_state(client.get("/en/partnerships/huawei/")) == "miss"  # everything went
    assert cache_state(client.get("/en/partnerships/huawei/")) == "hit"
    assert not LostInvalidation.objects.exists()


def test_a_process_reads_lost_invalidations_before_serving_its_first_stored_page(
    client, tree, django_assert_num_queries
):
    warm(client, ["/en/partnerships/"])
    LostInvalidation.objects.create()  # by a process that could not reach the cache
    recovery.reset()  # this one has just started
    assert cache_state(client.get("/en/partnerships/")) == "miss"
    assert not LostInvalidation.objects.exists()
    with django_assert_num_queries(0):
        assert cache_state(client.get("/en/partnerships/")) == "hit"


# --- CDN ------------------------------------------------------------------------------------

PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend cache backend that remembers what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


def test_publishing_purges_the_cdn_for_the_page_its_listings_translations_and_sitemap(
    client, tree, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.test_page_cache.RecordingBackend"}
    }
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_title(tree["alibaba"]["en"], "Alibaba Group")

    expected = {
        "http://localhost/en/partnerships/alibaba/",
        "http://localhost/zh-hant/partnerships/alibaba/",
        "http://localhost/zh-hans/partnerships/alibaba/",
        "http://localhost/en/partnerships/",
        "http://localhost/zh-hant/partnerships/",
        "http://localhost/en/",
        "http://localhost/zh-hans/",
        "http://localhost/sitemap.xml",
    }
    assert expected <= set(PURGED)
    assert "http://localhost/en/partnerships/huawei/" not in PURGED


def test_the_database_cache_production_falls_back_to_works_the_same(
    client, tree, settings, django_assert_num_queries
):
    """Without REDIS_URL, production keeps pages in the database: one query per hit."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "pages"},
    }
    call_command("createcachetable", verbosity=0)

    assert cache_state(client.get("/zh-hant/partnerships/")) == "miss"
    with django_assert_num_queries(1):  # the cache table's SELECT, nothing else
        assert cache_state(client.get("/zh-hant/partnerships/")) == "hit"

    publish_title(tree["alibaba"]["zh-hant"], "阿里巴巴集團")
    index = client.get("/zh-hant/partnerships/")
    assert cache_state(index) == "miss"
    assert "阿里巴巴集團" in children_listed(index)


def test_the_enquiry_form_is_never_cached_before_or_after_a_post(client, home_pages):
    from tests import factories

    form_page = factories.enquiry_form_page(thank_you_text="<p>Thank you for your idea.</p>")
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}

    for _ in range(2):
        form = client.get(form_page.url)
        assert form.status_code == 200
        assert cache_state(form) == "bypass"  # its CSRF token belongs to one visitor
        assert "private" in form["Cache-Control"]

    thanks = client.post(
        form_page.url,
        {
            names["Your name"]: "Chan Tai Man",
            names["Your e-mail"]: "taiman@example.com",
            names["Your idea"]: "A joint workshop on optical networks.",
            "website_url": "",
        },
    )
    assert "Thank you for your idea." in thanks.content.decode()
    assert cache_state(thanks) == "bypass"

    fresh_visitor = type(client)()
    after = fresh_visitor.get(form_page.url)
    assert cache_state(after) == "bypass"
    assert "Thank you for your idea." not in after.content.decode()
