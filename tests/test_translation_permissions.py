"""Translator roles: each translator edits their own locale's pages and snippets, nothing else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.permissions import EVERY_LOCALE, covered_locale_ids, locale_ids_for
from partner_pages.models import Contact
from tests.translation_fixtures import make_english_page, start_translations

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
