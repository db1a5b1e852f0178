"""Enquiries are personal data: only enquiry officers and superusers read, export or delete them.

Every address under /admin/forms/, the Forms menu item and the page editor's
count of submissions, asked through the test client as each role. A refused
request shows nothing of the enquiries and changes nothing; the list of forms
itself (which Wagtail shows to anyone with a page permission) lists none.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from partner_pages.enquiries import EnquiryNotification, EnquirySubmission
from tests.enquiry_fixtures import enquiry, form_in_three_languages, member_of

pytestmark = pytest.mark.django_db

VISITOR_NAME = "Chan Tai Man"
ROLES = {
    "translator": "Translators (Traditional Chinese)",
    "editor": "Editors",
    "moderator": "Moderators",
    "enquiry officer": "Enquiry officers",
}
REFUSED = ("translator", "editor", "moderator")
ALLOWED = ("enquiry officer", "superuser")


@pytest.fixture
def forms(client):
    """A form in three languages, with one enquiry sent to each version."""
    forms = form_in_three_languages()
    for page in forms.values():
        client.post(page.url, enquiry(page))
    assert EnquirySubmission.objects.count() == 3
    return forms


@pytest.fixture
def sign_in(client, django_user_model):
    def sign_in(role):
        if role == "superuser":
            user = django_user_model.objects.create_superuser("root", password="pw")
        else:
            user = member_of(django_user_model, ROLES[role], role.replace(" ", "-"))
        client.force_login(user)
        return client

    return sign_in


def stored():
    return (
        FormSubmission.objects.count(),
        EnquirySubmission.objects.count(),
        EnquiryNotification.objects.count(),
    )


def reading_addresses(forms):
    """Every GET under /admin/forms/ that shows, exports or offers to delete enquiries."""
    source = forms["en"]
    one = EnquirySubmission.objects.order_by("pk").first()
    submissions = reverse("wagtailforms:list_submissions", args=[source.pk])
    return {
        "forms": reverse("wagtailforms:index"),
        "forms (results)": reverse("wagtailforms:index_results"),
        "submissions": submissions,
        "submissions (results)": reverse("wagtailforms:list_submissions_results", args=[source.pk]),
        "CSV": f"{submissions}?export=csv",
        "XLSX": f"{submissions}?export=xlsx",
        "a translation's submissions": reverse(
            "wagtailforms:list_submissions", args=[forms["zh-hant"].pk]
        ),
        "delete (confirm)": reverse("wagtailforms:delete_submissions", args=[source.pk])
        + f"?selected-submissions={one.pk}",
    }


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def refused(response):
    """Wagtail's answer to a signed-in user who may not: back to the dashboard, or 403."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


@pytest.mark.parametrize("role", REFUSED)
def test_translators_editors_and_moderators_cannot_read_export_or_delete_enquiries(
    forms, sign_in, role
):
    client = sign_in(role)
    before = stored()
    for what, url in reading_addresses(forms).items():
        response = client.get(url, follow=False)
        if what.startswith("forms"):
            # Wagtail shows the list of forms to anyone with a page permission: to them, empty.
            assert response.status_code == 200, what
            assert "/admin/forms/submissions/" not in response.content.decode(), what
            assert forms["en"].title not in response.content.decode(), what
            continue
        if what == "a translation's submissions":
            # Sent to the form's one list, which refuses them.
            assert response.status_code == 302, what
            response = client.get(response["Location"])
        assert refused(response), (what, response.status_code)
        assert VISITOR_NAME.encode() not in body(response), what

    one = EnquirySubmission.objects.order_by("pk").first()
    delete = reverse("wagtailforms:delete_submissions", args=[forms["en"].pk])
    response = client.post(f"{delete}?selected-submissions={one.pk}")
    assert refused(response)
    assert stored() == before
    assert EnquirySubmission.objects.filter(pk=one.pk).exists()

    # No Forms menu item, and no count of submissions in the page editor.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailforms:index") not in dashboard
    own_version = forms["zh-hant"] if role == "translator" else forms["en"]
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[own_version.pk]))
    assert editor.status_code == 200  # they may still edit the form itself
    assert "Total submissions" not in editor.content.decode()


@pytest.mark.parametrize("role", ALLOWED)
def test_enquiry_officers_and_superusers_read_export_and_delete_enquiries(forms, sign_in, role):
    client = sign_in(role)
    urls = reading_addresses(forms)

    listing = client.get(urls["forms"])
    assert listing.status_code == 200
    html = listing.content.decode()
    # The form once, by its source: its three versions share one list.
    assert html.count(reverse("wagtailforms:list_submissions", args=[forms["en"].pk])) >= 1
    for code in ("zh-hant", "zh-hans"):
        assert reverse("wagtailforms:list_submissions", args=[forms[code].pk]) not in html

    submissions = client.get(urls["submissions"])
    assert submissions.status_code == 200
    assert submissions.content.decode().count(VISITOR_NAME) == 3
    for export in ("CSV", "XLSX"):
        response = client.get(urls[export])
        assert response.status_code == 200, export
    csv = body(client.get(urls["CSV"])).decode()
    assert csv.count(VISITOR_NAME) == 3
    translation = client.get(urls["a translation's submissions"])
    assert translation.status_code == 302
    assert translation["Location"] == urls["submissions"]
    assert client.get(urls["delete (confirm)"]).status_code == 200

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailforms:index") in dashboard  # the Forms menu item

    one = EnquirySubmission.objects.order_by("pk").first()
    delete = reverse("wagtailforms:delete_submissions", args=[forms["en"].pk])
    response = client.post(f"{delete}?selected-submissions={one.pk}")
    assert response.status_code == 302
    assert not FormSubmission.objects.filter(pk=one.pk).exists()
    assert not EnquiryNotification.objects.filter(submission_id=one.pk).exists()
    assert EnquirySubmission.objects.count() == 2


def test_a_superuser_sees_every_languages_submissions_counted_in_the_page_editor(forms, sign_in):
    client = sign_in("superuser")
    for page in forms.values():
        editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert "Total submissions" in editor
        url = reverse("wagtailforms:list_submissions", args=[page.pk])
        assert f'<a href="{url}">3</a>' in editor


def test_the_enquiry_officers_group_can_do_nothing_else(sign_in, forms):
    officers = Group.objects.get(name="Enquiry officers")
    assert set(officers.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "view_enquirysubmission",
        "delete_enquirysubmission",
    }
    page_permissions = officers.page_permissions.select_related("page", "permission")
    assert [(p.page.depth, p.permission.codename) for p in page_permissions] == [(1, "unlock_page")]
    client = sign_in("enquiry officer")
    page = forms["en"]
    before = page.title
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "Changed"})
    assert refused(response)
    page.refresh_from_db()
    assert page.title == before
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[page.get_parent().pk]))[
        "Location"
    ] == reverse("wagtailadmin_home")
