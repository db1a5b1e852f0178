"""Snippet changes wait for review: visitors see the published version until a reviewer
of that language approves the change.

A translator's new name for a contact stays a draft (the partner page and the
programme page that show the contact keep the old name); they submit it; the
reviewers of that language are told and one approves it in the admin; then
both pages show it, straight through the page cache. Reviewers of the other
language can neither approve nor publish it.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield
from wagtail_localize.models import Translation

from core.models import FooterContent
from partner_pages.models import ProgrammeContact
from tests import factories
from tests.translation_fixtures import start_translations, translate

pytestmark = pytest.mark.django_db

REVIEWERS = {
    "zh-hant": "Reviewers (Traditional Chinese)",
    "zh-hans": "Reviewers (Simplified Chinese)",
}
TRANSLATORS = {
    "zh-hant": "Translators (Traditional Chinese)",
    "zh-hans": "Translators (Simplified Chinese)",
}


@pytest.fixture(autouse=True)
def reviewers_look_after_their_language(home_pages):
    """Page permissions on their language's home page, as the reviewer groups' migration gives."""
    for code, name in REVIEWERS.items():
        group = Group.objects.get(name=name)
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home_pages[code],
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def person(django_user_model, username, *group_names):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.edu.hk", password="pw"
    )
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(django_user_model):
    return {
        "translator": person(django_user_model, "hant-translator", TRANSLATORS["zh-hant"]),
        "reviewer": person(django_user_model, "hant-reviewer", REVIEWERS["zh-hant"]),
        "other reviewer": person(django_user_model, "hans-reviewer", REVIEWERS["zh-hans"]),
    }


@pytest.fixture
def visitor():
    return Client()


def contact_names(response):
    assert response.status_code == 200
    return re.findall(r'<p class="contact__name">([^<]+)</p>', response.content.decode())


@pytest.fixture
def contact(locales):
    """Victor Zhao, and his Traditional Chinese version 趙偉 (published)."""
    english = factories.ContactFactory(name="Victor Zhao")
    factories.ContactPhoneNumberFactory(contact=english)
    hant = english.copy_for_translation(locales["zh-hant"])
    hant.name = "趙偉"
    hant.save()
    return {"en": english, "zh-hant": hant}


@pytest.fixture
def pages_showing(contact, home_pages):
    """The Traditional Chinese partner page (a contacts block) and programme page showing him."""
    index = factories.PartnerIndexPageFactory(parent=home_pages["zh-hant"], slug="partnerships")
    partner = factories.PartnerPageFactory(
        parent=index,
        title="華為",
        slug="huawei",
        body=[factories.block("contacts", {"heading": "查詢", "contacts": [contact["en"].pk]})],
    )
    programme = factories.ProgrammePageFactory(parent=partner, title="華為研究計劃", slug="hirp")
    programme.programme_contacts = [ProgrammeContact(contact=contact["en"])]
    programme.save()
    return [partner.url, programme.url]


def edit_url(obj):
    return reverse(f"{obj.snippet_viewset.get_admin_url_namespace()}:edit", args=[obj.pk])


def edit_form(client, obj):
    response = client.get(edit_url(obj))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="w-editor-form")


def approve_url(obj, action="approve"):
    task_state = obj.current_workflow_task_state
    namespace = obj.snippet_viewset.get_admin_url_namespace()
    return reverse(f"{namespace}:workflow_action", args=[obj.pk, action, task_state.pk])


def refused(response):
    """Wagtail's admin answers a refused action with the dashboard ("Sorry, you do not have
    permission to access this area.")."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def accepted(response):
    return response.status_code == 302 and not refused(response)


def recipients():
    return {address for message in mail.outbox for address in message.to}


def test_every_reviewed_snippet_has_the_review_workflow(contact):
    workflow = Workflow.objects.get(name="Review snippet translations")
    footer = FooterContent.objects.get(locale__language_code="zh-hant")
    area = factories.ResearchAreaFactory()
    for obj in (contact["zh-hant"], area, footer):
        assert obj.get_workflow() == workflow
    # What was there before stays published, as its first revision (the footers are
    # older than the review).
    for footer in FooterContent.objects.all():
        assert footer.live
        assert footer.live_revision.as_object().address == footer.address


def test_a_translators_new_name_shows_only_once_a_reviewer_of_that_language_approves_it(
    team, contact, pages_showing, visitor
):
    for url in pages_showing:
        assert contact_names(visitor.get(url)) == ["趙偉"]
        assert visitor.get(url)["X-Page-Cache"] == "hit"
    translator = signed_in(team["translator"])
    hant = contact["zh-hant"]

    # Saved: a draft. Both pages still show the published name.
    form = edit_form(translator, hant)
    form["name"] = "趙偉明"
    assert accepted(translator.post(edit_url(hant), form))
    hant.refresh_from_db()
    assert hant.name == "趙偉"
    assert hant.has_unpublished_changes
    assert hant.get_latest_revision_as_object().name == "趙偉明"
    for url in pages_showing:
        response = visitor.get(url)
        assert contact_names(response) == ["趙偉"]
        assert response["X-Page-Cache"] == "hit"  # a draft changes no page: nothing to redo
    call_command("clear_page_cache")  # and rendered afresh, they still do
    for url in pages_showing:
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert contact_names(response) == ["趙偉"]

    # Submitted with Wagtail's own button: the reviewers of Traditional Chinese are told.
    form = edit_form(translator, hant)
    assert form["name"] == "趙偉明"
    form["action-submit"] = "Submit to Review snippet translations"
    assert accepted(translator.post(edit_url(hant), form))
    hant.refresh_from_db()
    assert hant.workflow_in_progress
    assert team["reviewer"].email in recipients()
    assert team["other reviewer"].email not in recipients()
    assert any("趙偉明" in message.subject for message in mail.outbox)

    # The Simplified Chinese reviewer cannot approve it, nor find it in their queue.
    other = signed_in(team["other reviewer"])
    assert refused(other.post(approve_url(hant), {"comment": ""}))
    assert "趙偉明" not in other.get(reverse("wagtailadmin_home")).content.decode()
    hant.refresh_from_db()
    assert hant.name == "趙偉"
    assert hant.workflow_in_progress

    # The Traditional Chinese reviewer finds it waiting, and approves: it is published.
    reviewer = signed_in(team["reviewer"])
    assert "趙偉明" in reviewer.get(reverse("wagtailadmin_home")).content.decode()
    assert accepted(reviewer.post(approve_url(hant), {"comment": ""}))
    hant.refresh_from_db()
    assert hant.name == "趙偉明"
    assert not hant.has_unpublished_changes
    assert hant.current_workflow_state is None
    for url in pages_showing:
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert contact_names(response) == ["趙偉明"]


def test_the_translation_editors_publish_sends_a_translators_work_to_review(
    team, locales, home_pages, visitor
):
    english = factories.ContactFactory(name="Dr Chan")
    source, translations = start_translations(english, codes=("zh-hant",))
    translate(source, "zh-hant", {"name": "陳博士"})
    translations["zh-hant"].save_target(publish=True)
    hant = english.get_translation(locales["zh-hant"])
    page = factories.PartnerPageFactory(
        parent=factories.PartnerIndexPageFactory(parent=home_pages["zh-hant"]),
        body=[factories.block("contacts", {"heading": "查詢", "contacts": [english.pk]})],
    )
    assert contact_names(visitor.get(page.url)) == ["陳博士"]

    translate(source, "zh-hant", {"name": "陳大文博士"})
    translator = signed_in(team["translator"])
    response = translator.post(edit_url(hant), {"action": "publish"})
    assert accepted(response)

    hant.refresh_from_db()
    assert hant.name == "陳博士"
    assert hant.live
    assert hant.get_latest_revision_as_object().name == "陳大文博士"
    assert hant.workflow_in_progress
    call_command("clear_page_cache")
    assert contact_names(visitor.get(page.url)) == ["陳博士"]
    assert team["reviewer"].email in recipients()

    # While it waits, their next "Publish" is turned away and changes nothing.
    translate(source, "zh-hant", {"name": "陳小文博士"})
    revisions = hant.revisions.count()
    response = translator.post(edit_url(hant), {"action": "publish"}, follow=True)
    assert "awaiting moderation" in response.content.decode()
    assert hant.revisions.count() == revisions

    assert accepted(signed_in(team["reviewer"]).post(approve_url(hant), {}))
    assert contact_names(visitor.get(page.url)) == ["陳大文博士"]


def test_publishing_outside_ones_own_language_is_refused_and_changes_nothing(
    django_user_model, team, contact
):
    hant = contact["zh-hant"]
    # Translates Traditional Chinese, reviews Simplified Chinese: may publish only the latter.
    both = person(django_user_model, "both", TRANSLATORS["zh-hant"], REVIEWERS["zh-hans"])
    revisions_before = hant.revisions.count()
    for user in (both, team["translator"], team["other reviewer"]):
        client = signed_in(user)
        form = edit_form(signed_in(team["translator"]), hant)
        form["name"] = "趙偉明"
        form["action-publish"] = "Publish"
        assert refused(client.post(edit_url(hant), form))
        hant.refresh_from_db()
        assert hant.name == "趙偉"
        assert not hant.has_unpublished_changes
        assert hant.revisions.count() == revisions_before
    unpublish = reverse("wagtailsnippets_partner_pages_contact:unpublish", args=[hant.pk])
    assert refused(signed_in(both).post(unpublish))
    hant.refresh_from_db()
    assert hant.live
    # Nor is the button offered.
    editor = signed_in(both).get(edit_url(hant)).content.decode()
    assert 'name="action-publish"' not in editor
    assert (
        'name="action-publish"' in signed_in(team["reviewer"]).get(edit_url(hant)).content.decode()
    )


def test_a_translation_not_yet_approved_is_not_shown(locales, home_pages, visitor):
    contact = factories.ContactFactory(name="Steven Lam")
    area = factories.ResearchAreaFactory(name="Big data", slug="big-data")
    draft_only = factories.ResearchAreaFactory(name="Quantum", slug="quantum", live=False)
    for obj, text in ((contact, "林先生"), (area, "大數據")):
        source, _ = start_translations(obj, codes=())
        translation = Translation.objects.create(source=source, target_locale=locales["zh-hant"])
        translate(source, "zh-hant", {"name": text})
        # A new translation, as "Translate" and the translation editor's draft make it.
        translation.save_target(publish=False)
        assert not obj.get_translation(locales["zh-hant"]).live
    index = factories.PartnerIndexPageFactory(parent=home_pages["zh-hant"])
    partner = factories.PartnerPageFactory(
        parent=index,
        body=[factories.block("contacts", {"heading": "查詢", "contacts": [contact.pk]})],
    )
    partner.research_areas.add(area, draft_only)
    partner.save_revision().publish()

    # The published English versions, as for a snippet not translated at all.
    assert contact_names(visitor.get(partner.url)) == ["Steven Lam"]
    html = visitor.get(index.url).content.decode()
    assert "Big data" in html
    assert "大數據" not in html
    assert "Quantum" not in html  # never published, in any language
    assert "?area=quantum" not in html


def footer_form(footer, address):
    return nested_form_data(
        {
            "address": address,
            "phone": footer.phone,
            "email": footer.email,
            "links": streamfield(
                [
                    ("link", {**link["value"], "page": link["value"]["page"] or ""})
                    for link in footer.links.raw_data
                ]
            ),
            "social_links": streamfield([]),
        }
    )


def test_a_footer_translation_waits_for_review_too(team, visitor):
    footer = FooterContent.objects.get(locale__language_code="zh-hant")
    translator = signed_in(team["translator"])
    form = footer_form(footer, "香港九龍紅磡\n香港理工大學 Y 座")
    assert accepted(translator.post(edit_url(footer), form))
    assert "Y 座" not in visitor.get("/zh-hant/").content.decode()

    form["action-submit"] = "Submit to Review snippet translations"
    assert accepted(translator.post(edit_url(footer), form))
    footer.refresh_from_db()
    assert refused(signed_in(team["other reviewer"]).post(approve_url(footer), {}))
    assert "Y 座" not in visitor.get("/zh-hant/").content.decode()

    reviewer = signed_in(team["reviewer"])
    waiting = reviewer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Compare with live version" in waiting
    assert accepted(reviewer.post(approve_url(footer), {}))
    assert "香港理工大學 Y 座" in visitor.get("/zh-hant/").content.decode()


def test_moderators_review_english_changes(django_user_model, team, contact):
    editors = Group.objects.create(name="Contact editors")  # snippet permissions only
    editors.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_contact", "view_contact"])
    )
    editor = signed_in(person(django_user_model, "editor", "Contact editors"))
    moderator = person(django_user_model, "moderator", "Moderators")
    english = contact["en"]
    form = edit_form(editor, english)
    form["office"] = "Room Y123"
    form["action-submit"] = "Submit to Review snippet translations"
    assert accepted(editor.post(edit_url(english), form))
    assert moderator.email in recipients()
    assert team["reviewer"].email not in recipients()  # Traditional Chinese only
    assert refused(signed_in(team["reviewer"]).post(approve_url(english), {}))

    assert accepted(signed_in(moderator).post(approve_url(english), {}))
    english.refresh_from_db()
    assert english.office == "Room Y123"


def test_a_footer_translation_never_published_is_not_shown(visitor):
    # As a footer made anew with "Translate" is, until a reviewer approves it.
    FooterContent.objects.filter(locale__language_code="zh-hans").update(live=False)
    html = visitor.get("/zh-hans/").content.decode()
    assert "Hung Hom, Kowloon" in html
    assert "香港九龙红磡" not in html


def test_submit_for_review_in_the_translation_editor_keeps_a_contacts_live_name(
    team, locales, home_pages, visitor
):
    """The review bar's button (translation_workflow) drafts a snippet as core does."""
    english = factories.ContactFactory(name="Dr Lee")
    source, translations = start_translations(english, codes=("zh-hant",))
    translate(source, "zh-hant", {"name": "李博士"})
    translations["zh-hant"].save_target(publish=True)
    hant = english.get_translation(locales["zh-hant"])
    page = factories.PartnerPageFactory(
        parent=factories.PartnerIndexPageFactory(parent=home_pages["zh-hant"]),
        body=[factories.block("contacts", {"heading": "查詢", "contacts": [english.pk]})],
    )

    translate(source, "zh-hant", {"name": "李大文博士"})
    translator = signed_in(team["translator"])
    submit = reverse("translation_workflow:submit_for_review", args=[translations["zh-hant"].pk])
    translator.post(submit, {"next": edit_url(hant)})

    hant.refresh_from_db()
    assert (hant.name, hant.live) == ("李博士", True)
    assert hant.workflow_in_progress
    call_command("clear_page_cache")
    assert contact_names(visitor.get(page.url)) == ["李博士"]
    assert accepted(signed_in(team["reviewer"]).post(approve_url(hant), {}))
    assert contact_names(visitor.get(page.url)) == ["李大文博士"]
