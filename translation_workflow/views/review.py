"""The translation editor's "Submit for review" and "Resubmit" button."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail_localize.models import Translation

from ..review import can_submit_for_review, review_workflow, submit_for_review
from .editing import back_to_editor, user_can_edit_translation


@require_POST
def submit_translation_for_review(request, translation_id):
    """Save the translation as a draft of its page or snippet and send it to its reviewers."""
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    if not user_can_edit_translation(request.user, translation):
        raise PermissionDenied
    instance = translation.get_target_instance()
    if review_workflow(instance) is None:
        raise Http404  # nothing reviews this page or snippet
    if not can_submit_for_review(request.user, instance):
        messages.error(
            request,
            _("“%(title)s” cannot be submitted for review now: it is awaiting review or locked.")
            % {"title": instance},
        )
        return redirect(back_to_editor(request, translation))
    try:
        instance = submit_for_review(translation, request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("“%(title)s” was not submitted: %(errors)s")
            % {"title": instance, "errors": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _(
                "“%(title)s” has been submitted for review. It goes live when a reviewer "
                "approves it."
            )
            % {"title": instance},
        )
    return redirect(back_to_editor(request, translation))
