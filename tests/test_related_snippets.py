"""Related snippets travel with the page: translating a page starts its contacts' and areas'.

An English partner page names research areas (a many-to-many field) and
contacts (a Contacts block), and its programme page lists contacts (inline
programme contacts). "Translate this page" (with its subtree) through the real
admin address starts the translation of each one not yet translated into that
language; those already translated are left as they were; a translator of
Simplified Chinese starts Simplified ones only.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from home.models import HomePage
from partner_pages.models import Contact, ProgrammeContact, ResearchArea
from tests import factories

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def translated_copy(instance, code, **fields):
    """A version of `instance` in `code` made by hand (not through wagtail-localize)."""
    copy = instance.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def english_pages(db):
    """A partner page (areas, a Contacts block) with a programme page (its contacts)."""
    index = factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))
    contacts = {
        "director": factories.ContactFactory(name="Ada Lam", job_title="Associate Director"),
        "manager": factories.ContactFactory(name="Victor Zhao", job_title="Manager"),
        "officer": factories.ContactFactory(name="Ben Ho", job_title="Programme Officer"),
    }
    areas = {
        "big-data": factories.ResearchAreaFactory(name="Big data", slug="big-data"),
        "ai": factories.ResearchAreaFactory(name="Artificial intelligence", slug="ai"),
    }
    partner = factories.PartnerPageFactory(
        parent=index,
        body=[
            (
                "contacts",
                {
                    "heading": "Enquiries",
                    "contacts": [contacts["director"], contacts["manager"]],
                },
            )
        ],
    )
    partner.research_areas = [areas["big-data"], areas["ai"]]
    partner.save_revision().publish()
    programme = factories.ProgrammePageFactory(parent=partner)
    ProgrammeContact.objects.create(page=programme, contact=contacts["officer"])
    programme.save_revision().publish()
    return {"partner": partner, "programme": programme, "contacts": contacts, "areas": areas}


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name[:30], password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def translate_page(client, page, codes, include_subtree=True):
    data = {"locales": [locale(code).pk for code in codes]}
    if include_subtree:
        data["include_subtree"] = "on"
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data
    )
    assert response.status_code == 302, response.content
    return response


def versions(instance):
    """{language code: version} of a snippet."""
    return {
        version.locale.language_code: version
        for version in type(instance)
        .objects.filter(translation_key=instance.translation_key)
        .select_related("locale")
    }


def test_translating_a_page_starts_its_contacts_and_research_areas(
    client, django_user_model, english_pages
):
    contacts, areas = english_pages["contacts"], english_pages["areas"]
    # Already in Traditional Chinese: one made by hand, one through the translation editor.
    manager_hant = translated_copy(contacts["manager"], "zh-hant", job_title="經理")
    ai_hant = translated_copy(areas["ai"], "zh-hant", name="人工智能")
    before = {
        "manager": Contact.objects.filter(pk=manager_hant.pk).values().get(),
        "ai": ResearchArea.objects.filter(pk=ai_hant.pk).values().get(),
    }
    client.force_login(member_of(django_user_model, "Translators (Traditional Chinese)"))

    translate_page(client, english_pages["partner"], ["zh-hant"])

    # The Contacts block's contacts, the programme's contacts and the partner's areas.
    for instance in (contacts["director"], contacts["officer"], areas["big-data"]):
        assert set(versions(instance)) == {"en", "zh-hant"}, instance
        translation = Translation.objects.get(
            source__object_id=instance.translation_key, target_locale=locale("zh-hant")
        )
        assert translation.enabled  # in the translation editor, in the status report
    # Those already translated are as they were, and get no Translation of their own.
    assert Contact.objects.filter(pk=manager_hant.pk).values().get() == before["manager"]
    assert ResearchArea.objects.filter(pk=ai_hant.pk).values().get() == before["ai"]
    for instance in (contacts["manager"], areas["ai"]):
        assert not Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale=locale("zh-hant")
        ).exists()
    # The pages themselves were translated as before.
    assert english_pages["programme"].get_translation_or_none(locale("zh-hant")) is not None


def test_a_simplified_translator_starts_only_simplified_snippets(
    client, django_user_model, english_pages
):
    client.force_login(member_of(django_user_model, "Translators (Simplified Chinese)"))

    translate_page(client, english_pages["partner"], ["zh-hans"], include_subtree=False)

    contacts, areas = english_pages["contacts"], english_pages["areas"]
    for instance in (contacts["director"], contacts["manager"], areas["big-data"], areas["ai"]):
        assert set(versions(instance)) == {"en", "zh-hans"}, instance
    # Not translated: the programme page (no subtree), so not its contact either.
    assert set(versions(contacts["officer"])) == {"en"}
    assert not Contact.objects.filter(locale=locale("zh-hant")).exists()
    assert not ResearchArea.objects.filter(locale=locale("zh-hant")).exists()


def test_a_translator_cannot_start_another_languages_translation_nor_its_snippets(
    client, django_user_model, english_pages
):
    client.force_login(member_of(django_user_model, "Translators (Simplified Chinese)"))
    url = reverse("wagtail_localize:submit_page_translation", args=[english_pages["partner"].pk])

    response = client.post(url, {"locales": [locale("zh-hant").pk]})

    assert response.status_code == 200  # the form, refusing the choice
    assert not Contact.objects.exclude(locale=locale("en")).exists()
    assert not ResearchArea.objects.exclude(locale=locale("en")).exists()
    assert not Translation.objects.exists()


def test_code_that_creates_a_translation_starts_them_too(english_pages):
    """E.g. a management command, or wagtail-localize's API, rather than the admin."""
    from wagtail_localize.operations import translate_object

    translate_object(english_pages["partner"], [locale("zh-hant")])

    areas = english_pages["areas"]
    assert set(versions(areas["big-data"])) == {"en", "zh-hant"}
    assert set(versions(areas["ai"])) == {"en", "zh-hant"}
