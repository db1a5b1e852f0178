"""wagtail-localize's views that publish translations or undo one, behind publish permission.

Served at wagtail-localize's own addresses (see wagtail_hooks.py), so its
editor's buttons and links reach them:

- "Convert to alias page" replaces a translation with the source page and
  deletes its Translation: it needs publish permission on the page. On POST it
  also sends `page_published` (or `page_unpublished`) for the page, as Wagtail
  does for the aliases it updates, since wagtail-localize sends nothing when a
  live page stays live, and the page cache and the CDN would keep the old page.
- "Stop synced translation" needs publish permission too, and asks first: a GET,
  or the editor's button (a POST without `confirm`), shows a confirmation page.
- "Update translations" with "Publish immediately" needs publish permission on
  every translation it would publish; otherwise the form says which, and
  nothing changes.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

from ..permissions import user_can_publish, user_can_publish_translation
from .editing import user_can_edit_translation


def convert_to_alias(request, page_id):
    """wagtail-localize's view (a confirmation on GET), for users who may publish the page."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not user_can_publish(request.user, page):
        raise PermissionDenied
    was_live = page.live
    response = convert.convert_to_alias(request, page_id)
    if request.method == "POST":
        page = page.specific_class.objects.get(pk=page.pk)
        if page.alias_of_id is not None:
            _announce_alias(page, was_live)
    return response


def _announce_alias(page, was_live):
    # wagtail-localize's sync_alias sends page_published only when the page goes live.
    if page.live and was_live:
        source = page.alias_of.specific
        page_published.send(
            sender=page.specific_class,
            instance=page,
            revision=source.get_latest_revision(),
            alias=True,
        )
    elif was_live and not page.live:
        page_unpublished.send(sender=page.specific_class, instance=page)


def stop_translation(request, translation_id):
    """Stop a synced translation, for users who may publish it, once they have confirmed."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not (
        user_can_edit_translation(request.user, translation)
        and user_can_publish_translation(request.user, translation)
    ):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request)
    if request.method == "POST" and request.POST.get("confirm"):
        return edit_translation.stop_translation(request, translation_id)
    if request.method == "POST":
        # The editor's button: ask first.
        address = reverse("wagtail_localize:stop_translation", args=[translation.id])
        if next_url:
            address += "?" + urlencode({"next": next_url})
        return redirect(address)
    return TemplateResponse(
        request,
        "translation_workflow/confirm_stop_translation.html",
        {
            "translation": translation,
            "instance": translation.get_target_instance(),
            "next": next_url or translation.get_target_instance_edit_url(),
        },
    )


class PublishCheckedUpdateTranslationsForm(UpdateTranslationsForm):
    def __init__(self, *args, user, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.source = source

    def clean_publish_translations(self):
        publish = self.cleaned_data["publish_translations"]
        if publish:
            refused = [
                str(translation.target_locale.get_display_name())
                for translation in self.source.translations.filter(enabled=True)
                .select_related("target_locale", "source__specific_content_type")
                .order_by("target_locale__language_code")
                if not user_can_publish_translation(self.user, translation)
            ]
            if refused:
                raise forms.ValidationError(
                    _(
                        "You may not publish translations into %(locales)s. Untick "
                        "“Publish immediately” to update the translations as drafts."
                    )
                    % {"locales": ", ".join(refused)}
                )
        return publish


class PublishCheckedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Update translations", publishing only where the user may publish."""

    template_name = "translation_workflow/update_translations.html"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return PublishCheckedUpdateTranslationsForm(
            data, user=self.request.user, source=self.object
        )
