"""A translator's work reaches the public site through review, in their locale's workflow.

The whole path through the real admin: a translator translates segments in
the translation editor and clicks "Submit for review"; the locale's reviewers
are e-mailed and find it on their dashboard; a reviewer approves (the public
page shows the translation) or asks for changes (the translator sees the
comment in the editor, changes the text and resubmits).
"""

import html
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail_localize.models import OverridableSegment, SegmentOverride, StringSegment

from partner_pages.models import StandardPage
from tests.translation_fixtures import make_english_page, start_translations, target_of

pytestmark = pytest.mark.django_db

TRADITIONAL_TRANSLATORS = "Translators (Traditional Chinese)"
TRADITIONAL_REVIEWERS = "Reviewers (Traditional Chinese)"
SIMPLIFIED_REVIEWERS = "Reviewers (Simplified Chinese)"


def member_of(django_user_model, group_name, username, email=""):
    user = django_user_model.objects.create_user(username, email=email, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def people(django_user_model):
    return {
        "translator": member_of(
            django_user_model, TRADITIONAL_TRANSLATORS, "hant", "hant@example.edu"
        ),
        "reviewer": member_of(
            django_user_model, TRADITIONAL_REVIEWERS, "reviewer", "reviewer@example.edu"
        ),
        "second reviewer": member_of(
            django_user_model, TRADITIONAL_REVIEWERS, "reviewer2", "reviewer2@example.edu"
        ),
        # No address: nothing to send to.
        "reviewer without e-mail": member_of(django_user_model, TRADITIONAL_REVIEWERS, "quiet"),
        "simplified reviewer": member_of(
            django_user_model, SIMPLIFIED_REVIEWERS, "hans-reviewer", "hans@example.edu"
        ),
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def translation():
    """The Traditional Chinese translation of an English page (a draft, nothing translated)."""
    _source, translations = start_translations(make_english_page(), codes=("zh-hant",))
    return translations["zh-hant"]


def editor_url(translation):
    return reverse("wagtailadmin_pages:edit", args=[target_of(translation).pk])


def type_segment(client, translation, path, text):
    """What the translation editor does as a translator types: PUT the segment's text."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        data=f"value={text}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in {200, 201}, response.content


def submit_for_review(client, translation):
    return client.post(
        reverse("translation_workflow:submit_for_review", args=[translation.pk]),
        {"next": editor_url(translation)},
    )


def task_state(translation):
    return TaskState.objects.filter(
        workflow_state__object_id=str(target_of(translation).pk),
        status=TaskState.STATUS_IN_PROGRESS,
    ).get()


def workflow_action(client, translation, action, comment=""):
    state = task_state(translation)
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[target_of(translation).pk, action, state.pk],
        ),
        {"comment": comment, "next": reverse("wagtailadmin_home")},
    )


def public_text(translation):
    """The translated page as a visitor gets it (through the page cache)."""
    page = target_of(translation)
    response = Client().get(page.get_url())
    assert response.status_code == 200
    return response.content.decode()


def editor_props(response):
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.text)
    return json.loads(html.unescape(match.group(1)))


def refused(response):
    """Wagtail's admin answers a PermissionDenied with its dashboard and a message."""
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and "Sorry, you do not have permission to access this area." in messages
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_each_chinese_locale_has_its_review_workflow_on_its_home_page(home_pages):
    for code, name in (
        ("zh-hant", "Review Traditional Chinese"),
        ("zh-hans", "Review Simplified Chinese"),
    ):
        workflow = home_pages[code].get_workflow()
        assert workflow.name == name
        [task] = workflow.tasks.specific()
        assert [group.name for group in task.groups.all()] == [
            f"Reviewers ({'Traditional' if code == 'zh-hant' else 'Simplified'} Chinese)"
        ]
    reviewers = Group.objects.get(name=TRADITIONAL_REVIEWERS)
    assert {
        permission.permission.codename
        for permission in reviewers.page_permissions.filter(page=home_pages["zh-hant"])
    } == {"add_page", "change_page", "publish_page"}
    # English keeps Wagtail's own moderation.
    assert home_pages["en"].get_workflow().name == "Moderators approval"


def test_translator_submits_reviewer_approves_and_the_public_page_shows_it(people, translation):
    translator = signed_in(people["translator"])
    type_segment(translator, translation, "title", "聯合實驗室")
    type_segment(translator, translation, "summary", "大數據研究。")

    editor = translator.get(editor_url(translation))
    assert "Submit for review" in editor.text
    assert reverse("translation_workflow:submit_for_review", args=[translation.pk]) in editor.text
    # No undoing actions for a translator, who may not publish.
    links = editor_props(editor)["links"]
    assert links["convertToAliasUrl"] is None
    assert links["stopTranslationUrl"] is None

    response = submit_for_review(translator, translation)
    assert response.status_code == 302
    assert response.url == editor_url(translation)
    page = target_of(translation)
    assert not page.live  # a draft until approved
    assert page.current_workflow_state.workflow.name == "Review Traditional Chinese"
    # One message per reviewer of this locale with an address, none to the others.
    assert recipients() == ["reviewer2@example.edu", "reviewer@example.edu"]
    assert "聯合實驗室" in mail.outbox[0].subject + mail.outbox[0].body

    # The translator sees it is awaited, and has nothing to submit meanwhile.
    editor = translator.get(editor_url(translation))
    assert "Awaiting Traditional Chinese review" in editor.text
    assert "data-review-submit" not in editor.text

    reviewer = signed_in(people["reviewer"])
    dashboard = reviewer.get(reverse("wagtailadmin_home"))
    assert "Awaiting your review" in dashboard.text
    assert "聯合實驗室" in dashboard.text
    # The Simplified reviewers have nothing to review.
    other = signed_in(people["simplified reviewer"]).get(reverse("wagtailadmin_home"))
    assert "Awaiting your review" not in other.text

    preview = reviewer.get(
        reverse(
            "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state(translation).task_id]
        )
    )
    assert "大數據研究。" in preview.text

    assert workflow_action(reviewer, translation, "approve").status_code == 302
    page = target_of(translation)
    assert page.live
    assert page.current_workflow_state is None
    text = public_text(translation)
    assert "聯合實驗室" in text
    assert "大數據研究。" in text


def test_changes_requested_the_translator_sees_the_comment_and_resubmits(people, translation):
    translator = signed_in(people["translator"])
    type_segment(translator, translation, "title", "聯合实验室")
    submit_for_review(translator, translation)
    mail.outbox.clear()

    reviewer = signed_in(people["reviewer"])
    comment = "「实验」是簡體字：請改為「實驗」。"
    assert workflow_action(reviewer, translation, "reject", comment).status_code == 302
    assert not target_of(translation).live
    # The translator is told by e-mail, and in the translation editor.
    assert recipients() == ["hant@example.edu"]
    assert comment in mail.outbox[0].body
    editor = translator.get(editor_url(translation))
    request = re.search(r"data-review-changes>(.*?)</div>", editor.text, re.S).group(1)
    assert "reviewer asked for changes on" in request
    assert comment in html.unescape(request)
    assert "Resubmit" in editor.text
    mail.outbox.clear()

    type_segment(translator, translation, "title", "聯合實驗室")
    assert submit_for_review(translator, translation).status_code == 302
    # The same workflow goes on, back with the reviewers.
    [state] = WorkflowState.objects.filter(object_id=str(target_of(translation).pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert recipients() == ["reviewer2@example.edu", "reviewer@example.edu"]
    editor = translator.get(editor_url(translation))
    assert "data-review-changes" not in editor.text

    workflow_action(reviewer, translation, "approve")
    assert "聯合實驗室" in public_text(translation)
    assert "聯合实验室" not in public_text(translation)


def test_a_correction_to_a_live_page_stays_off_the_site_until_approved(people, translation):
    translator = signed_in(people["translator"])
    type_segment(translator, translation, "title", "聯合實驗室")
    submit_for_review(translator, translation)
    workflow_action(signed_in(people["reviewer"]), translation, "approve")
    assert "聯合實驗室" in public_text(translation)  # now cached

    type_segment(translator, translation, "title", "聯合研究實驗室")
    submit_for_review(translator, translation)
    # Neither the stored page nor the cached one has the unreviewed text.
    assert target_of(translation).title == "聯合實驗室"
    text = public_text(translation)
    assert "聯合實驗室" in text
    assert "聯合研究實驗室" not in text

    workflow_action(signed_in(people["second reviewer"]), translation, "approve")
    assert "聯合研究實驗室" in public_text(translation)


def test_a_translation_awaiting_review_cannot_be_submitted_again(people, translation):
    translator = signed_in(people["translator"])
    submit_for_review(translator, translation)
    revisions = target_of(translation).revisions.count()
    mail.outbox.clear()

    response = submit_for_review(translator, translation)
    assert response.status_code == 302
    assert target_of(translation).revisions.count() == revisions
    assert WorkflowState.objects.count() == 1
    assert mail.outbox == []
    editor = translator.get(response.url)
    assert "cannot be submitted for review now" in html.unescape(editor.text)


def test_a_translator_of_the_other_locale_cannot_submit_it(django_user_model, people, translation):
    hans = signed_in(member_of(django_user_model, "Translators (Simplified Chinese)", "hans"))
    revisions = target_of(translation).revisions.count()
    assert refused(submit_for_review(hans, translation))
    assert WorkflowState.objects.count() == 0
    assert target_of(translation).revisions.count() == revisions
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("group", "submits"),
    [
        (TRADITIONAL_TRANSLATORS, True),
        ("Editors", True),  # edit every page, publish none
        (TRADITIONAL_REVIEWERS, False),  # publish from the editor's footer instead
        ("Moderators", False),
    ],
)
def test_who_gets_submit_for_review_and_who_publishes(
    django_user_model, translation, group, submits
):
    editor = signed_in(member_of(django_user_model, group, "someone")).get(editor_url(translation))
    assert ("data-review-submit" in editor.text) is submits
    props = editor_props(editor)
    assert props["perms"]["canPublish"] is not submits
    stop = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    assert props["links"]["stopTranslationUrl"] == (None if submits else stop)


def test_a_reviewer_approves_from_the_translation_editor(people, translation):
    submit_for_review(signed_in(people["translator"]), translation)
    editor = signed_in(people["reviewer"]).get(editor_url(translation))
    state = task_state(translation)
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[target_of(translation).pk, "approve", state.pk]
    )
    assert f'data-workflow-action-url="{approve}"' in editor.text
    assert "Request changes" in editor.text


def test_an_invalid_translation_is_not_submitted_and_the_translator_is_told_why(
    people, translation
):
    # A slug of the translator's own that a sibling page already has.
    home = target_of(translation).get_parent()
    home.add_child(instance=StandardPage(title="Taken", slug="taken"))
    overridable = OverridableSegment.objects.get(source=translation.source, context__path="slug")
    SegmentOverride.objects.create(
        locale=translation.target_locale, context=overridable.context, data_json='"taken"'
    )
    translator = signed_in(people["translator"])
    revisions = target_of(translation).revisions.count()

    response = submit_for_review(translator, translation)
    assert response.status_code == 302
    assert "was not submitted" in html.unescape(translator.get(response.url).text)
    assert WorkflowState.objects.count() == 0
    assert target_of(translation).revisions.count() == revisions
    assert mail.outbox == []
