"""The translation editor's "Convert from Traditional/Simplified Chinese" button."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail_localize.models import Translation

from core.chinese import SIMPLIFIED

from ..conversion import convert_from_sibling, sibling_locale_for
from .editing import back_to_editor, user_can_edit_translation

#: How many applied terms the message names; the rest are counted.
TERMS_NAMED = 12
MORE_TERMS = gettext_lazy("and %(count)d more")


def describe_terms(entries, to_code):
    """ "通訊 → 通信, 香港理工大學 → 香港理工大学, …": each term as converted."""
    names = []
    for entry in entries[:TERMS_NAMED]:
        source, target = entry.traditional, entry.simplified
        if to_code != SIMPLIFIED:
            source, target = target, source
        names.append(f"{source} → {target}")
    if len(entries) > TERMS_NAMED:
        names.append(MORE_TERMS % {"count": len(entries) - TERMS_NAMED})
    return ", ".join(names)


@require_POST
def convert_translation(request, translation_id):
    """Fill the untranslated segments of a Chinese translation from the other Chinese locale."""
    translation = get_object_or_404(Translation, id=translation_id)
    sibling = sibling_locale_for(translation.target_locale)
    if sibling is None:
        raise Http404
    if not user_can_edit_translation(request.user, translation):
        raise PermissionDenied

    result = convert_from_sibling(translation.source, translation.target_locale, user=request.user)
    language = sibling.get_display_name()
    if result.changes:
        message = ngettext(
            "Converted %(count)d segment from %(language)s. Review it before publishing.",
            "Converted %(count)d segments from %(language)s. Review them before publishing.",
            len(result.changes),
        ) % {"count": len(result.changes), "language": language}
        if result.applied:
            terms = describe_terms(result.applied, translation.target_locale.language_code)
            message = f"{message} {_('Terms applied: %(terms)s.') % {'terms': terms}}"
        messages.success(request, message)
    if result.missing:
        messages.warning(
            request,
            ngettext(
                "%(count)d segment has no %(language)s translation yet and stays untranslated.",
                "%(count)d segments have no %(language)s translation yet and stay untranslated.",
                len(result.missing),
            )
            % {"count": len(result.missing), "language": language},
        )
    if not result.changes and not result.missing:
        messages.warning(request, _("There isn't anything left to translate."))
    return redirect(back_to_editor(request, translation))
