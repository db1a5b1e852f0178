"""`load_demo_content`: every fact of the seed, in English, Traditional and Simplified Chinese."""

import datetime
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import translation
from wagtail.models import Page
from wagtail_localize.models import Translation

from core.models import FooterContent
from partner_pages.models import Contact, PartnerPage, ProgrammePage, ResearchArea
from translation_workflow.script_check import wrong_script_characters

pytestmark = pytest.mark.django_db

PAGE_PATHS = [
    "/",
    "/partnerships/",
    "/partnerships/alibaba/",
    "/partnerships/alibaba/air/",
    "/partnerships/alibaba/air/arf/",
    "/partnerships/alibaba/air/ri/",
    "/partnerships/huawei/",
    "/partnerships/huawei/hirp/",
    "/partnerships/huawei/joint-laboratory/",
    "/tell-us-your-idea/",
]
LANGUAGES = ["en", "zh-hant", "zh-hans"]

ALIBABA_EVENTS = [
    # (English date, Traditional Chinese date, start of the title)
    ("June 2016", "2016年6月", "1st Alibaba Technology Forum on Big Data"),
    ("August 2016", "2016年8月", "Collaborative Research Seminar held at Alibaba Hangzhou HQ"),
    ("September 2016", "2016年9月", "Alibaba has been a member of the Departmental Advisory"),
    ("April 2017", "2017年4月", "1st Alibaba – PolyU collaborative project kicks off"),
    ("August – October 2017", "2017年8月至10月", "ITDO coordinates the Alibaba Innovation Program"),
    ("October 2017", "2017年10月", "Alibaba VP Dr. Hua Xianshen"),
    ("April 2018", "2018年4月", "PolyU team meets Alibaba's Chief Technology Officer"),
    ("April 2018", "2018年4月", "Keynote and Best Partner Award"),
    ("September 2018", "2018年9月", "Speech at Alibaba's Computing Conference 2018"),
    ("November 2018", "2018年11月", "MoU Signing Ceremony between PolyU and Alibaba Cloud"),
    ("January 2020", "2020年1月", "PolyU students leverage industry experience"),
    ("March 2020", "2020年3月", "Alibaba supports a collaborative research project modelling"),
]


def visible_text(response):
    """The text a visitor reads, without words marked as another language (the switcher)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.search(r"<body\b.*?</body>", html, re.S).group(0)
    page_language = re.search(r'<html lang="([^"]+)"', html).group(1)
    body = re.sub(
        r'<(a|span)\b[^>]*\blang="(?!' + re.escape(page_language) + r'")[^"]*"[^>]*>.*?</\1>',
        " ",
        body,
        flags=re.S,
    )
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def timeline_events(page):
    """(date text, title) of every event of every timeline block on `page`."""
    return [
        (event.date_text, event["title"])
        for block in page.body
        if block.block_type == "timeline"
        for period in block.value["periods"]
        for event in period["events"]
    ]


def test_page_tree_exists_in_every_locale(demo_site, client):
    for language in LANGUAGES:
        for path in PAGE_PATHS:
            response = client.get(f"/{language}{path}")
            assert response.status_code == 200, f"/{language}{path}"


def test_programmes_hang_under_their_partners(demo_site):
    air = ProgrammePage.objects.get(locale__language_code="en", acronym="AIR")
    assert air.get_parent().specific.partner_name == "Alibaba Group"
    assert sorted(p.specific.acronym for p in air.get_children()) == ["ARF", "RI"]
    hirp = ProgrammePage.objects.get(locale__language_code="en", acronym="HIRP")
    assert hirp.get_parent().specific.partner_name == "Huawei Technologies Co. Ltd."
    assert len(hirp.research_fields) == 13
    # The seed gives no call dates for any programme: none is shown as open or closed;
    # HIRP's "call for proposals will be announced soon" is a call to be announced.
    statuses = {
        p.acronym: p.status for p in ProgrammePage.objects.filter(locale__language_code="en")
    }
    assert statuses == {"AIR": "rolling", "ARF": "rolling", "RI": "rolling", "HIRP": "tba"}


def test_every_alibaba_event_has_the_seeds_date(demo_site):
    english = PartnerPage.objects.get(locale__language_code="en", slug="alibaba")
    with translation.override("en"):
        events = timeline_events(english)
    assert len(events) == len(ALIBABA_EVENTS)
    for (date_text, title), (expected_date, _, expected_title) in zip(
        events, ALIBABA_EVENTS, strict=True
    ):
        assert date_text == expected_date
        assert title.startswith(expected_title)


def test_event_dates_read_the_chinese_way(demo_site):
    traditional = PartnerPage.objects.get(locale__language_code="zh-hant", slug="alibaba")
    with translation.override("zh-hant"):
        dates = [date for date, _title in timeline_events(traditional)]
    assert dates == [expected for _, expected, _ in ALIBABA_EVENTS]


def test_joint_laboratory_keeps_its_exact_date(demo_site):
    lab = Page.objects.get(locale__language_code="en", slug="joint-laboratory").specific
    with translation.override("en"):
        assert timeline_events(lab) == [("30 November 2016", "The Joint Lab is set up")]


def test_contacts_carry_the_seeds_phone_numbers_and_no_invented_email(demo_site):
    contacts = {c.name: c for c in Contact.objects.filter(locale__language_code="en")}
    assert set(contacts) == {"Ms. Karen Jiang", "Victor Zhao", "Steven Lam"}
    phones = {name: [p.number for p in c.phone_numbers.all()] for name, c in contacts.items()}
    assert phones == {
        "Ms. Karen Jiang": [],
        "Victor Zhao": ["3400 2862"],
        "Steven Lam": ["3400 2864"],
    }
    assert all(contact.email == "" for contact in Contact.objects.all())


@pytest.mark.parametrize(
    ("path", "facts"),
    [
        (
            "/en/partnerships/alibaba/",
            [
                "Alibaba – PolyU Big Data & Cloud Computing",
                "Joint supervision of research students",
                "Joint participation in internationally funded projects",
                "Ms. Karen Jiang",
                "August – October 2017",
                "Greater Bay Area",
                "City Brain",
                "School of Nursing",
            ],
        ),
        (
            "/en/partnerships/alibaba/air/",
            [
                "Alibaba Innovative Research (AIR)",
                "since 2017",
                "Identification, Tracking and Behavior Mining in Retail Store Powered by COTS "
                "RFIDs",
                "Dr. Lei YANG",
                "Department of Computing",
                "2021",
                "AIR Leaflet",
                "Alibaba Research Fellow (ARF)",
                "Alibaba Research Intern (RI)",
            ],
        ),
        (
            "/en/partnerships/huawei/",
            [
                "2007",
                "Interdisciplinary Division of Biomedical Engineering",
                "Department of Applied Physics",
                "Huawei Innovation Research Program (HIRP)",
            ],
        ),
        (
            "/en/partnerships/huawei/hirp/",
            [
                "Advanced Semiconductor Technology",
                "Storage Technology",
                "HIRP 2020",
                "700",
                "12+",
                "Victor Zhao",
                'href="tel:+85234002862"',
                "Steven Lam",
                'href="tel:+85234002864"',
            ],
        ),
        (
            "/en/partnerships/huawei/joint-laboratory/",
            ["30 November 2016", "Optical Interconnection Network", "short-reach data center"],
        ),
    ],
)
def test_key_facts_of_the_seed_appear_on_the_english_pages(demo_site, client, path, facts):
    response = client.get(path)
    page = response.content.decode() + visible_text(response)
    missing = [fact for fact in facts if fact not in page]
    assert missing == []


def test_every_chinese_page_and_snippet_is_fully_translated(demo_site):
    translations = Translation.objects.select_related("target_locale")
    assert {t.target_locale.language_code for t in translations} == {"zh-hant", "zh-hans"}
    # Every English page (the home page included), contact, research area and the footer.
    english_objects = Page.objects.filter(locale__language_code="en", depth__gte=2).count()
    english_objects += Contact.objects.filter(locale__language_code="en").count()
    english_objects += ResearchArea.objects.filter(locale__language_code="en").count()
    english_objects += FooterContent.objects.filter(locale__language_code="en").count()
    assert translations.count() == 2 * english_objects
    incomplete = [
        (str(t.source), t.target_locale.language_code, t.get_progress())
        for t in translations
        if t.get_progress()[0] != t.get_progress()[1]
    ]
    assert incomplete == []


# Latin-script words a Chinese page may keep: names, acronyms, and the language switcher.
ALLOWED_LATIN = re.compile(
    r"\b(?:AIR|ARF|RI|HIRP|ITDO|DAC|MoU|COTS|RFIDs?|PID|ICT|AI|DAC|PolyU|English|"
    r"Karen Jiang|Victor Zhao|Steven Lam|COVID-19)\b"
)


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_chinese_pages_have_no_english_sentences(demo_site, client, language, path):
    text = ALLOWED_LATIN.sub(" ", visible_text(client.get(f"/{language}{path}")))
    english_runs = re.findall(r"[A-Za-z]+(?:[\s,.'’-]+[A-Za-z]+){2,}", text)
    assert english_runs == []


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_chinese_pages_are_in_their_own_script(demo_site, client, language, path):
    """No Simplified-only character on a Traditional page, and the reverse (OpenCC's lists)."""
    text = visible_text(client.get(f"/{language}{path}"))
    assert wrong_script_characters(text, language) == []


def latest_publication():
    """When a page was last published (NULLs, like the root's, sort first on PostgreSQL)."""
    return Page.objects.aggregate(latest=Max("last_published_at"))["latest"]


def object_counts():
    from wagtail.images.models import Image
    from wagtail_localize.models import StringTranslation

    return (
        Page.objects.count(),
        Contact.objects.count(),
        ResearchArea.objects.count(),
        Image.objects.count(),
        Translation.objects.count(),
        StringTranslation.objects.count(),
    )


def test_a_second_run_changes_nothing_and_reset_rebuilds(demo_site):
    before = object_counts()
    latest_edit = latest_publication()
    call_command("load_demo_content")
    assert object_counts() == before
    assert latest_publication() == latest_edit

    call_command("load_demo_content", "--reset")
    assert object_counts() == before
    assert latest_publication() > latest_edit


def test_hong_kong_dates_in_english():
    from core.dates import date_text

    with translation.override("en"):
        assert date_text(datetime.date(2016, 11, 30)) == "30 November 2016"
