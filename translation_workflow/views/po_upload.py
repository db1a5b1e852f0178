"""wagtail-localize's PO upload, refusing whole what it would half-import."""

import re
import tempfile
from pathlib import Path

import polib
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from core.links import unsafe_links_in

from .editing import back_to_editor, user_can_edit_translation

#: Inline tags as wagtail-localize stores them in segments: <b>, </b>, <a id="a1">, <br/>...
INLINE_TAG = re.compile(r"<[^>]+>")


class POFileRefused(Exception):
    pass


def _read_po(upload):
    # polib.pofile() reads a path when given one: parse the upload from a file of our own
    # (as wagtail-localize does), never from its contents, which could name a server file.
    with tempfile.TemporaryDirectory() as workdir:
        path = Path(workdir) / "upload.po"
        path.write_bytes(upload.read())
        try:
            return polib.pofile(str(path))
        except UnicodeDecodeError as error:
            raise POFileRefused(_("The file is not UTF-8 text.")) from error
        except (OSError, ValueError) as error:
            detail = str(error).replace(f" {path}", "")  # polib names our temporary file
            reason = _("The file is not a valid PO file: %(error)s") % {"error": detail}
            raise POFileRefused(reason) from error


def _check_translation_markup(entry):
    if unsafe_links_in(entry.msgstr):
        raise POFileRefused(
            _(
                "The translation of “%(text)s” has a link that cannot be used: links may only "
                "start with http://, https://, mailto: or tel:, or be an address on this site."
            )
            % {"text": entry.msgid[:80]}
        )
    try:
        StringValue.from_translated_html(entry.msgstr)
        validate_translation_links(entry.msgid, entry.msgstr)
        if sorted(INLINE_TAG.findall(entry.msgid)) != sorted(INLINE_TAG.findall(entry.msgstr)):
            raise ValueError(
                _("expected the tags %(tags)s")
                % {"tags": " ".join(INLINE_TAG.findall(entry.msgid)) or _("none")}
            )
    except ValueError as error:
        raise POFileRefused(
            _(
                "The translation of “%(text)s” changes its formatting tags or links: keep "
                "the tags of the original. (%(error)s)"
            )
            % {"text": entry.msgid[:80], "error": error}
        ) from error


def _check_po(po, translation):
    """The entries of `po` whose translation differs from the stored one; POFileRefused if any
    entry is a duplicate, is not in the current source or breaks its tags."""
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        raise POFileRefused(
            _(
                "This PO file was downloaded for a different translation. Download the PO file "
                "of this page in this language, and translate that one."
            )
        )
    segments = {
        (segment.context.path, segment.string.data): segment
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "context", "string"
        )
    }
    # Every stored translation of the source's contexts in the target locale, in one query.
    stored = {
        (string_id, context_id): data
        for string_id, context_id, data in StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("translation_of_id", "context_id", "data")
    }
    changed = []
    seen = set()
    for entry in po:
        if entry.obsolete:
            continue
        if (entry.msgctxt, entry.msgid) in seen:
            raise POFileRefused(
                _("“%(text)s” appears twice in the PO file.") % {"text": entry.msgid[:80]}
            )
        seen.add((entry.msgctxt, entry.msgid))
        segment = segments.get((entry.msgctxt, entry.msgid))
        if segment is None:
            raise POFileRefused(
                _(
                    "The PO file does not match the current text (“%(text)s” is not in it any "
                    "more). Download a fresh PO file."
                )
                % {"text": entry.msgid[:80]}
            )
        if not entry.msgstr:
            continue
        _check_translation_markup(entry)
        if stored.get((segment.string_id, segment.context_id)) != entry.msgstr:
            changed.append(entry)
    return changed


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, refusing what it would half-import.

    Served at wagtail-localize's own address (see wagtail_hooks.py): a file that
    is not a PO file, belongs to another translation, has no translation ID,
    does not match the current source text or breaks a rich-text tag is refused
    whole with a message, and nothing is changed. A valid file updates exactly
    the segments whose translation differs from the stored one.
    """
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_translation(request.user, translation):
        raise PermissionDenied
    try:
        if "file" not in request.FILES:
            raise POFileRefused(_("Choose a PO file to upload."))
        po = _read_po(request.FILES["file"])
        changed = _check_po(po, translation)
    except POFileRefused as refusal:
        messages.error(
            request, _("PO file refused, nothing changed. %(reason)s") % {"reason": refusal}
        )
        return redirect(back_to_editor(request, translation))

    with transaction.atomic():
        changed_po = polib.POFile()
        changed_po.metadata = po.metadata
        for entry in changed:
            changed_po.append(entry)
        translation.import_po(changed_po, user=request.user, tool_name="PO File")
    messages.success(
        request,
        ngettext(
            "Imported %(count)d changed translation from the PO file.",
            "Imported %(count)d changed translations from the PO file.",
            len(changed),
        )
        % {"count": len(changed)},
    )
    return redirect(back_to_editor(request, translation))
