"""An enquiry officer's list of a form's submissions, and its CSV and XLSX export.

The form's three languages in one list, each enquiry with its language;
answers to choices shown in the officer's admin language; no cell a
spreadsheet would run as a formula.
"""

import csv
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from partner_pages.enquiries import EnquirySubmission
from tests.enquiry_fixtures import (
    enquiry,
    form_in_three_languages,
    member_of,
    partner_with_contact,
)

pytestmark = pytest.mark.django_db

FORMULAS = {
    '=HYPERLINK("https://evil.example","Click")': '\'=HYPERLINK("https://evil.example","Click")',
    "+852 2766 5111": "'+852 2766 5111",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\tTabbed": "'\tTabbed",
    "\rReturned": "'\rReturned",
    "A plain idea": "A plain idea",
}


@pytest.fixture
def forms():
    return form_in_three_languages()


@pytest.fixture
def officer(client, django_user_model):
    user = member_of(django_user_model, "Enquiry officers", "officer")
    client.force_login(user)
    return user


def submissions_url(page, **query):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def listing_rows(response):
    html = BeautifulSoup(response.content.decode(), "html.parser")
    table = html.find("table", class_="listing")
    headings = [th.get_text(strip=True) for th in table.thead("th")][1:]
    return [
        dict(zip(headings, [td.get_text(strip=True) for td in tr("td")][1:], strict=True))
        for tr in table.tbody("tr")
    ]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_list_holds_the_forms_three_languages_each_with_its_language(client, forms, officer):
    partner = partner_with_contact(title="Huawei – PolyU Communication")
    visitors = {"en": "Chan Tai Man", "zh-hant": "陳大文", "zh-hans": "王小明"}
    for code, page in forms.items():
        client.post(
            page.url, {**enquiry(page, **{"Your name": visitors[code]}), "about_page": partner.pk}
        )
    client.force_login(officer)

    rows = listing_rows(client.get(submissions_url(forms["en"])))
    by_name = {row["Your name"]: row for row in rows}
    assert set(by_name) == set(visitors.values())
    assert by_name["陳大文"]["Language"] == "Traditional Chinese"
    assert by_name["王小明"]["Language"] == "Simplified Chinese"
    assert by_name["Chan Tai Man"]["Language"] == "English"
    assert {row["About"] for row in rows} == {"Huawei – PolyU Communication"}
    assert {row["Notification"] for row in rows} == {"Sent"}


def test_choices_are_stored_in_english_and_shown_in_the_officers_language(client, forms, officer):
    chinese = forms["zh-hans"]
    client.post(
        chinese.url,
        enquiry(
            chinese,
            **{
                "You are interested in": "A faculty exchange",
                "Topics": ["Big data", "Communications"],
            },
        ),
    )
    client.force_login(officer)
    (english_row,) = listing_rows(client.get(submissions_url(forms["en"])))
    assert english_row["You are interested in"] == "A faculty exchange"
    assert english_row["Topics"] == "Big data, Communications"

    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "zh-hant"
    profile.save()
    response = client.get(submissions_url(forms["en"]))
    (row,) = listing_rows(response)
    # Labels and answers from the form's Traditional Chinese version.
    assert row["您感興趣的是"] == "教研人員交流"
    assert row["題目"] == "大數據, 通訊"
    assert row["您的姓名"] == "Chan Tai Man"
    (exported,) = csv_rows(client.get(submissions_url(forms["en"], export="csv")))
    assert exported["您感興趣的是"] == "教研人員交流"
    assert exported["題目"] == "大數據, 通訊"


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_exports_neutralise_formulas(client, forms, officer, export, settings):
    settings.ENQUIRY_RATE_LIMIT = {"submissions": 100, "seconds": 3600}
    page = forms["en"]
    for typed in FORMULAS:
        if typed.startswith(("\t", "\r")):
            # The form strips leading white space; such a value can still be stored
            # by other means (an import, an older form), so the export guards it too.
            data = enquiry(page, **{"Your idea": typed})
            data.pop("website_url")
            EnquirySubmission.objects.create(page=page, form_data=data, language="en")
            continue
        response = client.post(page.url, enquiry(page, **{"Your idea": typed}))
        assert response.status_code == 200
    client.force_login(officer)
    response = client.get(submissions_url(page, export=export))
    assert response.status_code == 200
    rows = csv_rows(response) if export == "csv" else xlsx_rows(response)
    ideas = sorted(row["Your idea"] for row in rows)
    expected = FORMULAS.values()
    if export == "xlsx":  # XML reads a carriage return back as a line feed
        expected = [value.replace("\r", "\n") for value in expected]
    assert ideas == sorted(expected)
    # Everything else arrives as typed (the name, an address with an @ inside).
    assert {row["Your name"] for row in rows} == {"Chan Tai Man"}
    assert {row["Your e-mail"] for row in rows} == {"taiman@example.com"}


def test_a_formula_in_a_label_is_neutralised_too(client, forms, officer):
    page = forms["en"]
    data = enquiry(page)
    field = page.form_fields.get(label="Your idea")
    field.label = "=Your idea"
    field.save()
    client.post(page.url, data)
    client.force_login(officer)
    (row,) = csv_rows(client.get(submissions_url(page, export="csv")))
    assert row["'=Your idea"] == "A joint workshop on optical networks."
