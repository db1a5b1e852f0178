"""The one table of roles × actions, every cell asked through the real admin addresses.

`MAY` is the table (the README's "Roles and what they may do" prints the same
one): each role, the actions it may take. Each cell is one test: it signs in
as the role, tries the action, and checks it was done or refused; a refused
action leaves the database as it was. The files named in each action's
comment test the action itself in depth.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from core.models import Term
from partner_pages.enquiries import EnquirySubmission
from tests.enquiry_fixtures import enquiry, form_in_three_languages
from tests.translation_fixtures import make_english_page, start_translations, translate

pytestmark = pytest.mark.django_db

GROUPS = {
    "translator (Traditional)": "Translators (Traditional Chinese)",
    "reviewer (Traditional)": "Reviewers (Traditional Chinese)",
    "editor": "Editors",
    "moderator": "Moderators",
    "enquiry officer": "Enquiry officers",
}
ACTIONS = (
    "unpublish a Traditional page",
    "convert a Traditional translation to an alias",
    "stop a synced Traditional translation",
    "publish translations",
    "start a Traditional translation",
    "view enquiries",
    "export enquiries",
    "delete an enquiry",
    "add a term",
    "change a term's Traditional form",
    "change a term's Simplified form",
    "change a term's English",
    "delete a term",
)
TERM_ACTIONS = {
    "add a term",
    "change a term's Traditional form",
    "change a term's Simplified form",
    "change a term's English",
    "delete a term",
}
MAY = {
    "translator (Traditional)": {
        "start a Traditional translation",
        "add a term",
        "change a term's Traditional form",
    },
    "reviewer (Traditional)": {
        "unpublish a Traditional page",
        "convert a Traditional translation to an alias",
        "stop a synced Traditional translation",
    },
    "editor": {"start a Traditional translation"},
    "moderator": {
        "unpublish a Traditional page",
        "convert a Traditional translation to an alias",
        "stop a synced Traditional translation",
        "publish translations",
        "start a Traditional translation",
        *TERM_ACTIONS,
    },
    "enquiry officer": {"view enquiries", "export enquiries", "delete an enquiry"},
    "superuser": set(ACTIONS),
}


@pytest.fixture
def world(client, django_capture_on_commit_callbacks):
    """A page with a live Traditional translation, an untranslated page, three enquiries."""
    page = make_english_page()
    source, translations = start_translations(page, codes=("zh-hant",))
    translate(source, "zh-hant", {"title": "聯合實驗室", "summary": "大數據研究。"})
    with django_capture_on_commit_callbacks(execute=True):
        translations["zh-hant"].save_target(publish=True)
    page.summary = "Cloud computing research."  # English changed since: there is an update
    page.save_revision().publish()
    untranslated = make_english_page(title="Untranslated", slug="untranslated")
    forms = form_in_three_languages()
    for form in forms.values():
        client.post(form.url, enquiry(form))
    return {
        "translation": translations["zh-hant"],
        "traditional": page.get_translation(Locale.objects.get(language_code="zh-hant")),
        "untranslated": untranslated,
        "form": forms["en"],
    }


def snapshot():
    """Everything an action in the table could change."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "live", "alias_of_id", "title")),
        "translations": sorted(Translation.objects.values_list("pk", "enabled")),
        "segments": StringSegment.objects.count(),
        "enquiries": (FormSubmission.objects.count(), EnquirySubmission.objects.count()),
        "terms": sorted(
            Term.objects.values_list("pk", "english", "traditional", "simplified", "kind", "note")
        ),
    }


def sign_in(client, django_user_model, role):
    if role == "superuser":
        user = django_user_model.objects.create_superuser("root", "root@example.edu", "pw")
    else:
        user = django_user_model.objects.create_user(role.split()[0], password="pw")
        user.groups.add(Group.objects.get(name=GROUPS[role]))
    client.force_login(user)


def refused(response):
    """Wagtail's admin answers PermissionDenied with the dashboard and a message."""
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and any("do not have permission" in message for message in messages)
    ) or response.status_code == 403


# Each action: (request, whether it was done). Refusals are checked by `refused`.


def unpublish(client, world):  # Wagtail's own view
    page = world["traditional"]
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    done = not Page.objects.get(pk=page.pk).live
    return done


def convert_to_alias(client, world):  # tests/test_translation_permissions.py
    page = world["traditional"]
    client.post(reverse("wagtail_localize:convert_to_alias", args=[page.pk]), {"next": "/admin/"})
    return Page.objects.get(pk=page.pk).alias_of_id is not None


def stop_sync(client, world):  # tests/test_translation_permissions.py
    translation = world["translation"]
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    client.post(url, {"next": "/admin/", "confirm": "1"})
    translation.refresh_from_db()
    return not translation.enabled


def publish_translations(client, world):  # tests/test_translation_permissions.py
    source = world["translation"].source
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    client.post(url, {"next": "/admin/", "publish_translations": "on"})
    return StringSegment.objects.filter(
        source=source, string__data="Cloud computing research."
    ).exists()


def start_translation(client, world):  # tests/test_translation_permissions.py
    page = world["untranslated"]
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    client.post(url, {"locales": [Locale.objects.get(language_code="zh-hant").pk]})
    return page.get_translations().exists()


def view_enquiries(client, world):  # tests/test_enquiries_access.py
    response = client.get(reverse("wagtailforms:list_submissions", args=[world["form"].pk]))
    return response.status_code == 200 and "Chan Tai Man" in response.text


def export_enquiries(client, world):  # tests/test_enquiries_access.py, test_enquiries_export.py
    url = reverse("wagtailforms:list_submissions", args=[world["form"].pk])
    response = client.get(url, {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code == 200 and "Chan Tai Man" in content.decode()


def delete_enquiry(client, world):  # tests/test_enquiries_access.py
    one = EnquirySubmission.objects.order_by("pk").first()
    url = reverse("wagtailforms:delete_submissions", args=[world["form"].pk])
    client.post(f"{url}?selected-submissions={one.pk}")
    return not FormSubmission.objects.filter(pk=one.pk).exists()


def server_term():
    return Term.objects.get(traditional="伺服器")


def edit_term(client, **changes):  # tests/test_term_base.py
    term = server_term()
    fields = {name: getattr(term, name) for name in ("english", "traditional", "simplified")}
    fields |= {"kind": term.kind, "note": term.note, **changes}
    client.post(reverse("wagtailsnippets_core_term:edit", args=[term.pk]), fields)
    return Term.objects.filter(pk=term.pk, **changes).exists()


def add_term(client, world):  # tests/test_term_base.py
    url = reverse("wagtailsnippets_core_term:add")
    client.post(
        url,
        {
            "english": "smart city",
            "traditional": "智慧城市",
            "simplified": "智慧城市",
            "kind": "vocabulary",
            "note": "",
        },
    )
    return Term.objects.filter(traditional="智慧城市").exists()


def change_traditional_form(client, world):
    return edit_term(client, traditional="伺服機")


def change_simplified_form(client, world):
    return edit_term(client, simplified="服务机")


def change_english(client, world):
    return edit_term(client, english="server computer")


def delete_term(client, world):  # tests/test_term_base.py
    term = server_term()
    client.post(reverse("wagtailsnippets_core_term:delete", args=[term.pk]))
    return not Term.objects.filter(pk=term.pk).exists()


ATTEMPTS = dict(
    zip(
        ACTIONS,
        (
            unpublish,
            convert_to_alias,
            stop_sync,
            publish_translations,
            start_translation,
            view_enquiries,
            export_enquiries,
            delete_enquiry,
            add_term,
            change_traditional_form,
            change_simplified_form,
            change_english,
            delete_term,
        ),
        strict=True,
    )
)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", MAY)
def test_each_role_may_do_what_the_table_says_and_nothing_else(
    client, django_user_model, world, role, action
):
    sign_in(client, django_user_model, role)
    before = snapshot()
    done = ATTEMPTS[action](client, world)
    if action in MAY[role]:
        assert done, f"{role} should be able to {action}"
    else:
        assert not done, f"{role} must not be able to {action}"
        assert snapshot() == before, f"{role}'s refused '{action}' changed the database"


def test_a_refused_action_is_answered_as_a_refusal(client, django_user_model, world):
    sign_in(client, django_user_model, "translator (Traditional)")
    page = world["traditional"]
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
    assert refused(
        client.post(
            reverse("wagtail_localize:convert_to_alias", args=[page.pk]), {"next": "/admin/"}
        )
    )
    assert refused(client.get(reverse("wagtailforms:list_submissions", args=[world["form"].pk])))
