"""Translator roles: each translator edits their own locale's pages and snippets, nothing else;
undoing a translation and publishing one need publish permission in that locale."""

import html
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.permissions import EVERY_LOCALE, covered_locale_ids, locale_ids_for
from partner_pages.models import Contact
from tests.translation_fixtures import (
    make_english_page,
    start_translations,
    target_of,
    translate,
)

pytestmark = pytest.mark.django_db


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def simplified_translator(client, django_user_model):
    user = member_of(django_user_model, "Translators (Simplified Chinese)", "hans")
    client.force_login(user)
    return user


@pytest.fixture
def page_in_three_locales():
    page = make_english_page()
    _source, _translations = start_translations(page)
    return {
        code: page.get_translation(Locale.objects.get(language_code=code))
        for code in ("en", "zh-hant", "zh-hans")
    }


@pytest.fixture
def contact_in_three_locales():
    contact = Contact.objects.create(name="Dr Chan", unit="ITDO", email="itdo@example.edu")
    start_translations(contact)
    return {
        code: contact.get_translation(Locale.objects.get(language_code=code))
        for code in ("en", "zh-hant", "zh-hans")
    }


def test_migration_creates_the_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "Translators (Traditional Chinese)",
        "Translators (Simplified Chinese)",
        "Moderators",
    } <= names


def edit_page(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def edit_snippet(client, contact):
    return client.get(reverse("wagtailsnippets_partner_pages_contact:edit", args=[contact.pk]))


def allowed(response):
    return response.status_code == 200


def test_simplified_translator_edits_simplified_pages_only(
    client, simplified_translator, page_in_three_locales
):
    own = edit_page(client, page_in_three_locales["zh-hans"])
    assert allowed(own)
    assert "js-translation-editor" in own.content.decode()
    assert not allowed(edit_page(client, page_in_three_locales["en"]))
    assert not allowed(edit_page(client, page_in_three_locales["zh-hant"]))


def test_simplified_translator_edits_simplified_snippets_only(
    client, simplified_translator, contact_in_three_locales
):
    assert allowed(edit_snippet(client, contact_in_three_locales["zh-hans"]))
    assert not allowed(edit_snippet(client, contact_in_three_locales["zh-hant"]))
    assert not allowed(edit_snippet(client, contact_in_three_locales["en"]))


def string_edit(client, contact, code):
    source = TranslationSource.objects.get(
        object_id=contact.translation_key, locale__language_code="en"
    )
    translation = Translation.objects.get(source=source, target_locale__language_code=code)
    segment = StringSegment.objects.filter(source=source).first()
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        data="value=陈博士",
        content_type="application/x-www-form-urlencoded",
    )


def test_simplified_translator_cannot_translate_a_traditional_snippet_through_the_api(
    client, simplified_translator, contact_in_three_locales
):
    assert string_edit(client, contact_in_three_locales["en"], "zh-hant").status_code == 403
    assert string_edit(client, contact_in_three_locales["en"], "zh-hans").status_code in {200, 201}


def test_translator_cannot_publish_but_a_moderator_can(
    client, simplified_translator, page_in_three_locales, django_user_model
):
    page = page_in_three_locales["zh-hans"]
    assert not page.permissions_for_user(simplified_translator).can_publish()
    moderator = member_of(django_user_model, "Moderators", "mod")
    assert page.permissions_for_user(moderator).can_publish()
    assert page_in_three_locales["en"].permissions_for_user(moderator).can_publish()


def test_traditional_translator_mirrors_the_simplified_one(
    client, django_user_model, page_in_three_locales, contact_in_three_locales
):
    client.force_login(member_of(django_user_model, "Translators (Traditional Chinese)", "hant"))
    assert allowed(edit_page(client, page_in_three_locales["zh-hant"]))
    assert not allowed(edit_page(client, page_in_three_locales["zh-hans"]))
    assert allowed(edit_snippet(client, contact_in_three_locales["zh-hant"]))
    assert not allowed(edit_snippet(client, contact_in_three_locales["zh-hans"]))


# --- The locale-coverage rule (core.permissions) ------------------------------------


def locale_ids(*codes):
    return set(Locale.objects.filter(language_code__in=codes).values_list("pk", flat=True))


@pytest.fixture
def snippet_editors():
    """A group that may edit contacts, with no page permissions at all."""
    group = Group.objects.create(name="Snippet editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_contact"),
        Permission.objects.get(codename="view_contact"),
    )
    return group


def test_page_permissions_say_which_locales_a_user_covers(
    django_user_model, admin_user, snippet_editors
):
    hans = member_of(django_user_model, "Translators (Simplified Chinese)", "hans")
    assert covered_locale_ids(hans) == locale_ids("zh-hans")
    both = member_of(django_user_model, "Translators (Traditional Chinese)", "both")
    both.groups.add(Group.objects.get(name="Translators (Simplified Chinese)"))
    assert covered_locale_ids(both) == locale_ids("zh-hant", "zh-hans")
    # Moderators have page permissions on the root page.
    assert covered_locale_ids(member_of(django_user_model, "Moderators", "mod")) is EVERY_LOCALE
    assert covered_locale_ids(admin_user) is EVERY_LOCALE

    pageless = member_of(django_user_model, "Snippet editors", "pageless")
    assert covered_locale_ids(pageless) == set()
    assert covered_locale_ids(pageless, without_page_permissions=EVERY_LOCALE) is EVERY_LOCALE
    hans.is_active = False
    assert covered_locale_ids(hans) == set()


def test_a_group_without_page_permissions_edits_snippets_in_every_locale(
    client, django_user_model, snippet_editors, contact_in_three_locales
):
    client.force_login(member_of(django_user_model, "Snippet editors", "pageless"))
    for code in ("en", "zh-hant", "zh-hans"):
        assert allowed(edit_snippet(client, contact_in_three_locales[code])), code


def test_a_snippet_permission_given_to_the_user_applies_in_every_locale(
    client, simplified_translator, contact_in_three_locales
):
    simplified_translator.user_permissions.add(Permission.objects.get(codename="change_contact"))
    assert allowed(edit_snippet(client, contact_in_three_locales["zh-hant"]))
    assert locale_ids_for(simplified_translator, "change", Contact) is EVERY_LOCALE
    assert locale_ids_for(simplified_translator, "delete", Contact) == set()  # not given


def test_a_member_of_both_translator_groups_edits_both_chinese_snippets(
    client, django_user_model, contact_in_three_locales
):
    user = member_of(django_user_model, "Translators (Traditional Chinese)", "both")
    user.groups.add(Group.objects.get(name="Translators (Simplified Chinese)"))
    client.force_login(user)
    assert allowed(edit_snippet(client, contact_in_three_locales["zh-hant"]))
    assert allowed(edit_snippet(client, contact_in_three_locales["zh-hans"]))
    assert not allowed(edit_snippet(client, contact_in_three_locales["en"]))


# --- Undoing, publishing and starting translations: who may -------------------------
# Through the real admin addresses, for each role. Wagtail's admin answers a
# PermissionDenied with its dashboard and a message (an XMLHttpRequest gets 403);
# a refused request leaves the database as it was.

ROLES = {
    "translator": "Translators (Traditional Chinese)",
    "editor": "Editors",
    "moderator": "Moderators",
    "reviewer": "Reviewers (Traditional Chinese)",
    "other reviewer": "Reviewers (Simplified Chinese)",
}
MAY_PUBLISH_TRADITIONAL = {"moderator", "reviewer", "superuser"}


def sign_in_as(client, django_user_model, role):
    if role == "superuser":
        user = django_user_model.objects.create_superuser("root", "root@example.edu", "pw")
    else:
        user = member_of(django_user_model, ROLES[role], role.replace(" ", "-"))
    client.force_login(user)
    return user


def refused(response):
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and "Sorry, you do not have permission to access this area." in messages
    )


@pytest.fixture
def live_translation(django_capture_on_commit_callbacks):
    """A page with a published Traditional Chinese translation and a draft Simplified one."""
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", {"title": "聯合實驗室", "summary": "大數據研究。"})
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translations["zh-hant"].save_target(publish=True)
    return translations["zh-hant"]


def snapshot(translation):
    """What an undoing or publishing action would change."""
    page = target_of(translation)
    return {
        "title": page.title,
        "live": page.live,
        "alias_of": page.alias_of_id,
        "revisions": page.revisions.count(),
        "translations": sorted(
            Translation.objects.filter(source=translation.source).values_list(
                "target_locale__language_code", "enabled"
            )
        ),
    }


def convert_to_alias(client, translation, method="post"):
    url = reverse("wagtail_localize:convert_to_alias", args=[target_of(translation).pk])
    return getattr(client, method)(url, {"next": "/admin/"} if method == "post" else None)


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_only_publishers_convert_a_translation_to_an_alias(
    client, django_user_model, live_translation, role
):
    sign_in_as(client, django_user_model, role)
    before = snapshot(live_translation)
    confirmation = convert_to_alias(client, live_translation, method="get")
    response = convert_to_alias(client, live_translation)
    if role in MAY_PUBLISH_TRADITIONAL:
        assert "Yes, convert it" in confirmation.text
        page = target_of(live_translation)
        assert page.alias_of_id is not None
        assert page.title == "Joint Laboratory"
        assert not Translation.objects.filter(
            source=live_translation.source, target_locale__language_code="zh-hant"
        ).exists()
    else:
        assert refused(confirmation)
        assert refused(response)
        assert snapshot(live_translation) == before


def test_after_converting_to_an_alias_visitors_get_the_english_page_at_once(
    client, django_user_model, live_translation
):
    address = target_of(live_translation).get_url()
    visitor = Client()
    assert "聯合實驗室" in visitor.get(address).text
    assert visitor.get(address)["X-Page-Cache"] == "hit"

    sign_in_as(client, django_user_model, "moderator")
    convert_to_alias(client, live_translation)
    response = visitor.get(address)
    assert "聯合實驗室" not in response.text
    assert "Joint Laboratory" in response.text


def test_convert_to_alias_is_not_in_a_translators_page_editor_menu(
    client, django_user_model, live_translation
):
    live_translation.enabled = False  # edited directly: Wagtail's own page editor
    live_translation.save()
    edit = reverse("wagtailadmin_pages:edit", args=[target_of(live_translation).pk])
    sign_in_as(client, django_user_model, "translator")
    assert "Convert to alias page" not in client.get(edit).text
    sign_in_as(client, django_user_model, "reviewer")
    assert "Convert to alias page" in client.get(edit).text


def stop(client, translation, data=None, method="post"):
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    if method == "get":
        return client.get(url, {"next": "/admin/"})
    return client.post(url, {"next": "/admin/", **(data or {})})


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_only_publishers_stop_a_synced_translation_and_only_once_confirmed(
    client, django_user_model, live_translation, role
):
    sign_in_as(client, django_user_model, role)
    before = snapshot(live_translation)
    if role not in MAY_PUBLISH_TRADITIONAL:
        assert refused(stop(client, live_translation, method="get"))
        assert refused(stop(client, live_translation, {"confirm": "1"}))
        assert snapshot(live_translation) == before
        return
    # The editor's button posts without confirming: it is asked first.
    asked = stop(client, live_translation)
    assert asked.status_code == 302
    assert snapshot(live_translation) == before
    confirmation = client.get(asked.url)
    assert "Yes, stop it" in confirmation.text
    assert 'name="confirm"' in confirmation.text
    assert snapshot(live_translation) == before

    done = stop(client, live_translation, {"confirm": "1"})
    assert done.status_code == 302
    assert done.url == "/admin/"
    live_translation.refresh_from_db()
    assert not live_translation.enabled
    assert target_of(live_translation).title == "聯合實驗室"  # the content stays


def update_translations(client, translation, publish):
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    data = {"next": "/admin/"}
    if publish:
        data["publish_translations"] = "on"
    return client.post(url, data)


@pytest.mark.parametrize("role", ["translator", "editor"])
def test_publishing_translations_needs_publish_permission_on_every_one(
    client, django_user_model, live_translation, role
):
    # The English page changed: updating the translations would bring in the change.
    english = live_translation.source.get_source_instance()
    english.summary = "Cloud computing research."
    english.save_revision().publish()
    simplified = Translation.objects.get(
        source=live_translation.source, target_locale__language_code="zh-hans"
    )
    sign_in_as(client, django_user_model, role)
    before = (snapshot(live_translation), snapshot(simplified))

    response = update_translations(client, live_translation, publish=True)
    assert response.status_code == 200
    refusal = re.search(r"data-publish-refused>(.*?)</li>", response.text, re.S).group(1)
    assert "You may not publish translations into" in refusal
    assert "Simplified Chinese" in refusal
    assert (snapshot(live_translation), snapshot(simplified)) == before
    assert (
        StringSegment.objects.filter(
            source=live_translation.source, string__data="Cloud computing research."
        ).count()
        == 0
    )

    # Without publishing, they may bring the English change in: nothing goes live.
    assert update_translations(client, live_translation, publish=False).status_code == 302
    assert StringSegment.objects.filter(
        source=live_translation.source, string__data="Cloud computing research."
    ).exists()
    assert (snapshot(live_translation), snapshot(simplified)) == before


def test_the_refusal_is_in_the_users_language(client, django_user_model, live_translation):
    profile = UserProfile.get_for_user(sign_in_as(client, django_user_model, "editor"))
    profile.preferred_language = "zh-hant"
    profile.save()
    response = update_translations(client, live_translation, publish=True)
    assert response.status_code == 200
    assert 'lang="zh-hant"' in response.text
    with override("zh-hant"):
        locales = ", ".join(
            str(Locale.objects.get(language_code=code).get_display_name())
            for code in ("zh-hans", "zh-hant")
        )
        expected = gettext(
            "You may not publish translations into %(locales)s. Untick "
            "“Publish immediately” to update the translations as drafts."
        ) % {"locales": locales}
    assert html.escape(expected) in response.text


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_publishers_of_every_locale_publish_the_translations(
    client, django_user_model, live_translation, role, django_capture_on_commit_callbacks
):
    sign_in_as(client, django_user_model, role)
    with django_capture_on_commit_callbacks(execute=True):
        response = update_translations(client, live_translation, publish=True)
    assert response.status_code == 302
    assert all(
        target_of(translation).live
        for translation in Translation.objects.filter(source=live_translation.source)
    )


def test_a_reviewer_may_not_update_translations(client, django_user_model, live_translation):
    sign_in_as(client, django_user_model, "reviewer")
    before = snapshot(live_translation)
    assert refused(update_translations(client, live_translation, publish=True))
    assert snapshot(live_translation) == before


def start_translation(client, page, *codes):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    locales = Locale.objects.filter(language_code__in=codes)
    return client.post(url, {"locales": [locale.pk for locale in locales]})


def translations_of(page):
    return set(page.get_translations().values_list("locale__language_code", flat=True))


def test_a_translator_starts_translations_into_their_own_locale_only(client, django_user_model):
    page = make_english_page()
    sign_in_as(client, django_user_model, "translator")
    form = client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    assert form.status_code == 200
    offered = re.findall(r'name="locales" value="(\d+)"', form.text)
    assert offered == [str(Locale.objects.get(language_code="zh-hant").pk)]

    refusal = start_translation(client, page, "zh-hans")
    assert refusal.status_code == 200
    assert "Select a valid choice" in refusal.text
    assert translations_of(page) == set()
    assert not Translation.objects.exists()

    assert start_translation(client, page, "zh-hant").status_code == 302
    assert translations_of(page) == {"zh-hant"}
    translated = page.get_translation(Locale.objects.get(language_code="zh-hant"))
    assert not translated.live  # a draft: it goes live through review
    # And they go straight on translating it.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert "js-translation-editor" in editor.text


@pytest.mark.parametrize(
    ("role", "may_start"),
    [
        ("editor", {"zh-hant", "zh-hans"}),
        ("moderator", {"zh-hant", "zh-hans"}),
        ("superuser", {"zh-hant", "zh-hans"}),
        ("reviewer", set()),
    ],
)
def test_who_else_may_start_translations(client, django_user_model, role, may_start):
    page = make_english_page()
    sign_in_as(client, django_user_model, role)
    response = start_translation(client, page, "zh-hant", "zh-hans")
    if may_start:
        assert response.status_code == 302
    else:
        assert refused(response)
    assert translations_of(page) == may_start
    assert not any(translation.live for translation in page.get_translations())


def test_the_status_report_links_untranslated_rows_to_starting_a_translation(
    client, django_user_model
):
    page = make_english_page(title="Untranslated", slug="untranslated")
    sign_in_as(client, django_user_model, "translator")
    report = client.get(reverse("translation_workflow:report"), {"status": "untranslated"})
    start = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert f'href="{start}?select_locale=zh-hant"' in report.text
    assert "select_locale=zh-hans" not in report.text
    form = client.get(f"{start}?select_locale=zh-hant")
    zh_hant = Locale.objects.get(language_code="zh-hant").pk
    assert re.search(rf'name="locales" value="{zh_hant}"[^>]*checked', form.text)
