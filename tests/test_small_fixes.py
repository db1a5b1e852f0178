"""The smaller things seen on the demo at 390 px and 1280 px (issue 15), as a visitor sees them."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import Locale

from core.models import FooterContent
from partner_pages.models import EnquiryFormPage

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parent.parent / "static"


def soup(response):
    assert response.status_code in (200, 400, 429), response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def demo_form(language):
    return EnquiryFormPage.objects.get(slug="tell-us-your-idea", locale__language_code=language)


def enquiry(form_page, **overrides):
    fields = {f.label: f.clean_name for f in form_page.source_form().get_form_fields()}
    data = {
        fields["Your name"]: "Chan Tai Man",
        fields["E-mail address"]: "taiman@example.com",
        fields["You are interested in"]: "Something else",
        fields["Your idea"]: "A joint workshop on optical networks.",
        "website_url": "",
    }
    data.update({fields[label]: value for label, value in overrides.items()})
    return data


@pytest.mark.parametrize(
    ("language", "investigator"),
    [
        ("en", "Dr. Lei YANG, Assistant Professor"),
        ("zh-hant", "楊磊博士，助理教授"),
        ("zh-hans", "杨磊博士，助理教授"),
    ],
)
def test_an_investigator_and_their_position_are_separated_by_a_comma(
    demo_site, client, language, investigator
):
    page = soup(client.get(f"/{language}/partnerships/alibaba/air/"))
    facts = page.find(class_="research-highlight__facts").find("dd")
    assert facts.get_text() == investigator


@pytest.mark.parametrize(
    ("language", "link_text"),
    [("en", "AIR Leaflet"), ("zh-hant", "AIR 單張"), ("zh-hans", "AIR 宣传单")],
)
def test_the_leaflet_link_is_in_the_pages_language(demo_site, client, language, link_text):
    page = soup(client.get(f"/{language}/partnerships/alibaba/air/"))
    links = [a.get_text() for a in page.select("a[href^='/documents/']")]
    assert links == [link_text]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter a valid e-mail address, such as name@example.com."),
        ("zh-hant", "請輸入有效的電郵地址，例如 name@example.com。"),
        ("zh-hans", "请输入有效的电子邮件地址，例如 name@example.com。"),
    ],
)
def test_a_mistyped_e_mail_address_is_explained_in_the_visitors_language(
    demo_site, client, language, message
):
    form_page = demo_form(language)
    response = client.post(form_page.url, enquiry(form_page, **{"E-mail address": "taiman@"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Email" not in html  # Django's own 「输入一个有效的 Email 地址。」
    assert not form_page.source_form().get_submissions().exists()


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 1, "seconds": 3600})
@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "please try again in an hour, or e-mail us at "),
        ("zh-hant", "請於一小時後再試，或電郵至 "),
        ("zh-hans", "请一小时后再试，或发送电子邮件至 "),
    ],
)
def test_the_limit_notice_gives_the_address_to_write_to(demo_site, client, language, notice):
    locale = Locale.objects.get(language_code=language)
    FooterContent.objects.filter(locale=locale).update(email="partnerships@example.edu.hk")
    FooterContent.objects.get(locale=locale).save()  # as the admin does: the footer is re-read
    form_page = demo_form(language)
    assert client.post(form_page.url, enquiry(form_page)).status_code == 200

    response = client.post(form_page.url, enquiry(form_page))
    assert response.status_code == 429
    alert = soup(response).find(class_="notice--refusal")
    assert notice in alert.get_text()
    link = alert.find("a")
    assert (link["href"], link.get_text()) == (
        "mailto:partnerships@example.edu.hk",
        "partnerships@example.edu.hk",
    )


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 1, "seconds": 3600})
def test_without_any_address_the_limit_notice_does_not_ask_for_an_e_mail(demo_site, client):
    """The demo names no e-mail address (the seed has none): the notice asks for none."""
    form_page = demo_form("en")
    client.post(form_page.url, enquiry(form_page))
    response = client.post(form_page.url, enquiry(form_page))
    alert = soup(response).find(class_="notice--refusal").get_text()
    assert "please try again in an hour." in alert
    assert "e-mail" not in alert


@pytest.mark.parametrize(
    ("language", "thanks"), [("en", "Thank you"), ("zh-hant", "謝謝"), ("zh-hans", "谢谢")]
)
def test_the_thank_you_page_thanks_once(demo_site, client, language, thanks):
    form_page = demo_form(language)
    response = client.post(form_page.url, enquiry(form_page))
    main = soup(response).find("main").get_text()
    assert main.count(thanks) == 1
    assert soup(response).find("h1").get_text() == thanks


def test_a_chinese_period_label_does_not_break_inside_its_years():
    """「2016年至2017年」 must not wrap as 「2016年至2017 / 年」 (checked in the stylesheet).

    keep-all: no break between Chinese characters and digits (English labels still
    wrap at spaces); overflow-wrap: anywhere only when the label cannot fit at all,
    so nothing overflows at 390 px; and the 1280 px layout's column holds the label.
    """
    css = (STATIC / "css" / "site.css").read_text()
    label = re.search(r"^\.timeline__period-label \{([^}]*)\}", css, re.M).group(1)
    assert "word-break: keep-all" in label
    assert "overflow-wrap: anywhere" in label
    assert "white-space: nowrap" not in label
    wide = re.search(r"\.timeline__period \{[^}]*grid-template-columns: (\d+)rem", css)
    # 「2016年至2017年」: 8 digits (~0.56em), 3 ideographs (1em), its padding (1.8em).
    assert int(wide.group(1)) >= 8 * 0.56 + 3 + 1.8 + 1


def test_placeholder_pictures_draw_the_en_dash_not_a_missing_glyph_box():
    from PIL import ImageFont

    from demo.media import _font, drawable

    default = ImageFont.load_default(size=40)
    # Pillow's own font has no en dash: it is drawn as a hyphen, not as a box.
    assert drawable("Alibaba – PolyU", default) == "Alibaba - PolyU"
    # The font the placeholders use has it (DejaVu Sans here), so the title keeps it.
    font = _font(40)
    if font.getname()[0] == default.getname()[0]:
        pytest.skip("no system font with an en dash on this machine")
    assert drawable("Alibaba – PolyU", font) == "Alibaba – PolyU"
