"""The translation editor's "Use this translation" for a near match from the memory."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from ..memory import SIMILARITY, TOOL_NAME, remembered_translations, similarity, valid_for
from .editing import back_to_editor, user_can_edit_translation


@require_POST
def use_remembered_translation(request, translation_id, segment_id):
    """Fill one untranslated segment with a remembered translation of a similar English text,
    as a machine translation to review. Only for users who may edit the translation."""
    translation = get_object_or_404(Translation, id=translation_id)
    segment = get_object_or_404(
        StringSegment.objects.select_related("string"),
        id=segment_id,
        source_id=translation.source_id,
    )
    if not user_can_edit_translation(request.user, translation):
        raise PermissionDenied
    back = redirect(back_to_editor(request, translation))

    remembered = (
        remembered_translations([translation.target_locale_id])
        .filter(
            pk=_number(request.POST.get("string_translation")),
            translation_of__locale_id=segment.string.locale_id,
        )
        .select_related("translation_of")
        .first()
    )
    if (
        remembered is None
        or similarity(remembered.translation_of.data, segment.string.data) < SIMILARITY
        or not valid_for(segment.string.data, remembered.data)
    ):
        messages.error(request, _("That suggestion is no longer available. Nothing was changed."))
        return back

    with transaction.atomic():
        _row, created = StringTranslation.objects.get_or_create(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
            defaults={
                "data": remembered.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "tool_name": TOOL_NAME,
                "last_translated_by": request.user,
                "has_error": False,
                "field_error": "",
            },
        )
        if created:
            Translation.objects.filter(pk=translation.pk).update(
                translations_last_updated_at=timezone.now()
            )
    if created:
        messages.success(
            request,
            _("Used the remembered translation. Edit it to match this sentence, then review it."),
        )
    else:
        messages.warning(request, _("This segment is translated already: nothing was changed."))
    return back


def _number(value):
    # ASCII digits only ("²".isdigit() is true, int() refuses it) and within a database integer.
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None
