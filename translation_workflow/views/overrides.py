"""Synchronised values (a translation's own image, link or address), checked before they are kept.

wagtail-localize stores whatever a translator sends for a synchronised value.
Where the English value is a link, or empty, the translation's value must be
a link the site allows (core.links): a `javascript:` address typed here would
otherwise reach the published page.
"""

import json

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from wagtail_localize.models import OverridableSegment, Translation
from wagtail_localize.views import edit_translation

from core.links import SCHEME, is_safe_link

# wagtail-localize's view undecorated: it runs with this view's (DRF) request.
wagtail_localize_edit_override = edit_translation.edit_override.cls.put


def holds_a_link(source_value):
    """Whether a synchronised value is an address (or empty): its translation must be a safe one."""
    if not isinstance(source_value, str):
        return False  # an image, document or page chosen by its id
    return source_value == "" or bool(SCHEME.match(source_value)) or source_value[0] in "/#?"


@api_view(["PUT", "DELETE"])
@permission_classes([IsAuthenticated])
@authentication_classes([SessionAuthentication])
def edit_override(request, translation_id, overridable_segment_id):
    """wagtail-localize's view, refusing an unsafe address where the English value is a link."""
    if request.method == "PUT":
        get_object_or_404(Translation, id=translation_id)
        segment = get_object_or_404(OverridableSegment, id=overridable_segment_id)
        value = request.POST.get("value", "")
        if holds_a_link(json.loads(segment.data_json)) and not is_safe_link(value):
            return Response(
                {
                    "error": _(
                        "This address cannot be used: links may only start with http://, "
                        "https://, mailto: or tel:, or be an address on this site."
                    )
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
    # Permission checks and storage are wagtail-localize's own.
    return wagtail_localize_edit_override(None, request, translation_id, overridable_segment_id)
