"""One policy for every link: http, https, mailto, tel and this site's own addresses only.

Refused where an editor enters it, and dropped when read, whatever route the
address took into the database (a translation's synchronised values write
straight into the page).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from core.blocks import ParagraphBlock
from core.links import drop_unsafe_links, is_safe_link
from home.models import HomePage
from partner_pages.models import PartnerIndexPage, PartnerPage, ProgrammePage
from tests import factories

pytestmark = pytest.mark.django_db

ATTACK = "javascript:fetch('/admin/users/')"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.polyu.edu.hk/",
        "http://example.com/a?b=c",
        "mailto:itdo@example.edu.hk",
        "tel:+85227665111",
        "/en/partnerships/",
        "#timeline",
        "?area=big-data",
        "//cdn.example.com/file.pdf",
    ],
)
def test_web_mail_phone_and_own_addresses_may_be_links(url):
    assert is_safe_link(url)


@pytest.mark.parametrize(
    "url",
    [
        ATTACK,
        "JavaScript:alert(1)",
        " \x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com/",
    ],
)
def test_other_schemes_may_not(url):
    assert not is_safe_link(url)


def test_entities_in_rich_text_do_not_hide_a_scheme():
    html = '<p><a href="jav&#x61;script:alert(1)">x</a> <a href="https://ok.example">y</a></p>'
    assert drop_unsafe_links(html) == '<p><a >x</a> <a href="https://ok.example">y</a></p>'


def add_programme(client, partner, **fields):
    """Post the admin's "add programme page" form; returns the response."""
    data = nested_form_data(
        {
            "title": "Huawei Innovation Research Program",
            "slug": "hirp",
            "acronym": "HIRP",
            "audience": "",
            "summary": "",
            "call_opens": "",
            "call_closes": "",
            "research_fields": streamfield([]),
            "eligibility": rich_text("<p>Full-time faculty.</p>"),
            "how_to_apply": rich_text("<p>Apply online.</p>"),
            "external_url": "https://example.com/hirp",
            "programme_contacts": inline_formset([]),
            "body": streamfield([]),
            **fields,
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["partner_pages", "programmepage", partner.pk])
    return client.post(url, data)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Use an address that starts with http://"),
        ("zh-hant", "http://"),
        ("zh-hans", "http://"),
    ],
)
def test_an_editor_is_told_in_their_language_and_nothing_is_saved(
    admin_user, client, partner, language, words
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    response = add_programme(client, partner, external_url="ftp://files.example.com/hirp")
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html
    if language != "en":
        assert "Use an address" not in html
    assert not ProgrammePage.objects.filter(slug="hirp").exists()


def test_a_rich_text_link_to_javascript_is_refused_in_the_editor():
    block = ParagraphBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(RichText(f'<p><a href="{ATTACK}">Apply</a></p>'))
    assert "http://" in str(error.value)


def test_a_programme_with_a_safe_website_is_saved(admin_client, partner):
    assert add_programme(admin_client, partner).status_code == 302
    assert ProgrammePage.objects.get(slug="hirp").external_url == "https://example.com/hirp"


@pytest.fixture
def partner(db):
    index = factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))
    return factories.PartnerPageFactory(parent=index)


def test_unsafe_addresses_already_stored_never_reach_the_page(client, partner):
    programme = factories.ProgrammePageFactory(parent=partner)
    body = [
        factories.block(
            "call_to_action",
            {
                "heading": "Apply",
                "text": "",
                "link_text": "Apply now",
                "page": None,
                "external_url": ATTACK,
            },
        ),
        factories.block("paragraph", f'<p>Read <a href="{ATTACK}">the call</a>.</p>'),
        factories.timeline_block(
            [factories.event(datetime.date(2017, 8, 1), "Call", link_url=ATTACK)]
        ),
    ]
    # Written as a translation's synchronised values are: straight into the tables.
    PartnerPage.objects.filter(pk=partner.pk).update(body=body)
    ProgrammePage.objects.filter(pk=programme.pk).update(
        external_url=ATTACK, how_to_apply=f'<p><a href="{ATTACK}">Apply</a></p>'
    )
    PartnerIndexPage.objects.filter(pk=partner.get_parent().pk).update(
        introduction=f'<p><a href="{ATTACK}">All partners</a></p>'
    )
    for page in (partner, programme, partner.get_parent()):
        html = client.get(page.url).content.decode()
        assert "javascript:" not in html.lower()
    assert "the call" in client.get(partner.url).content.decode()


# --- A translator's synchronised values -------------------------------------------


@pytest.fixture
def translated_page(db):
    from tests.translation_fixtures import make_english_page, start_translations

    page = make_english_page()  # its paragraph links to https://example.com/cloud
    source, translations = start_translations(page)
    return source, translations["zh-hans"]


@pytest.fixture
def translator(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("hans", password="pw")
    user.groups.add(Group.objects.get(name="Translators (Simplified Chinese)"))
    client.force_login(user)
    return user


def put_override(client, translation, segment, value):
    from urllib.parse import urlencode

    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


@pytest.mark.parametrize("value", [ATTACK, "data:text/html,<script>alert(1)</script>"])
def test_a_translator_cannot_override_a_link_with_an_unsafe_address(
    client, translator, translated_page, value
):
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    source, translation = translated_page
    link = OverridableSegment.objects.get(source=source, data_json='"https://example.com/cloud"')
    response = put_override(client, translation, link, value)
    assert response.status_code == 400
    assert "http://" in response.json()["error"]
    assert not SegmentOverride.objects.exists()


def test_a_translator_may_point_a_link_at_their_own_languages_page(
    client, translator, translated_page
):
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    source, translation = translated_page
    link = OverridableSegment.objects.get(source=source, data_json='"https://example.com/cloud"')
    response = put_override(client, translation, link, "https://example.com/zh-hans/cloud")
    assert response.status_code == 201
    assert SegmentOverride.objects.get().data_json == '"https://example.com/zh-hans/cloud"'


def test_the_refusal_is_in_the_translators_language(client, translator, translated_page):
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import OverridableSegment

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "zh-hans"
    profile.save()
    source, translation = translated_page
    link = OverridableSegment.objects.get(source=source, data_json='"https://example.com/cloud"')
    response = put_override(client, translation, link, ATTACK)
    assert response.status_code == 400
    assert "链接" in response.json()["error"]


def test_a_po_file_cannot_bring_in_an_unsafe_link(admin_client, translated_page):
    import polib
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail_localize.models import StringTranslation

    _source, translation = translated_page
    po = translation.export_po()
    for entry in po:
        if "<a" in entry.msgid:
            entry.msgstr = f'理大与<b>阿里巴巴</b>合作研究<a href="{ATTACK}">云计算</a>。'
    upload = SimpleUploadedFile("zh-hans.po", str(po).encode(), "text/x-gettext-translation")
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    response = admin_client.post(url, {"file": upload}, follow=True)
    assert "has a link that cannot be used" in response.content.decode()
    assert not StringTranslation.objects.filter(data__contains="javascript").exists()
    assert isinstance(po, polib.POFile)
