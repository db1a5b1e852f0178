"""A page's body comes from the fragment cache, and never outlives what it shows.

Each invalidation test first changes the database behind the cache's back
(`QuerySet.update` sends no signal) to prove the body is the stored one, then
makes the change as an editor would (a save or a publish) and expects it on
the page.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core import fragments
from home.models import HomePage
from partner_pages.models import Contact, ProgrammePage, ResearchArea
from tests import factories

pytestmark = pytest.mark.django_db

BODY_HIT_QUERIES = 12


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    # The whole page would come from the page cache and hide the body's cache.
    settings.PAGE_CACHE_ENABLED = False


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def partner(home_pages):
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"])
    contact = factories.ContactFactory(name="Dr Chan Tai Man")
    photo = factories.SmallImageFactory(title="Signing ceremony")
    page = factories.PartnerPageFactory(
        parent=index,
        hero_image=factories.SmallImageFactory(title="The laboratory"),
        body=[
            factories.block("image", factories.figure(photo, alt_text="")),
            factories.block(
                "contacts", {"heading": "Enquiries", "contacts": factories.list_items([contact.pk])}
            ),
        ],
    )
    page.research_areas.add(factories.ResearchAreaFactory(name="Cloud computing"))
    page = publish(page)
    programme = publish(factories.ProgrammePageFactory(parent=page, title="Innovative Research"))
    return {"page": page, "contact": contact, "photo": photo, "programme": programme}


def body(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_the_second_view_prints_the_stored_body_with_fewer_queries(
    client, partner, django_assert_num_queries
):
    url = partner["page"].url
    first = body(client.get(url))
    # The site, the locale, the route (five), the view restrictions (two), the
    # page's locale, its translations and its ancestors: no query for images
    # (the share image is stored with the body), research areas, contacts,
    # programmes or child pages.
    with django_assert_num_queries(BODY_HIT_QUERIES):
        second = body(client.get(url))
    assert second == first
    assert "Dr Chan Tai Man" in second and "Innovative Research" in second
    assert '<meta property="og:image:alt" content="The laboratory">' in client.get(url).text


def test_a_contact_saved_shows_at_once(client, partner):
    url = partner["page"].url
    client.get(url)
    Contact.objects.filter(pk=partner["contact"].pk).update(name="Behind the cache's back")
    assert "Dr Chan Tai Man" in body(client.get(url))

    contact = Contact.objects.get(pk=partner["contact"].pk)
    contact.name = "Ms Wong Siu Ming"
    contact.save()
    assert "Ms Wong Siu Ming" in body(client.get(url))


def test_a_research_area_renamed_shows_at_once(client, partner):
    url = partner["page"].url
    client.get(url)
    area = ResearchArea.objects.get(name="Cloud computing")
    ResearchArea.objects.filter(pk=area.pk).update(name="Behind the cache's back")
    assert "Cloud computing" in body(client.get(url))

    area.name = "Big data"
    area.save()
    html = body(client.get(url))
    assert "Big data" in html and "Cloud computing" not in html


def test_a_programme_published_unpublished_or_restricted_shows_at_once(client, partner):
    url = partner["page"].url
    client.get(url)
    ProgrammePage.objects.filter(pk=partner["programme"].pk).update(title="Behind the back")
    assert "Innovative Research" in body(client.get(url))

    publish(factories.ProgrammePageFactory(parent=partner["page"], title="Research Fellowships"))
    assert "Research Fellowships" in body(client.get(url))

    partner["programme"].unpublish()
    assert "Behind the back" not in body(client.get(url))

    fellowships = ProgrammePage.objects.get(title="Research Fellowships")
    PageViewRestriction.objects.create(
        page=fellowships, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert "Research Fellowships" not in body(client.get(url))


def test_an_image_changed_shows_at_once(client, partner):
    url = partner["page"].url
    client.get(url)
    image = partner["photo"]
    type(image).objects.filter(pk=image.pk).update(title="Behind the cache's back")
    assert 'alt="Signing ceremony"' in body(client.get(url))

    image.title = "Opening of the joint laboratory"
    image.save()
    assert 'alt="Opening of the joint laboratory"' in body(client.get(url))


def test_the_page_published_again_shows_its_new_revision(client, partner):
    page = partner["page"]
    client.get(page.url)
    page.title = "Alibaba – PolyU Joint Research"
    publish(page)
    assert "<h1>Alibaba – PolyU Joint Research</h1>" in body(client.get(page.url))


def test_each_language_has_its_own_body(client, partner, home_pages):
    index = factories.PartnerIndexPageFactory(parent=home_pages["zh-hant"], slug="partnerships")
    chinese = publish(factories.PartnerPageFactory(parent=index, title="阿里巴巴", slug="alibaba"))
    english = body(client.get(partner["page"].url))
    assert "<h1>阿里巴巴</h1>" in body(client.get(chinese.url))
    assert body(client.get(partner["page"].url)) == english


def test_a_saved_draft_changes_nothing_stored(client, partner, django_assert_num_queries):
    page = partner["page"]
    client.get(page.url)
    page.title = "A draft no visitor sees"
    page.save_revision()
    with django_assert_num_queries(BODY_HIT_QUERIES):
        assert "A draft no visitor sees" not in body(client.get(page.url))


def test_a_preview_is_never_stored_nor_served_from_the_store(client, partner, admin_client):
    page = partner["page"]
    client.get(page.url)
    page.title = "Draft title"
    page.save_revision()
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert "Draft title" in preview.content.decode()
    assert "Draft title" not in body(client.get(page.url))


def test_a_body_with_a_status_is_not_served_past_the_moment_it_turns(
    client, home_pages, monkeypatch
):
    today = timezone.localdate()
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"])
    page = publish(factories.PartnerPageFactory(parent=index))
    publish(
        factories.ProgrammePageFactory(
            parent=page, call_opens=today, call_closes=today + datetime.timedelta(days=1)
        )
    )
    first = client.get(page.url)
    assert "Closes in 1 day" in body(first)

    # The stored body knows when it turns: the page cache is told on a hit too.
    fragment = fragments.lookup(first.wsgi_request, page)
    assert fragment.hit and fragment.until is not None
    second = client.get(page.url)
    assert second.wsgi_request.page_cache_expires_at == fragment.until

    # Past the turn the entry is not served, even where the day in its key
    # has not changed yet (the key's day and `until` both say midnight).
    later = fragment.until + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with monkeypatch.context() as same_day:
        same_day.setattr(timezone, "localdate", lambda *args: today)
        assert not fragments.lookup(second.wsgi_request, page).hit
    assert "Closes today" in body(client.get(page.url))


def test_a_cache_that_does_not_answer_only_costs_the_render(client, partner, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache server is not answering")

    monkeypatch.setattr(fragments.cache, "get_many", refuse)
    response = client.get(partner["page"].url)
    assert "Dr Chan Tai Man" in body(response)


def test_an_invalidation_repeats_when_the_transaction_commits(
    partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fragments.invalidate()
    assert fragments._forget_generation in callbacks


def test_a_home_page_is_not_a_body_page(client, home_pages):
    # Only pages whose get_context looks the body up use the store.
    response = client.get(HomePage.in_language("en").url)
    assert response.status_code == 200
    assert "body_fragment" not in response.context


def test_clear_page_cache_after_a_deploy_renders_every_body_again(client, partner):
    url = partner["page"].url
    client.get(url)
    # Templates may have changed with the code; the rows did not.
    Contact.objects.filter(pk=partner["contact"].pk).update(name="Seen after the deploy")
    call_command("clear_page_cache", stdout=io.StringIO())
    assert "Seen after the deploy" in body(client.get(url))
