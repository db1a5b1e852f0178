"""Content blocks any page can use: text, media, links.

Partnership blocks (timeline, contacts, research highlights...) are in
partner_pages/blocks.py; `body_blocks()` there assembles a page body's set.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import BlockGroup, StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import RichText

from .images import PreloadedImageChooserBlock
from .links import drop_unsafe_links, safe_link, validate_link, validate_rich_text_links

# Rich text stays simple so pages look consistent and stay accessible:
# headings come from HeadingBlock (which feeds the table of contents).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
INLINE_FEATURES = ["bold", "italic", "link"]


class LinkURLBlock(blocks.URLBlock):
    """A web address that may become a link (core.links): checked when entered and when read."""

    def __init__(self, validators=(), **kwargs):
        super().__init__(validators=[*validators, validate_link], **kwargs)

    def to_python(self, value):
        return safe_link(super().to_python(value))


class LinkCheckedRichTextBlock(blocks.RichTextBlock):
    """Rich text whose links may only have safe addresses (core.links), entered or read."""

    def __init__(self, validators=(), **kwargs):
        super().__init__(validators=[*validators, validate_rich_text_links], **kwargs)

    def to_python(self, value):
        return RichText(drop_unsafe_links(value))


class HeadingValue(blocks.StructValue):
    @cached_property
    def anchor(self):
        """A stable id for the table of contents; Chinese headings keep their characters."""
        return self.get("anchor_id") or slugify(self.get("text"), allow_unicode=True) or "section"


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 headings make up the page's table of contents."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        label=_("Level"),
        search_index=False,  # the label is interface text, not what the page says
    )
    anchor_id = blocks.CharBlock(
        required=False,
        max_length=60,
        label=_("Link anchor"),
        help_text=_("Optional. Letters, digits and hyphens; made from the heading when empty."),
        validators=[],
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading, listed in the page's table of contents")
        value_class = HeadingValue
        preview_value = {"text": "Brief of the current collaborative areas", "level": "h2"}

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor_id")
        if anchor and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", anchor):
            raise StructBlockValidationError(
                block_errors={
                    "anchor_id": ValidationError(
                        _("Use only letters, digits, hyphens and underscores.")
                    )
                }
            )
        return value


class ParagraphBlock(LinkCheckedRichTextBlock):
    """Body text with a deliberately small set of formatting options."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Text with bold, italic, links and lists")
        preview_value = (
            "<p>The purpose of this platform is to develop academic collaborations, "
            "including the <b>exchange of research</b> and professional knowledge.</p>"
        )


class AccessibleImageBlock(ImageBlock):
    """Wagtail's ImageBlock, with alt text required unless the image is marked decorative.

    Its chooser takes images preloaded for the whole page when there are some
    (see core/images.py), so a page's images cost two queries in all.
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = PreloadedImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser

    def clean(self, value):
        image = super().clean(value)
        if image and not image.decorative and not (image.contextual_alt_text or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image for people who cannot see it, or mark it decorative.")
                    )
                }
            )
        return image


def _first_image_id():
    """The first image in the library, for block previews (None when there is none)."""
    return get_image_model().objects.order_by("pk").values_list("pk", flat=True).first()


def _preview_figure(image_id, caption=""):
    return {
        "image": {"image": image_id, "decorative": False, "alt_text": "Preview image"},
        "caption": caption,
    }


class FigureBlock(blocks.StructBlock):
    """One image with its alternative text and an optional caption."""

    image = AccessibleImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "components/blocks/figure_block.html"
        label = _("Image")
        description = _("A single image with alt text and an optional caption")

    def get_preview_value(self):
        return self.to_python(
            _preview_figure(_first_image_id(), "PolyU and Alibaba Cloud sign an MoU, 2018")
        )


class GalleryBlock(blocks.StructBlock):
    """A set of photographs, browsable with the keyboard."""

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    images = blocks.ListBlock(FigureBlock(), min_num=1, label=_("Images"))

    class Meta:
        icon = "image"
        template = "components/blocks/gallery_block.html"
        label = _("Gallery")
        description = _("Several images shown as a grid")

    def get_preview_value(self):
        image_ids = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True)[:4])
        return self.to_python(
            {
                "heading": "Joint laboratory opening, 2016",
                "images": [_preview_figure(image_id) for image_id in image_ids],
            }
        )


class DocumentBlock(blocks.StructBlock):
    """A downloadable file, shown with its type and size."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Link text"),
        help_text=_("Optional. The document's own title is used when empty."),
    )
    description = blocks.TextBlock(required=False, max_length=300, label=_("Description"))

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_block.html"
        label = _("Document download")
        description = _("A link to download a file, with its type and size")

    def get_preview_value(self):
        document_id = (
            get_document_model().objects.order_by("pk").values_list("pk", flat=True).first()
        )
        return self.to_python(
            {"document": document_id, "title": "", "description": "AIR programme leaflet"}
        )


class LinkValue(blocks.StructValue):
    @cached_property
    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""


class LinkBlock(blocks.StructBlock):
    """The base of every block with one link: to a page of this site or an address, not both."""

    page = blocks.PageChooserBlock(
        required=False,
        label=_("Page on this site"),
        help_text=_("Choose a page here, or give an external address below: not both."),
    )
    external_url = LinkURLBlock(required=False, label=_("External address"))

    class Meta:
        icon = "link"
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("external_url"))
        if has_page == has_url:
            message = (
                _("Choose either a page or an external address, not both.")
                if has_page
                else _("Choose a page or give an external address.")
            )
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(message),
                    "external_url": ValidationError(message),
                }
            )
        return value


class CallToActionBlock(LinkBlock):
    """A prominent invitation with one link: to a page of this site or elsewhere."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("Text"))
    link_text = blocks.CharBlock(max_length=60, label=_("Button text"))

    class Meta:
        template = "components/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted invitation with a button")
        form_layout = BlockGroup(["heading", "text", "link_text", "page", "external_url"])
        preview_value = {
            "heading": "Explore opportunities for collaborative research",
            "text": "Tell us your idea for a research programme or a faculty exchange.",
            "link_text": "Tell us your idea",
            "external_url": "https://www.polyu.edu.hk/",
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person it comes from."""

    quote = blocks.TextBlock(max_length=600, label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Who said it"))
    role = blocks.CharBlock(required=False, max_length=160, label=_("Their role"))

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        label = _("Quotation")
        preview_value = {
            "quote": "Through close collaboration, PolyU and Huawei will further develop "
            "high-impact translational research.",
            "attribution": "PolyU",
        }


class KeyFactBlock(blocks.StructBlock):
    number = blocks.CharBlock(max_length=20, label=_("Number"), help_text=_('E.g. "700+", "2007"'))
    label = blocks.CharBlock(max_length=80, label=_("What it counts"))


class KeyFactsBlock(blocks.StructBlock):
    """A row of figures that sum up a partnership or programme."""

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1, max_num=6, label=_("Facts"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/key_facts_block.html"
        label = _("Key facts")
        description = _("Up to six numbers with labels")
        preview_value = {
            "facts": [
                {"number": "12+", "label": "years of the programme"},
                {"number": "700+", "label": "research projects funded"},
            ]
        }


# Each provider's addresses, matched whole (scheme, host, path, the id), and
# the embed address built from the id: built locally, so showing a video
# fetches nothing from an oEmbed provider at render time.
YOUTUBE_ID = r"(?P<id>[\w-]{11})"
VIDEO_EMBEDS = [
    (
        re.compile(
            r"https?://(?:www\.|m\.)?youtube\.com/watch\?(?:[^#]*&)?v="
            + YOUTUBE_ID
            + r"(?:[&#].*)?"
        ),
        "https://www.youtube-nocookie.com/embed/{}",
    ),
    (
        re.compile(r"https?://youtu\.be/" + YOUTUBE_ID + r"(?:[?#].*)?"),
        "https://www.youtube-nocookie.com/embed/{}",
    ),
    (
        re.compile(r"https?://(?:www\.)?vimeo\.com/(?P<id>\d+)/?(?:[?#].*)?"),
        "https://player.vimeo.com/video/{}",
    ),
]


class VideoValue(blocks.StructValue):
    @cached_property
    def embed_url(self):
        url = (self.get("url") or "").strip()
        for pattern, embed in VIDEO_EMBEDS:
            match = pattern.fullmatch(url)
            if match:
                return embed.format(match.group("id"))
        return ""


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video, with a title for screen readers."""

    url = LinkURLBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(max_length=160, label=_("Title"))
    transcript = blocks.TextBlock(required=False, label=_("Transcript or summary"))

    class Meta:
        icon = "media"
        template = "components/blocks/video_block.html"
        label = _("Video")
        value_class = VideoValue
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "PolyU collaborative research",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.embed_url:
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give a YouTube or Vimeo address."))}
            )
        return value


class FooterLinkBlock(LinkBlock):
    """A link in the site footer: to a page of this site or elsewhere."""

    text = blocks.CharBlock(max_length=60, label=_("Link text"))

    class Meta:
        label = _("Link")
        form_layout = BlockGroup(["text", "page", "external_url"])


SOCIAL_PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("x", "X"),
    ("weibo", _("Weibo")),
    ("wechat", _("WeChat")),
    ("other", _("Other")),
]


class SocialLinkValue(blocks.StructValue):
    @cached_property
    def name(self):
        """What the link says: the label given, or the platform's name."""
        if self.get("label"):
            return self["label"]
        return str(dict(SOCIAL_PLATFORMS).get(self.get("platform"), self.get("url")))


class SocialLinkBlock(blocks.StructBlock):
    """The university's account on a social network."""

    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS, label=_("Network"), search_index=False)
    url = LinkURLBlock(label=_("Address"))
    label = blocks.CharBlock(
        required=False,
        max_length=60,
        label=_("Link text"),
        help_text=_("Optional. The network's name is used when empty."),
    )

    class Meta:
        icon = "site"
        label = _("Social link")
        value_class = SocialLinkValue
