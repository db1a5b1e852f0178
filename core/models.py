"""Content every page shows (the footer), and how changes to snippets are reviewed."""

from django import forms
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Task,
    TaskState,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField

from .blocks import FooterLinkBlock, SocialLinkBlock
from .permissions import EVERY_LOCALE, covered_locale_ids
from .validators import tel_uri, validate_phone_number


class ReviewedSnippetMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin):
    """A snippet whose changes are drafts until published, and are published through review.

    Editing saves a revision and leaves the live row, the version visitors see,
    as it is; publishing (directly, or by approving it in its workflow) copies
    the revision onto the row. The mixins in the order Wagtail requires
    (wagtailcore.E004-E006); RevisionMixin and WorkflowMixin bring their own
    generic relations, so revisions and workflow states go with the object.
    """

    # A translation is copied from its source: it starts with no lock and no live
    # revision of its own (the source's would be the wrong object's).
    default_exclude_fields_in_copy = [
        *RevisionMixin.default_exclude_fields_in_copy,
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
    ]

    class Meta:
        abstract = True


class FooterContent(ReviewedSnippetMixin, TranslatableMixin, models.Model):
    """What the footer of every page says: one per language, translated like a page.

    Pages read it through `core.site_chrome.footer_for()`, which caches it per
    language and falls back to the default language's footer.
    """

    address = models.TextField(
        _("address"), max_length=400, blank=True, help_text=_("One line per line of the address.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[validate_phone_number],
        help_text=_("E.g. +852 2766 5111"),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Leave empty rather than guess an address.")
    )
    links = StreamField(
        [("link", FooterLinkBlock())], blank=True, max_num=8, verbose_name=_("links")
    )
    social_links = StreamField(
        [("social_link", SocialLinkBlock())],
        blank=True,
        max_num=8,
        verbose_name=_("social links"),
    )

    panels = [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("links"),
        FieldPanel("social_links"),
    ]
    override_translatable_fields = [
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("social_links", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footer")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_footer_per_locale")]

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})

    @property
    def tel_uri(self):
        return tel_uri(self.phone) if self.phone else ""


class LocaleApprovalTask(Task):
    """Approval by the members of its groups who look after the object's language.

    Wagtail gives each snippet model one workflow, whatever the language, so the
    language is decided here, per object: a member of one of the task's groups
    approves an object if that group covers the object's locale
    (`core.permissions.covered_locale_ids`: page permissions on that locale's
    home page, or on the root page for every locale). Only they are told of a
    submission (`core.review`), may open the editor while it waits, and may act.
    """

    groups = models.ManyToManyField(
        Group,
        verbose_name=_("groups"),
        help_text=_(
            "Members of these groups approve pages and snippets in the languages "
            "their group has page permissions for."
        ),
    )

    admin_form_fields = [*Task.admin_form_fields, "groups"]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = _("approval by language")
        verbose_name_plural = _("approvals by language")

    def approver_locale_ids(self, user):
        """The IDs of the locales `user` approves in through this task; EVERY_LOCALE for all."""
        # Asked several times a request (menu, actions, lock): once per user and task.
        cache = user.__dict__.setdefault("_locale_approval_cache", {})
        if self.pk not in cache:
            cache[self.pk] = covered_locale_ids(
                user, self.groups.filter(pk__in=user.groups.values("pk"))
            )
        return cache[self.pk]

    def user_approves(self, obj, user):
        locale_ids = self.approver_locale_ids(user)
        if locale_ids is EVERY_LOCALE:
            return True
        return getattr(obj, "locale_id", None) in locale_ids

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        # As Wagtail's group approval: a lock held by someone who cannot approve
        # would keep the approvers out.
        if (
            isinstance(obj, LockableMixin)
            and obj.locked_by
            and not self.user_approves(obj, obj.locked_by)
        ):
            obj.locked, obj.locked_by, obj.locked_at = False, None, None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])
        return super().start(workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail's workflow action view checks get_actions() against the object in
        # its URL, not the task state's: check the object actually acted on.
        if not self.user_approves(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        return self.user_approves(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_approves(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_approves(obj, user)

    def get_actions(self, obj, user):
        if not self.user_approves(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        locale_ids = self.approver_locale_ids(user)
        if locale_ids is EVERY_LOCALE:
            return states
        in_their_locales = Q(pk__in=[])
        for content_type_id in (
            states.values_list("workflow_state__base_content_type", flat=True).distinct().order_by()
        ):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not issubclass(model, TranslatableMixin):
                continue
            object_ids = (
                model._default_manager.filter(locale_id__in=locale_ids)
                .annotate(object_id_text=Cast("pk", CharField()))
                .values("object_id_text")
            )
            in_their_locales |= Q(
                workflow_state__base_content_type=content_type_id,
                workflow_state__object_id__in=object_ids,
            )
        return states.filter(in_their_locales)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve what is in the languages their group looks after"
        )


class Term(models.Model):
    """One entry of the term base: how a term is written in each script.

    Conversion between the scripts (core.chinese.convert with core.terms'
    entries) replaces terms first, longest match first, and leaves the rest to
    OpenCC: a proper name keeps its official form in each script, a regional
    word becomes the other region's word (通訊 in Hong Kong, 通信 on the mainland).
    """

    class Kind(models.TextChoices):
        NAME = "name", _("Institution or proper name")
        VOCABULARY = "vocabulary", _("Regional vocabulary")
        KEEP = "keep", _("Keep as is")

    english = models.CharField(_("English"), max_length=255, blank=True)
    traditional = models.CharField(_("Traditional Chinese (Hong Kong)"), max_length=255)
    simplified = models.CharField(_("Simplified Chinese"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VOCABULARY)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["traditional"]

    def __str__(self):
        return f"{self.traditional} / {self.simplified}"
