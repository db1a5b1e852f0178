"""Submitting a translation for review: its segments saved as a draft, then the workflow started.

Each Chinese home page carries a review workflow (migrations/0002), so every
page of that locale's tree has one; a snippet has one once its model is a
`WorkflowMixin` with a workflow assigned. Approving the last task publishes
the object's latest revision (Wagtail's `publish_workflow_state`), and the
publish signal refreshes the page cache.

wagtail-localize's own `save_target(publish=False)` cannot make that draft:
it saves the translated fields onto the object's row, and for a live page or
snippet the row is what visitors see, so unreviewed text would go live with no
publish signal. Here the translated copy is only ever stored as a revision.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import LockableMixin, Page, WorkflowMixin, WorkflowState
from wagtail_localize.models import TranslationLog

from core.review import save_translation_draft
from core.review import submit_for_review as start_or_resume_review


def review_workflow(instance):
    """The workflow `instance` is reviewed by, or None."""
    return instance.get_workflow() if isinstance(instance, WorkflowMixin) else None


def current_review(instance):
    """The workflow state under way on `instance` (in progress or needs changes), or None."""
    return instance.current_workflow_state if isinstance(instance, WorkflowMixin) else None


def can_submit_for_review(user, instance):
    """Whether `instance` can be submitted by `user` now (edit permission is checked apart):
    it has a workflow, is not awaiting review already and is not locked against them."""
    if review_workflow(instance) is None:
        return False
    state = current_review(instance)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return False
    lock = instance.get_lock() if isinstance(instance, LockableMixin) else None
    return not (lock and lock.for_user(user))


def save_draft(translation, user):
    """Save the translation's current segments as a new revision of its target, and return the
    target. Untranslated segments keep the source text, as wagtail-localize's publish does."""
    instance = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    if not isinstance(instance, Page):
        # A snippet: core's draft, which also creates a first translation.
        return save_translation_draft(translation, user)
    revision = instance.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(
        source=translation.source, locale=translation.target_locale, revision=revision
    )
    return instance


@transaction.atomic
def submit_for_review(translation, user):
    """Save a draft and start the target's workflow, or resume it after changes were requested.

    Returns the target. Raises ValidationError if the translated object is not valid."""
    instance = save_draft(translation, user)
    start_or_resume_review(instance, user)
    return instance


@dataclass
class ChangeRequest:
    reviewer: object
    comment: str
    requested_at: object
    task_name: str


def change_request(state):
    """What the reviewer asked for, while the workflow state `state` needs changes, else None."""
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    return ChangeRequest(
        reviewer=task_state.finished_by,
        comment=task_state.comment,
        requested_at=task_state.finished_at,
        task_name=task_state.task.name,
    )
