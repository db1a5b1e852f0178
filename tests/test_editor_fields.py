"""What a new editor met on the edit forms, through the admin's own URLs.

Research areas in the page's language only, and a way to add one in place; a
contact created from the chooser, in the page's language, by those who may;
bounds that say why; the call dates side by side, each with its help text.
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation

from core.validators import next_year
from home.models import HomePage
from partner_pages.models import Contact, PartnerPage, ResearchArea
from tests import factories
from tests.translation_fixtures import start_translations

pytestmark = pytest.mark.django_db

CONTACT_CHOOSER = "wagtailsnippetchoosers_partner_pages_contact"
AREA_CHOOSER = "wagtailsnippetchoosers_partner_pages_researcharea"
# The chooser modal loads and posts with jQuery, which sends this header.
MODAL_REQUEST = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def locale(code):
    return Locale.objects.get(language_code=code)


def area_in_three_languages(slug, english, traditional, simplified):
    area = factories.ResearchAreaFactory(name=english, slug=slug)
    for code, name in (("zh-hant", traditional), ("zh-hans", simplified)):
        translation = area.copy_for_translation(locale(code))
        translation.name = name
        translation.save()
    return {
        code: ResearchArea.objects.get(
            translation_key=area.translation_key, locale__language_code=code
        )
        for code in ("en", "zh-hant", "zh-hans")
    }


@pytest.fixture
def areas(db):
    # 人工智能 is written the same in both Chinese scripts: the demo's two 人工智能 are
    # the Traditional and the Simplified area, which the old list showed side by side.
    return {
        "big-data": area_in_three_languages("big-data", "Big data", "大數據", "大数据"),
        "ai": area_in_three_languages("ai", "Artificial intelligence", "人工智能", "人工智能"),
        "cloud": area_in_three_languages("cloud", "Cloud computing", "雲端運算", "云计算"),
    }


@pytest.fixture
def english_index(db):
    return factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))


@pytest.fixture
def traditional_index(db):
    return factories.PartnerIndexPageFactory(
        parent=HomePage.in_language("zh-hant"), title="合作夥伴", slug="partners-hant"
    )


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(client, django_user_model):
    user = member_of(django_user_model, "Moderators", "moderator")
    client.force_login(user)  # django-axes refuses client.login()
    return user


@pytest.fixture
def editor(client, django_user_model):
    """Wagtail's Editors: add and change pages everywhere, but no snippet permissions."""
    user = member_of(django_user_model, "Editors", "editor")
    client.force_login(user)
    return user


def html_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def research_area_boxes(soup):
    """{label: ticked} of the research-area checkboxes, in the order shown."""
    return {
        box.parent.get_text(strip=True): box.has_attr("checked")
        for box in soup.find_all("input", attrs={"name": "research_areas"})
    }


def help_text_of(soup, field_name):
    field = soup.find(attrs={"name": field_name})
    return soup.find(id=field["aria-describedby"]).get_text(" ", strip=True)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def partner_form(page, research_areas=(), **fields):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "partner_name": page.partner_name,
            "summary": page.summary,
            "partnership_since": str(page.partnership_since or ""),
            "new_research_areas": "",
            "body": streamfield([]),
            **fields,
        }
    )
    data["research_areas"] = [area.pk for area in research_areas]  # one key, several values
    return data


def saved_areas(page):
    """The research areas of the page's latest revision (what a save stored)."""
    page = PartnerPage.objects.get(pk=page.pk)
    return sorted(area.name for area in page.get_latest_revision_as_object().research_areas.all())


# --- Research areas in the page's language ------------------------------------------


def test_an_english_page_lists_the_english_areas_only_and_says_so(
    client, moderator, areas, english_index
):
    page = factories.PartnerPageFactory(parent=english_index)
    page.research_areas = [areas["big-data"]["en"]]
    page.save()
    soup = html_of(client.get(edit_url(page)))
    assert research_area_boxes(soup) == {
        "Artificial intelligence": False,
        "Big data": True,
        "Cloud computing": False,
    }
    assert help_text_of(soup, "research_areas").startswith(
        "Research areas in English, this page's language"
    )


def test_a_new_traditional_chinese_page_lists_each_traditional_area_once(
    client, moderator, areas, traditional_index
):
    url = reverse(
        "wagtailadmin_pages:add", args=["partner_pages", "partnerpage", traditional_index.pk]
    )
    soup = html_of(client.get(url))
    # Labels are unique (no 人工智能 twice, no English) and in the list's order by name.
    assert set(research_area_boxes(soup)) == {"人工智能", "大數據", "雲端運算"}
    assert len(soup.find_all("input", attrs={"name": "research_areas"})) == 3
    assert "Research areas in Traditional Chinese" in help_text_of(soup, "research_areas")


def test_an_area_of_another_language_is_refused_on_an_english_page(
    client, moderator, areas, english_index
):
    page = factories.PartnerPageFactory(parent=english_index)
    response = client.post(
        edit_url(page), partner_form(page, research_areas=[areas["big-data"]["zh-hant"]])
    )
    assert response.status_code == 200
    assert "research_areas" in response.context["form"].errors
    assert saved_areas(page) == []


def test_a_page_that_ticked_an_area_in_two_languages_shows_it_once(client, areas, english_index):
    page = factories.PartnerPageFactory(parent=english_index)
    page.research_areas = [areas["big-data"]["en"], areas["big-data"]["zh-hans"]]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert html.count(">Big data</a>") == 1
    assert "大数据" not in html


@pytest.fixture
def translated_partner(areas, english_index):
    """An English partner page with two areas, translated into Traditional Chinese."""
    page = factories.PartnerPageFactory(parent=english_index)
    page.research_areas = [areas["big-data"]["en"], areas["ai"]["en"]]
    page.save_revision().publish()
    for instance in (english_index, page):
        start_translations(instance, codes=["zh-hant"])
        instance.get_translation(locale("zh-hant")).get_latest_revision().publish()
    return page.get_translation(locale("zh-hant")).specific


def test_a_translation_shows_the_english_pages_areas_in_its_own_language(
    client, translated_partner
):
    # wagtail-localize synchronises the relation as it is: the English areas.
    assert {area.locale.language_code for area in translated_partner.research_areas.all()} == {"en"}
    html = client.get(translated_partner.url).content.decode()
    assert ">大數據</a>" in html
    assert ">人工智能</a>" in html
    assert "Big data" not in html


def test_a_translation_edited_on_its_own_ticks_its_own_languages_areas(
    client, moderator, translated_partner
):
    # The synchronised translation opens in the translation editor, where the
    # areas are not offered (they follow the English page).
    assert "js-translation-editor" in client.get(edit_url(translated_partner)).content.decode()
    # "Stop synced translation": the page's own form, in its own language.
    Translation.objects.filter(target_locale=locale("zh-hant")).update(enabled=False)
    soup = html_of(client.get(edit_url(translated_partner)))
    assert research_area_boxes(soup) == {"人工智能": True, "大數據": True, "雲端運算": False}
    response = client.post(
        edit_url(translated_partner),
        partner_form(
            translated_partner,
            research_areas=ResearchArea.objects.filter(
                locale=locale("zh-hant"), name__in=["人工智能", "大數據"]
            ),
        ),
    )
    assert response.status_code == 302
    assert saved_areas(translated_partner) == ["人工智能", "大數據"]


def test_an_area_not_yet_translated_stays_ticked_and_says_its_language(
    client, moderator, translated_partner
):
    robotics = factories.ResearchAreaFactory(name="Robotics", slug="robotics")
    translated_partner.research_areas.add(robotics)
    translated_partner.save_revision()
    Translation.objects.filter(target_locale=locale("zh-hant")).update(enabled=False)
    boxes = research_area_boxes(html_of(client.get(edit_url(translated_partner))))
    assert boxes["Robotics (English)"] is True


# --- Adding research areas without leaving the page ----------------------------------


def test_areas_named_on_the_page_are_created_in_its_language_and_ticked(
    client, moderator, areas, english_index
):
    page = factories.PartnerPageFactory(parent=english_index)
    response = client.post(
        edit_url(page),
        partner_form(
            page,
            research_areas=[areas["cloud"]["en"]],
            new_research_areas="Robotics,  smart   cities，big DATA",
        ),
    )
    assert response.status_code == 302
    # "big DATA" is the existing area: ticked, not made twice.
    assert saved_areas(page) == ["Big data", "Cloud computing", "Robotics", "smart cities"]
    created = ResearchArea.objects.filter(name__in=["Robotics", "smart cities"])
    assert {(area.slug, area.locale.language_code) for area in created} == {
        ("robotics", "en"),
        ("smart-cities", "en"),
    }
    assert ResearchArea.objects.filter(name__iexact="big data").count() == 1


def test_an_area_named_on_a_chinese_page_is_created_in_chinese_with_a_slug_of_its_own(
    client, moderator, areas, traditional_index
):
    page = factories.PartnerPageFactory(
        parent=traditional_index, title="華為", slug="huawei-hant", partner_name="華為"
    )
    response = client.post(
        edit_url(page), partner_form(page, new_research_areas="機械人、智慧城市")
    )
    assert response.status_code == 302
    assert saved_areas(page) == ["智慧城市", "機械人"]
    slugs = set(
        ResearchArea.objects.filter(name__in=["機械人", "智慧城市"]).values_list("slug", flat=True)
    )
    assert slugs == {"area", "area-2"}
    assert set(
        ResearchArea.objects.filter(slug__startswith="area").values_list(
            "locale__language_code", flat=True
        )
    ) == {"zh-hant"}


def test_a_name_too_long_for_an_area_is_refused_and_nothing_is_created(
    client, moderator, english_index
):
    page = factories.PartnerPageFactory(parent=english_index)
    response = client.post(
        edit_url(page), partner_form(page, new_research_areas="Robotics, " + "x" * 81)
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["new_research_areas"]
    assert message.startswith("A research area's name can have at most 80 characters")
    assert not ResearchArea.objects.exists()


def test_an_editor_who_may_not_add_areas_is_not_offered_the_field(
    client, editor, areas, english_index
):
    page = factories.PartnerPageFactory(parent=english_index)
    soup = html_of(client.get(edit_url(page)))
    assert soup.find(attrs={"name": "new_research_areas"}) is None
    assert "Big data" in research_area_boxes(soup)
    # Posting the name anyway creates nothing.
    response = client.post(edit_url(page), partner_form(page, new_research_areas="Robotics"))
    assert response.status_code == 302
    assert not ResearchArea.objects.filter(name="Robotics").exists()


# --- Creating a contact from the chooser ---------------------------------------------


def chooser(client, locale_code):
    url = reverse(f"{CONTACT_CHOOSER}:choose") + f"?locale={locale_code}"
    response = client.get(url, **MODAL_REQUEST)
    assert response.status_code == 200
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


def creation_form(soup):
    return soup.find("form", attrs={"data-chooser-modal-creation-form": True})


def create_contact(client, locale_code, **fields):
    url = reverse(f"{CONTACT_CHOOSER}:create") + f"?locale={locale_code}"
    return client.post(
        url,
        {
            "name": "陳大文",
            "job_title": "經理",
            "unit": "ITDO",
            "email": "tm.chan@example.edu.hk",
            "phone_number": "3400 2862",
            "office": "",
            **fields,
        },
        **MODAL_REQUEST,
    )


def test_the_contact_chooser_offers_a_new_contact_form_in_the_pages_language(client, moderator):
    soup = chooser(client, "zh-hant")
    # Each tab's label is followed by its error count, "()" when there are none.
    tabs = [tab.get_text(strip=True).removesuffix("()") for tab in soup.select("[role=tab]")]
    assert tabs == ["Search", "New contact"]
    form = creation_form(soup)
    assert form["action"].endswith("/create/?locale=zh-hant")
    assert "Saved in Traditional Chinese" in form.get_text()
    names = {field["name"] for field in form.find_all(["input", "select"]) if field.get("name")}
    assert {"name", "job_title", "unit", "email", "phone_number", "office"} <= names


def test_a_contact_created_in_the_chooser_is_saved_in_that_language_and_chosen(client, moderator):
    response = create_contact(client, "zh-hant")
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["step"] == "chosen"
    contact = Contact.objects.get()
    assert answer["result"]["id"] == str(contact.pk)
    assert answer["result"]["string"] == "陳大文 (ITDO)"
    assert contact.locale.language_code == "zh-hant"
    assert [phone.tel_uri for phone in contact.phone_numbers.all()] == ["tel:+85234002862"]


def test_a_contact_with_a_bad_phone_number_gets_the_form_back_and_is_not_created(client, moderator):
    answer = json.loads(create_contact(client, "en", phone_number="call Victor").content)
    assert answer["step"] == "reshow_creation_form"
    assert "Enter a phone number such as 3400 2862" in answer["htmlFragment"]
    assert not Contact.objects.exists()


def test_an_editor_without_add_permission_gets_no_form_and_cannot_post_one(client, editor):
    soup = chooser(client, "en")
    assert creation_form(soup) is None
    assert "New contact" not in soup.get_text()
    assert create_contact(client, "en").status_code == 403
    assert not Contact.objects.exists()


def test_adding_contacts_in_one_language_does_not_allow_another(client, django_user_model):
    """A group may add contacts, scoped (core.permissions) to the pages it looks after."""
    group = Group.objects.create(name="Simplified Chinese officers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_contact"),
    )
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(depth=2, locale__language_code="zh-hans"),
        permission=Permission.objects.get(codename="change_page"),
    )
    client.force_login(member_of(django_user_model, group.name, "officer"))
    assert creation_form(chooser(client, "zh-hans")) is not None
    assert creation_form(chooser(client, "zh-hant")) is None
    assert create_contact(client, "zh-hant").status_code == 403
    assert create_contact(client, "zh-hans").status_code == 200
    assert [c.locale.language_code for c in Contact.objects.all()] == ["zh-hans"]


def test_a_research_area_created_in_its_chooser_with_a_slug_taken_in_that_language_is_refused(
    client, moderator, areas
):
    url = reverse(f"{AREA_CHOOSER}:create") + "?locale=zh-hant"
    answer = json.loads(
        client.post(url, {"name": "大數據分析", "slug": "big-data"}, **MODAL_REQUEST).content
    )
    assert answer["step"] == "reshow_creation_form"
    assert "Another Traditional Chinese research area has this slug" in answer["htmlFragment"]
    assert ResearchArea.objects.filter(locale=locale("zh-hant"), slug="big-data").count() == 1
    answer = json.loads(
        client.post(url, {"name": "機械人", "slug": "robotics"}, **MODAL_REQUEST).content
    )
    assert answer["step"] == "chosen"
    assert ResearchArea.objects.get(slug="robotics").locale.language_code == "zh-hant"


def test_the_programme_contacts_field_opens_the_contact_chooser(client, moderator, english_index):
    programme = factories.ProgrammePageFactory(
        parent=factories.PartnerPageFactory(parent=english_index)
    )
    html = client.get(edit_url(programme)).content.decode()
    assert reverse(f"{CONTACT_CHOOSER}:choose") in html


# --- Bounds that say why --------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1936", "The partnership cannot start before 1937, when the university was founded."),
        ("-5", "The partnership cannot start before 1937, when the university was founded."),
        (
            "next year + 1",
            "The partnership cannot start after {next_year}, next year: "
            "a later year is most likely a typing error.",
        ),
    ],
)
def test_a_partnership_year_out_of_bounds_is_refused_with_the_reason(
    client, moderator, english_index, year, message
):
    page = factories.PartnerPageFactory(parent=english_index, partnership_since=2016)
    if year == "next year + 1":
        year = str(next_year() + 1)
    message = message.format(next_year=next_year())
    response = client.post(edit_url(page), partner_form(page, partnership_since=year))
    assert response.status_code == 200
    assert response.context["form"].errors["partnership_since"] == [message]
    assert message in response.content.decode()
    assert (
        PartnerPage.objects.get(pk=page.pk).get_latest_revision_as_object().partnership_since
        == 2016
    )


@pytest.mark.parametrize("year", ["1937", "next year"])
def test_the_founding_year_and_next_year_are_accepted(client, moderator, english_index, year):
    page = factories.PartnerPageFactory(parent=english_index)
    year = str(next_year()) if year == "next year" else year
    response = client.post(edit_url(page), partner_form(page, partnership_since=year))
    assert response.status_code == 302
    assert (
        str(PartnerPage.objects.get(pk=page.pk).get_latest_revision_as_object().partnership_since)
        == year
    )


def research_highlight(year):
    return (
        "research_highlight",
        {
            "project_title": "RFID retail analytics",
            "principal_investigator": "Dr. Lei YANG",
            "investigator_role": "",
            "department": "Department of Computing",
            "year": year,
            "summary": rich_text(""),
            "link_url": "",
        },
    )


def test_a_research_highlight_older_than_the_university_is_refused_with_the_reason(
    client, moderator, english_index
):
    page = factories.PartnerPageFactory(parent=english_index)
    response = client.post(
        edit_url(page), partner_form(page, body=streamfield([research_highlight("1936")]))
    )
    assert response.status_code == 200
    [highlight_errors] = response.context["form"].errors["body"].as_data()[0].block_errors.values()
    assert highlight_errors.block_errors["year"].messages == [
        "The project cannot date from before 1937, when the university was founded."
    ]
    assert "The project cannot date from before 1937" in response.content.decode()
    assert not PartnerPage.objects.get(pk=page.pk).get_latest_revision_as_object().body


# --- The call dates ------------------------------------------------------------------


def test_call_opens_and_closes_share_a_row_with_matching_help_texts(
    client, moderator, english_index
):
    programme = factories.ProgrammePageFactory(
        parent=factories.PartnerPageFactory(parent=english_index)
    )
    soup = html_of(client.get(edit_url(programme)))
    opens = soup.find(attrs={"name": "call_opens"})
    closes = soup.find(attrs={"name": "call_closes"})
    row = opens.find_parent(class_="w-field-row")
    assert row is not None
    assert closes.find_parent(class_="w-field-row") is row
    assert help_text_of(soup, "call_opens") == (
        "The first day applications are accepted. Leave empty if the call is already open; "
        "leave both dates empty for a rolling programme."
    )
    assert help_text_of(soup, "call_closes") == (
        "The last day applications are accepted. Leave empty if there is no closing date; "
        "leave both dates empty for a rolling programme."
    )


def test_a_call_closing_before_it_opens_is_refused_with_a_clear_message(
    client, moderator, english_index
):
    programme = factories.ProgrammePageFactory(
        parent=factories.PartnerPageFactory(parent=english_index)
    )
    data = nested_form_data(
        {
            "title": programme.title,
            "slug": programme.slug,
            "call_opens": "2026-03-01",
            "call_closes": "2026-02-28",
            "research_fields": streamfield([]),
            "programme_contacts": inline_formset([]),
            "body": streamfield([]),
        }
    )
    response = client.post(edit_url(programme), data)
    assert response.context["form"].errors["call_closes"] == [
        "The call cannot close before it opens."
    ]
    programme.refresh_from_db()
    assert programme.call_closes != datetime.date(2026, 2, 28)
