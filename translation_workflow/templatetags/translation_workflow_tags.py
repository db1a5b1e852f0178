import json

from django import template
from django.contrib.admin.utils import quote
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringTranslation

from translation_workflow.conversion import (
    button_label,
    segments_behind_sibling,
    sibling_locale_for,
)
from translation_workflow.models import ConvertedSegment
from translation_workflow.permissions import user_can_publish
from translation_workflow.review import (
    can_submit_for_review,
    change_request,
    current_review,
    review_workflow,
)
from translation_workflow.script_check import wrong_script_characters

register = template.Library()


@register.simple_tag
def chinese_conversion(translation):
    """The "Convert from Traditional/Simplified Chinese" button, script warnings and converted
    segments edited since whose other version changed afterwards; or None."""
    if translation is None or sibling_locale_for(translation.target_locale) is None:
        return None
    code = translation.target_locale.language_code
    warnings = []
    for path, data in (
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
            translation_of__segments__source=translation.source,
        )
        .distinct()
        .order_by("context__path")
        .values_list("context__path", "data")
    ):
        characters = wrong_script_characters(data, code)
        if characters:
            warnings.append({"path": path, "characters": "".join(characters)})
    behind_sibling = (
        segments_behind_sibling(
            ConvertedSegment.objects.filter(
                string_translation__locale=translation.target_locale,
                string_translation__context__object_id=translation.source.object_id,
                string_translation__translation_of__segments__source=translation.source,
            )
        )
        .distinct()
        .order_by("string_translation__context__path")
        .values_list("string_translation__context__path", flat=True)
    )
    return {
        "label": button_label(translation.target_locale),
        "url": reverse("translation_workflow:convert", args=[translation.id]),
        "warnings": warnings,
        "behind_sibling": list(behind_sibling),
        "simplified_target": code == "zh-hans",
    }


@register.simple_tag
def editor_props(props, instance, user):
    """wagtail-localize's editor props, without "Convert to alias page" and "Stop Synced
    translation" for a user who may not publish `instance` (those undo the translation)."""
    if user_can_publish(user, instance):
        return props
    data = json.loads(props)
    data["links"]["convertToAliasUrl"] = None
    data["links"]["stopTranslationUrl"] = None
    return json.dumps(data, cls=DjangoJSONEncoder)


def _url_names(instance):
    if isinstance(instance, Page):
        return {
            "action": "wagtailadmin_pages:workflow_action",
            "preview": "wagtailadmin_pages:workflow_preview",
            "compare": "wagtailadmin_pages:revisions_compare",
        }
    viewset = instance.snippet_viewset
    return {
        "action": viewset.get_url_name("workflow_action"),
        "preview": viewset.get_url_name("workflow_preview"),
        "compare": viewset.get_url_name("revisions_compare"),
    }


@register.simple_tag
def review_status(translation, instance, user):
    """Where the translation stands in review, and what `user` can do about it, or None when
    `instance` has no review workflow.

    - submit: {"url", "label"}, "Submit for review" or "Resubmit", for users who may edit but
      not publish (publishers publish from the editor's footer);
    - awaiting: the task state a reviewer has yet to act on, with `actions` for a reviewer
      (the dashboard's Approve / Request changes buttons) and preview and compare links;
    - changes: the reviewer's request (ChangeRequest) while changes are requested.
    """
    if translation is None or review_workflow(instance) is None:
        return None
    state = current_review(instance)
    status = {"submit": None, "awaiting": None, "changes": change_request(state)}
    if not user_can_publish(user, instance) and can_submit_for_review(user, instance):
        status["submit"] = {
            "url": reverse("translation_workflow:submit_for_review", args=[translation.id]),
            "label": _("Resubmit") if status["changes"] else _("Submit for review"),
        }
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        names = _url_names(instance)
        pk = quote(instance.pk)
        revision = task_state.revision
        status["awaiting"] = {
            "task_name": task_state.task.name,
            "since": task_state.started_at,
            "actions": [
                {
                    "label": label,
                    "url": reverse(names["action"], args=[pk, name, task_state.id]),
                    "modal": modal,
                }
                for name, label, modal in task_state.task.specific.get_actions(instance, user)
            ],
            "preview_url": reverse(names["preview"], args=[pk, task_state.task_id])
            if getattr(instance, "is_previewable", lambda: False)()
            else None,
            "compare_url": reverse(names["compare"], args=[pk, "live", revision.id])
            if revision and getattr(instance, "live_revision_id", None)
            else None,
        }
    return status
