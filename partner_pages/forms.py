"""The partner page's admin form: research areas in the page's own language.

Research areas are translatable snippets, one row per language, so the plain
checkbox list offered every language's areas at once. This form lists the
page's locale only, and lets an editor add missing areas without leaving the
page. It reads the ResearchArea model off its own field, so models.py can
import it as `base_form_class`.
"""

import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.permissions import policy_registry

from core.localization import localize_all
from core.validators import UNIVERSITY_FOUNDED

# Editors separate names with English or Chinese commas, or the enumeration comma.
NAME_SEPARATORS = re.compile(r"[,，、;；]")


class PartnerPageForm(WagtailAdminPageForm):
    new_research_areas = forms.CharField(
        label=_("Add research areas"),
        required=False,
        max_length=500,
        help_text=_(
            "Areas missing from the list, separated by commas, e.g. “Robotics, Smart cities”: "
            "each is added in this page's language and ticked when you save."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = self.instance.locale if self.instance.locale_id else self.parent_page.locale
        if "research_areas" in self.fields:
            self._limit_research_areas_to_the_page_locale()
        if "new_research_areas" in self.fields and not self._user_may_add_research_areas():
            del self.fields["new_research_areas"]
        if "partnership_since" in self.fields:
            self._leave_year_bounds_to_the_model()

    @property
    def research_area_model(self):
        return self.fields["research_areas"].queryset.model

    def _limit_research_areas_to_the_page_locale(self):
        field = self.fields["research_areas"]
        chosen = list(self.instance.research_areas.all()) if self.instance.pk else []
        # A translation copies the source page's areas as they are (wagtail-localize
        # synchronises the relation, not its language): tick their translations.
        localized = list(dict.fromkeys(localize_all(chosen, self.locale)))
        # An area not yet translated into this locale stays listed, marked with its
        # language, so saving the page does not silently drop it.
        untranslated = [area.pk for area in localized if area.locale_id != self.locale.pk]
        field.queryset = self.research_area_model.objects.filter(
            locale=self.locale
        ) | self.research_area_model.objects.filter(pk__in=untranslated)
        field.label_from_instance = self._research_area_label
        field.help_text = gettext(
            "Research areas in %(language)s, this page's language; "
            "its translations show the same areas in theirs."
        ) % {"language": self.locale.get_display_name()}
        if chosen:
            self.initial["research_areas"] = [area.pk for area in localized]

    def _research_area_label(self, area):
        if area.locale_id == self.locale.pk:
            return area.name
        return f"{area.name} ({area.locale.get_display_name()})"

    def _user_may_add_research_areas(self):
        if self.for_user is None or "research_areas" not in self.fields:
            return False
        model = self.research_area_model
        return policy_registry.get_by_type(model).user_has_permission_for_instance(
            self.for_user, "add", model(locale=self.locale)
        )

    def _leave_year_bounds_to_the_model(self):
        # The form field's own bound (0, from PositiveSmallIntegerField) would answer
        # first with a bare "greater than or equal to 0"; the model's say why.
        field = self.fields["partnership_since"]
        field.validators = [
            validator
            for validator in field.validators
            if not isinstance(validator, MinValueValidator | MaxValueValidator)
        ]
        field.widget.attrs["min"] = UNIVERSITY_FOUNDED

    def clean_new_research_areas(self):
        names = [
            " ".join(name.split())
            for name in NAME_SEPARATORS.split(self.cleaned_data.get("new_research_areas", ""))
        ]
        names = list(dict.fromkeys(name for name in names if name))
        max_length = self.research_area_model._meta.get_field("name").max_length
        too_long = [name for name in names if len(name) > max_length]
        if too_long:
            raise forms.ValidationError(
                gettext(
                    "A research area's name can have at most %(max_length)s characters: "
                    "“%(name)s” has %(length)s. Separate several areas with commas."
                )
                % {"max_length": max_length, "name": too_long[0], "length": len(too_long[0])}
            )
        return names

    def save(self, commit=True):
        names = self.cleaned_data.get("new_research_areas") or []
        if names:
            areas = list(self.cleaned_data.get("research_areas") or [])
            areas += [area for area in self._find_or_create_areas(names) if area not in areas]
            self.cleaned_data["research_areas"] = areas
        return super().save(commit=commit)

    def _find_or_create_areas(self, names):
        """The page locale's area of each name: an existing one (any letter case), or a new one."""
        model = self.research_area_model
        existing = {area.name.casefold(): area for area in model.objects.filter(locale=self.locale)}
        for name in names:
            area = existing.get(name.casefold())
            if area is None:
                area = model.objects.create(
                    name=name, slug=self._free_slug(name), locale=self.locale
                )
                existing[name.casefold()] = area
            yield area

    def _free_slug(self, name):
        # Unused in every locale: a translation of this area will carry the same slug.
        model = self.research_area_model
        max_length = model._meta.get_field("slug").max_length
        # A Chinese name has no ASCII slug; editors can give one under Snippets.
        base = slugify(name)[: max_length - 4] or "area"
        slug, number = base, 1
        while model.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug
