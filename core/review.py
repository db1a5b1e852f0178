"""Changes to snippets wait for review: drafts, submission, and who is told.

Contacts, research areas and the footer are `ReviewedSnippetMixin` models:
an edit is a revision, and the row, which visitors see, changes only when
the revision is published, by someone with the publish permission in that
language or by approval in the "Review snippet translations" workflow
(`LocaleApprovalTask`).

wagtail-localize's translation editor writes a snippet translation with
`Translation.save_target()`. With `publish=True` it publishes at once (only
for users allowed to publish: it checks). With `publish=False` it still saves
the row itself, marked not live: a published translation would vanish from
the site until approved. `save_translation_draft()` saves a revision instead
and leaves the live row alone, as Wagtail's own snippet editor does.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from wagtail.actions.edit import EditAction
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState, WorkflowState
from wagtail_localize.models import TranslationLog

from .models import LocaleApprovalTask

# Fields saved on their own when a draft revision is saved or a lock taken or
# released: none of them changes what visitors see.
REVISION_BOOKKEEPING_FIELDS = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
)


def is_revision_bookkeeping(update_fields):
    return bool(update_fields) and set(update_fields) <= REVISION_BOOKKEEPING_FIELDS


def save_translation_draft(translation, user=None):
    """Write a wagtail-localize translation's strings to its target as a draft revision.

    A live target keeps its row (what visitors see) until the revision is
    published; a target that is not live yet is saved as well, as Wagtail
    saves a draft. A first translation is created by wagtail-localize, not
    live. Checks that `user` may change the target and that it is not locked
    for them (raises PermissionDenied); returns the target.
    """
    source, locale = translation.source, translation.target_locale
    try:
        source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        translation.save_target(user=user, publish=False)
        return source.get_translated_instance(locale)
    target = source.get_ephemeral_translated_instance(locale, fallback=True)
    # clean=True: a draft built from translated strings is complete, and a string
    # too long for its field must be refused now, not when a reviewer publishes it.
    action = EditAction(target, user=user, clean=True)
    action.execute()
    TranslationLog.objects.create(source=source, locale=locale, revision=action.revision)
    return target


def submit_for_review(obj, user):
    """Send `obj`'s latest revision to its workflow; None if it has no workflow.

    After a reviewer asked for changes, the same workflow resumes; one already
    waiting for review is left as it is.
    """
    workflow_state = obj.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
        return workflow_state
    if workflow_state:
        return workflow_state
    workflow = obj.get_workflow()
    return workflow.start(obj, user) if workflow else None


class LocaleApprovalSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for approval" e-mail, to the approvers of the object's language only.

    Wagtail's own notifier handles its group approval tasks only, and would
    tell every member of every group.
    """

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, LocaleApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        obj = task_state.workflow_state.content_object
        members = get_user_model().objects.filter(groups__in=task.groups.all()).distinct()
        recipients = {member for member in members if task.user_approves(obj, member)}
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients |= set(get_user_model().objects.filter(is_superuser=True))
        triggering_user = kwargs.get("user")
        return {user for user in recipients if user != triggering_user}


locale_approval_submission_notifier = LocaleApprovalSubmissionNotifier()
