"""Build the demo site in English, then translate it through wagtail-localize.

The English tree is built once (`build_english`), and each Chinese locale is
made from it as real wagtail-localize translations (`translate_into`): a
TranslationSource per page and snippet, a StringTranslation per segment
from translations/<locale>.json, then `save_target`, exactly as if a
translator had filled in the translation editor.

Everything the demo creates is recorded as a `DemoObject` (`record`), so that
`remove_demo_content` deletes exactly that and nothing the site's editors made.
"""

import json
import uuid
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site, TranslatableMixin
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationSource,
)

from core.models import FooterContent
from home.models import HomePage, HomePageFeaturedPartner
from partner_pages.models import (
    Contact,
    ContactPhoneNumber,
    EnquiryFormField,
    EnquiryFormPage,
    FundingCallsPage,
    PartnerIndexPage,
    PartnerPage,
    ProgrammeContact,
    ProgrammePage,
    ResearchArea,
    StandardPage,
)

from . import content
from .media import placeholder_image_file, placeholder_pdf
from .models import DemoObject

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
COLLECTION_NAME = "Demo content"
TRANSLATED_LOCALES = ["zh-hant", "zh-hans"]


class MissingTranslations(Exception):
    """Strings of the English content that a translation file does not cover."""

    def __init__(self, locale, strings):
        self.locale, self.strings = locale, strings
        listing = json.dumps(dict.fromkeys(strings, ""), ensure_ascii=False, indent=2)
        super().__init__(f"translations/{locale}.json lacks {len(strings)} strings:\n{listing}")


class ResetRefused(Exception):
    """Removing the demo would also delete work that is not the demo's."""


record = DemoObject.record


def load_catalogue(language_code):
    """translations/<locale>.json: the demo's English strings and their translations."""
    path = TRANSLATIONS_DIR / f"{language_code}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def demo_content_exists():
    """True once the site has partnership content (an English partnerships index)."""
    return PartnerIndexPage.objects.filter(locale__language_code="en").exists()


def demo_pages_recorded():
    """True once the demo has recorded pages it made (so that a reset can remove them)."""
    return DemoObject.objects.of(Page).exists()


# --- Media ------------------------------------------------------------------------


class Media:
    """Creates (or finds) the demo images and documents, in their own collection."""

    def __init__(self):
        root = Collection.get_first_root_node()
        self.collection = Collection.objects.filter(name=COLLECTION_NAME).first()
        if self.collection is None:
            self.collection = record(root.add_child(name=COLLECTION_NAME))

    def _existing_or_new(self, model, title, make_file):
        """The demo collection's `model` object of that title, made (file and all) if missing."""
        existing = model.objects.filter(title=title, collection=self.collection).first()
        if existing:
            return existing
        return record(
            model.objects.create(title=title, collection=self.collection, file=make_file())
        )

    def image(self, title, heading, subtitle, size=(1600, 1000), seed=0):
        filename = f"{title.lower().replace(' ', '-')[:60]}.png"
        return self._existing_or_new(
            get_image_model(),
            title,
            lambda: placeholder_image_file(filename, heading, subtitle, size, seed),
        )

    def document(self, title, lines):
        filename = f"{title.lower().replace(' ', '-')}.pdf"
        return self._existing_or_new(
            get_document_model(),
            title,
            lambda: ContentFile(placeholder_pdf(title, lines), name=filename),
        )

    def photos(self, group):
        return [
            self.image(
                f"{content.PHOTO_GROUPS[group]}, photograph {number}",
                "Photograph placeholder",
                content.PHOTO_GROUPS[group],
                seed=number,
            )
            for number in range(1, content.PHOTOS_PER_GROUP + 1)
        ]


def items(values):
    """A ListBlock value in block format (each item with an id), as the editor saves it.

    wagtail-localize only extracts segments from list items that have ids.
    """
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def figure(image, alt_text, caption=""):
    return {
        "image": {"image": image.pk, "decorative": False, "alt_text": alt_text},
        "caption": caption,
    }


def gallery(heading, images, group):
    return {
        "type": "gallery",
        "value": {
            "heading": heading,
            "images": items(figure(image, content.photo_alt_text(group)) for image in images),
        },
    }


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2", "anchor_id": ""}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def bullet_list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def contacts_block(title, contacts):
    return {
        "type": "contacts",
        "value": {"heading": title, "contacts": items(c.pk for c in contacts)},
    }


def key_facts(title, facts):
    return {
        "type": "key_facts",
        "value": {
            "heading": title,
            "facts": items({"number": number, "label": label} for number, label in facts),
        },
    }


def programme_list(title):
    return {"type": "programme_list", "value": {"heading": title, "programmes": items([])}}


def timeline_event(event):
    return {
        "start_date": event["start_date"],
        "end_date": event.get("end_date"),
        "precision": event.get("precision", "month"),
        "title": event["title"],
        "description": event.get("description", ""),
        "images": items([]),
        "link_url": "",
        "link_text": "",
    }


def add_page(parent, page):
    record(parent.add_child(instance=page))
    page.save_revision().publish()
    return page


# --- Snippets ------------------------------------------------------------------------


def build_snippets(locale):
    """The research areas and contacts the pages use: existing ones are reused, not recorded."""
    areas = {}
    for slug, name in content.RESEARCH_AREAS:
        area, created = ResearchArea.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name}
        )
        areas[slug] = record(area) if created else area
    contacts = {}
    for key, fields in content.CONTACTS.items():
        contact = Contact.objects.filter(name=fields["name"], locale=locale).first()
        if contact is None:
            contact = Contact(name=fields["name"], unit=fields["unit"], locale=locale)
            contact.phone_numbers = [
                ContactPhoneNumber(kind="office", number=number) for number in fields["phones"]
            ]
            contact.save()
            record(contact)
        contacts[key] = contact
    return areas, contacts


# --- Pages ---------------------------------------------------------------------------


def build_english():
    """The whole English site below the English home page."""
    locale = Locale.objects.get(language_code="en")
    home = HomePage.in_language("en")
    media = Media()
    areas, contacts = build_snippets(locale)

    index = add_page(
        home,
        PartnerIndexPage(
            title="Partnerships",
            slug="partnerships",
            introduction="<p>PolyU works with industry leaders on research, funding programmes "
            "and exchanges. Each partnership below has its own aims, programmes and history.</p>",
        ),
    )

    alibaba = build_alibaba(index, media, areas, contacts)
    huawei = build_huawei(index, media, areas, contacts)
    add_page(home, FundingCallsPage(**content.FUNDING_CALLS_PAGE))
    enquiry = build_enquiry_form(home)

    home.hero_heading = "Research with industry, for society"
    home.hero_text = (
        "How The Hong Kong Polytechnic University works with industry partners: joint research, "
        "funding programmes, laboratories and exchanges."
    )
    home.hero_image = media.image(
        "Home page banner", "PolyU Industry Partnerships", "Banner placeholder", size=(1600, 600)
    )
    home.introduction = (
        "<p>PolyU's industry partnerships bring together faculty members, students and research "
        "teams with companies such as Alibaba and Huawei.</p>"
    )
    home.featured_partners = [
        HomePageFeaturedPartner(partner_page=alibaba),
        HomePageFeaturedPartner(partner_page=huawei),
    ]
    home.call_to_action = [
        {
            "type": "call_to_action",
            "value": {
                "heading": "Explore opportunities for collaborative research",
                "text": "Interested in a collaborative research programme or a faculty exchange "
                "opportunity? Tell us your idea.",
                "link_text": "Tell us your idea",
                "page": enquiry.pk,
                "external_url": "",
            },
        }
    ]
    home.save_revision().publish()


def build_alibaba(index, media, areas, contacts):
    logo = media.image(
        "Alibaba – PolyU logo", "Alibaba – PolyU", "Logo placeholder", size=(600, 600)
    )
    leaflet = media.document(
        "AIR Leaflet",
        [
            "Alibaba Innovative Research (AIR)",
            "Placeholder: the leaflet itself is published by Alibaba Group.",
        ],
    )
    karen = contacts["karen-jiang"]
    partner = PartnerPage(
        title="Alibaba – PolyU Big Data & Cloud Computing",
        slug="alibaba",
        partner_name="Alibaba Group",
        logo=logo,
        summary="A platform to promote and develop academic collaborations between Alibaba and "
        "PolyU in big data and cloud computing.",
        body=[
            heading("Purpose"),
            paragraph(
                "<p>The purpose of this platform is to develop collaborations to promote and "
                "develop academic collaborations which include but are not limited to the "
                "following:</p>" + bullet_list(content.ALIBABA_COLLABORATION_FORMS)
            ),
            # The seed's "Brief of the current collaborative areas/projects": its programmes.
            programme_list("Current collaborative areas and projects"),
            contacts_block("Enquiries", [karen]),
            {
                "type": "timeline",
                "value": {
                    "heading": "Milestones",
                    "introduction": "",
                    "periods": items(
                        {"label": label, "events": items(timeline_event(e) for e in events)}
                        for label, events in content.ALIBABA_TIMELINE
                    ),
                },
            },
            gallery("2016 – 2017", media.photos("alibaba-2016"), "alibaba-2016"),
            gallery("2018 – 2019", media.photos("alibaba-2018"), "alibaba-2018"),
        ],
    )
    partner.research_areas = [
        areas["big-data"],
        areas["cloud-computing"],
        areas["artificial-intelligence"],
    ]
    add_page(index, partner)

    air = add_page(
        partner,
        ProgrammePage(
            title="Alibaba Innovative Research (AIR)",
            slug="air",
            acronym="AIR",
            audience="Academic and research communities",
            summary="A global research program initiated by Alibaba Group, aiming at exploring "
            "innovative science and technology.",
            leaflet=leaflet,
            body=[
                paragraph(
                    "<p>Alibaba Innovative Research (AIR) is a global research program initiated "
                    "by Alibaba Group, aiming at exploring innovative science and technology. To "
                    "cultivate collaborations, a variety of programs are designed to provide "
                    "resources and support to the academic and research communities.</p>"
                    "<p>Several PolyU proposals have been successfully selected for AIR funding "
                    "since 2017.</p>"
                ),
                heading("AIR 2021 project"),
                {
                    "type": "research_highlight",
                    "value": {
                        "project_title": "Identification, Tracking and Behavior Mining in Retail "
                        "Store Powered by COTS RFIDs",
                        "principal_investigator": "Dr. Lei YANG",
                        "investigator_role": "Assistant Professor",
                        "department": "Department of Computing",
                        "year": 2021,
                        "summary": "<p>A collaborative research project supported by Alibaba in "
                        "AIR 2021.</p>",
                        "link_url": "",
                    },
                },
            ],
        ),
    )
    air.programme_contacts = [ProgrammeContact(contact=karen)]
    air.save_revision().publish()
    for title, slug, acronym, audience, summary in [
        (
            "Alibaba Research Fellow (ARF)",
            "arf",
            "ARF",
            "Research scholars",
            "A programme of Alibaba Innovative Research for research scholars.",
        ),
        (
            "Alibaba Research Intern (RI)",
            "ri",
            "RI",
            "PhD students",
            "A programme of Alibaba Innovative Research for PhD students.",
        ),
    ]:
        child = add_page(
            air,
            ProgrammePage(
                title=title, slug=slug, acronym=acronym, audience=audience, summary=summary
            ),
        )
        child.programme_contacts = [ProgrammeContact(contact=karen)]
        child.save_revision().publish()
    return partner


def build_huawei(index, media, areas, contacts):
    logo = media.image("Huawei – PolyU logo", "Huawei – PolyU", "Logo placeholder", size=(600, 600))
    enquiry_contacts = [contacts["victor-zhao"], contacts["steven-lam"]]
    partner = PartnerPage(
        title="Huawei – PolyU Communication & Advanced Computing",
        slug="huawei",
        partner_name="Huawei Technologies Co. Ltd.",
        logo=logo,
        partnership_since=2007,
        summary="PolyU and Huawei have collaborated since 2007 in communication, big data, "
        "advanced computing and more, across six PolyU departments.",
        body=[
            key_facts(
                "",
                [
                    ("2007", "Collaboration began"),
                    ("6", "PolyU departments and divisions involved"),
                ],
            ),
            paragraph(
                "<p>PolyU's collaboration with Huawei Technologies Co. Ltd. (Huawei) has commenced "
                "since 2007. The research areas include but are not limited to communication, big "
                "data, crowdsourcing platforms, mobile networks, wearable devices, algorithms as "
                "well as materials.</p>"
                "<p>Numerous collaborative projects involved joint efforts from Huawei and "
                "different PolyU academic and research experts, including:</p>"
                + bullet_list(content.HUAWEI_DEPARTMENTS)
                + "<p>A collaborative research seminar and workshop series is organised annually "
                "at PolyU to explore the respective strategic collaborations between PolyU and "
                "Huawei.</p>"
            ),
            programme_list("Funding programmes"),
        ],
    )
    partner.research_areas = [
        areas[slug]
        for slug in [
            "communication",
            "big-data",
            "crowdsourcing-platforms",
            "mobile-networks",
            "wearable-devices",
            "algorithms",
            "materials",
            "optical-communication",
            "advanced-computing",
        ]
    ]
    add_page(index, partner)

    hirp = add_page(
        partner,
        ProgrammePage(
            title="Huawei Innovation Research Program (HIRP)",
            slug="hirp",
            acronym="HIRP",
            audience="Full-time faculty members of universities and research institutes",
            # "The HIRP 2020 call for proposals will be announced soon."
            call_to_be_announced=True,
            summary="A sponsorship program funding leading universities and research institutes "
            "conducting innovative research in ICT areas.",
            research_fields=[{"type": "research_field", "value": f} for f in content.HIRP_FIELDS],
            body=[
                paragraph(
                    "<p>Huawei Innovation Research Program (HIRP) is an innovation initiative, a "
                    "sponsorship program targeted at funding leading universities and research "
                    "institutes conducting innovative research in ICT areas. It seeks to identify "
                    "and support world-class, full-time faculty members, sets up win-win "
                    "collaboration and pursues technology innovation of mutual interest.</p>"
                ),
                key_facts(
                    "The programme's reach",
                    [
                        ("12+", "years since the programme was launched"),
                        ("700+", "innovative research projects awarded"),
                    ],
                ),
                paragraph(
                    "<p>More than 700 innovative research projects from hundreds of world-class "
                    "research organisations have been awarded.</p>"
                    "<p>The HIRP 2020 call for proposals will be announced soon. Its main fields "
                    "are listed on this page; they include but are not limited to these.</p>"
                ),
            ],
        ),
    )
    hirp.programme_contacts = [ProgrammeContact(contact=c) for c in enquiry_contacts]
    hirp.save_revision().publish()

    add_page(
        partner,
        StandardPage(
            title="PolyU-Huawei Joint Laboratory for Optical Interconnection Network and Advanced "
            "Computing System",
            slug="joint-laboratory",
            summary="Set up on 30 November 2016 to pioneer research in optical communication "
            "systems and advanced computing systems.",
            body=[
                paragraph(
                    "<p>PolyU and Huawei's partnership is further fostered through the set-up of "
                    "the PolyU-Huawei Joint Laboratory for Optical Interconnection Network and "
                    "Advanced Computing System (Joint Lab) on 30 November 2016.</p>"
                ),
                {
                    "type": "timeline",
                    "value": {
                        "heading": "Key dates",
                        "introduction": "",
                        "periods": items(
                            [
                                {
                                    "label": "2016",
                                    "events": items(
                                        [
                                            timeline_event(
                                                {
                                                    "start_date": "2016-11-30",
                                                    "precision": "day",
                                                    "title": "The Joint Lab is set up",
                                                }
                                            )
                                        ]
                                    ),
                                }
                            ]
                        ),
                    },
                },
                heading("Aims"),
                paragraph(
                    "<p>Both will work on research relating to high-capacity optical communication "
                    "systems, including long-haul and short-reach data center transmission "
                    "systems, computer networks and systems, and big data computing.</p>"
                    + bullet_list(
                        [
                            "To pioneer research in the field of optical communication systems and "
                            "advanced computing systems by leveraging the synergy of the industry "
                            "and the university",
                            "To bolster significantly the capacity of internet systems through "
                            "technological breakthroughs",
                            "To develop system infrastructure and algorithmic solutions for "
                            "computing-driven innovation",
                        ]
                    )
                    + "<p>Through close collaboration, PolyU and Huawei will be able to further "
                    "develop high-impact translational research and next-generation technological "
                    "advances in the telecommunications and advanced computing industry.</p>"
                ),
                gallery("Photographs", media.photos("joint-lab"), "joint-lab"),
                contacts_block("Enquiries", enquiry_contacts),
            ],
        ),
    )
    return partner


def build_enquiry_form(home):
    page = EnquiryFormPage(
        title="Tell us your idea",
        slug="tell-us-your-idea",
        introduction="<p>Explore opportunities for collaborative research. If you are "
        "interested in any collaborative research programme or faculty exchange opportunity, "
        "tell us your idea.</p>",
        thank_you_text="<p>We have received your idea and will be in touch.</p>",
        subject="New collaboration idea from the partnerships site",
    )
    page.form_fields = [
        EnquiryFormField(sort_order=0, label="Your name", field_type="singleline", required=True),
        EnquiryFormField(sort_order=1, label="E-mail address", field_type="email", required=True),
        EnquiryFormField(
            sort_order=2, label="Organisation", field_type="singleline", required=False
        ),
        EnquiryFormField(
            sort_order=3,
            label="You are interested in",
            field_type="dropdown",
            required=True,
            choices="A collaborative research programme\nA faculty exchange\nSomething else",
        ),
        EnquiryFormField(sort_order=4, label="Your idea", field_type="multiline", required=True),
    ]
    return add_page(home, page)


# --- Translation -----------------------------------------------------------------------


def translatable_objects():
    """What the demo translates: the footer and its own English snippets first (pages refer
    to them), then the home page and its own pages, parents before children.

    Snippets it reused, and everything else the site's editors made, are theirs to translate.
    """
    english = Locale.objects.get(language_code="en")
    yield from FooterContent.objects.filter(locale=english)
    for model in (ResearchArea, Contact):
        own = model.objects.filter(locale=english, pk__in=DemoObject.objects.ids_of(model))
        yield from own.order_by("pk")
    pages = Page.objects.filter(locale=english).filter(
        Q(depth=2) | Q(pk__in=DemoObject.objects.ids_of(Page))
    )
    yield from pages.order_by("path").specific()


def translate_into(language_code, catalogue=None):
    """Create or update every translation into `language_code` from its catalogue file."""
    catalogue = catalogue if catalogue is not None else load_catalogue(language_code)
    locale = Locale.objects.get(language_code=language_code)
    objects = list(translatable_objects())
    sources = []
    for obj in objects:
        source, created = TranslationSource.get_or_create_from_instance(obj)
        sources.append(record(source) if created else source)
    segments = StringSegment.objects.filter(source__in=sources).select_related("string")
    missing = sorted({s.string.data for s in segments if s.string.data not in catalogue})
    if missing:
        raise MissingTranslations(language_code, missing)
    for segment in segments:
        string_translation, created = StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": catalogue[segment.string.data], "translation_type": "manual"},
        )
        if created:
            # Recorded for the home pages' and footers' sake: those of the demo's own
            # pages and snippets go with their contexts anyway.
            record(string_translation)
    for obj, source in zip(objects, sources, strict=True):
        translation, created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if created:
            record(translation)
        # The Chinese home pages and footers exist from the start: the demo only edits them.
        target_is_new = not source.object.has_translation(locale)
        if isinstance(obj, Page):
            # wagtail-localize publishes a page translation on commit, from the page
            # instance it held when saving; by then that instance's tree data (numchild)
            # is stale and would hide the children translated after it. Save a draft
            # and publish the revision, read afresh, now instead.
            translation.save_target(publish=False)
            source.get_translated_instance(locale).get_latest_revision().publish()
        else:
            translation.save_target(publish=True)
        if target_is_new:
            record(source.get_translated_instance(locale))


# --- Reset -----------------------------------------------------------------------------


def work_in_the_way(demo_pages):
    """What deleting `demo_pages` would take with it that is not the demo's: pages the
    site's editors added below them, and the enquiries visitors sent to its forms."""
    below = Q(pk__in=[])
    for page in demo_pages:
        below |= Page.objects.descendant_of_q(page)
    their_pages = Page.objects.filter(below).exclude(pk__in=[p.pk for p in demo_pages])
    problems = [
        f"page {page.pk} {page.title!r} ({page.url_path}), added below a demo page"
        for page in their_pages.order_by("path")
    ]
    submissions = FormSubmission.objects.filter(page__in=demo_pages).select_related("page")
    problems += [
        f"form submission {submission.pk} of {submission.submit_time:%Y-%m-%d} to "
        f"{submission.page.title!r} ({submission.page.url_path})"
        for submission in submissions.order_by("pk")
    ]
    return problems


def demo_translation_keys(demo_objects):
    """The translation keys that only the demo's pages and snippets carry: not the home
    pages' or the footer's, whose translations the demo made but which it did not create."""
    translatable = {
        model.get_translation_model()
        for model in recorded_models(demo_objects)
        if issubclass(model, TranslatableMixin)
    }
    keys = set()
    for base in translatable:
        ids = demo_objects.ids_of(base)
        mine = set(base.objects.filter(pk__in=ids).values_list("translation_key", flat=True))
        shared = base.objects.filter(translation_key__in=mine).exclude(pk__in=ids)
        keys |= mine - set(shared.values_list("translation_key", flat=True))
    return keys


def recorded_models(demo_objects):
    """The models the demo recorded objects of (those still installed)."""
    types = ContentType.objects.filter(pk__in=demo_objects.values("content_type"))
    return [model for model in (t.model_class() for t in types) if model is not None]


@transaction.atomic
def remove_demo_content():
    """Delete what the demo recorded creating, and the records; nothing anyone else made.

    Raises ResetRefused, deleting nothing, when that would also delete pages the site's
    editors added below demo pages or enquiries sent to the demo's form.
    """
    demo_objects = DemoObject.objects.all()
    page_ids = demo_objects.ids_of(Page)
    # Deepest first, so that each page goes with no children left to take along.
    demo_pages = list(Page.objects.filter(pk__in=page_ids).order_by("-depth", "path"))
    problems = work_in_the_way(demo_pages)
    if problems:
        raise ResetRefused(
            "Not removing the demo content: that would also delete work that is not the "
            "demo's. Move or delete these first:\n  " + "\n  ".join(problems)
        )

    # WAGTAILLOCALIZE_DISABLE_ON_DELETE: deleting an object only disables its
    # translations, so the demo's translation records go here. Translations and
    # sources (with their segments) first, then the string translations and overrides,
    # which would only lose their context, then the objects and contexts themselves.
    keys = demo_translation_keys(demo_objects)
    Translation.objects.filter(pk__in=demo_objects.ids_of(Translation)).delete()
    TranslationSource.objects.filter(pk__in=demo_objects.ids_of(TranslationSource)).delete()
    StringTranslation.objects.filter(
        Q(context__object_id__in=keys) | Q(pk__in=demo_objects.ids_of(StringTranslation))
    ).delete()
    SegmentOverride.objects.filter(context__object_id__in=keys).delete()
    TranslatableObject.objects.filter(translation_key__in=keys).delete()

    for page in demo_pages:
        page.refresh_from_db()  # its numchild, now that its children are gone
        page.delete()
    # Then snippets (and their translations), images and documents: whatever else it made.
    deleted_separately = (Page, Translation, TranslationSource, StringTranslation, Collection)
    for model in recorded_models(demo_objects):
        if not issubclass(model, deleted_separately):
            for obj in model.objects.filter(pk__in=demo_objects.ids_of(model)):
                obj.delete()  # one by one, so that images and documents take their files

    # Deleting a collection deletes the images and documents in it: keep it (and its
    # record) while it holds anyone else's, or another collection.
    kept = []
    for collection in Collection.objects.filter(pk__in=demo_objects.ids_of(Collection)):
        in_use = (
            collection.get_children().exists()
            or get_image_model().objects.filter(collection=collection).exists()
            or get_document_model().objects.filter(collection=collection).exists()
        )
        if in_use:
            kept.append(collection)
        else:
            collection.delete()
    demo_objects.exclude(
        content_type=ContentType.objects.get_for_model(Collection),
        object_id__in=[str(collection.pk) for collection in kept],
    ).delete()


def build_all():
    build_english()
    for language_code in TRANSLATED_LOCALES:
        translate_into(language_code)
    # The default site may have been left pointing elsewhere by hand; demo content needs it.
    Site.objects.filter(is_default_site=True).update(root_page=HomePage.in_language("en"))
