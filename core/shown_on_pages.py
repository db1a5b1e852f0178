"""Which saves change what pages show, though no page names what it shows.

A contact card, a research area, a logo, the footer, a document's size: pages
display objects that are not pages, and nothing records which page shows
which. So a cache of rendered pages (page_cache) or of their bodies
(core.fragments) treats a change to any of them as a change to every page.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

from .review import is_revision_bookkeeping

# Image and document saves that only record facts about the file.
FILE_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash", "width", "height"})


def shows_on_pages(model):
    """Models whose objects pages display without a signal naming those pages."""
    return (
        model in get_snippet_models()
        or issubclass(model, (Site, Locale, PageViewRestriction))
        or issubclass(model, (get_image_model(), get_document_model()))
    )


def _is_file_upload_or_bookkeeping(instance, created, update_fields):
    if not isinstance(instance, (get_image_model(), get_document_model())):
        return False
    # A new image or document is on no page yet.
    return created or bool(update_fields and set(update_fields) <= FILE_BOOKKEEPING_FIELDS)


def save_changes_pages(sender, instance, created=False, update_fields=None):
    """Whether this save (a post_save signal's arguments) can change what some page shows.

    Pages are not counted: their own signals (published, moved...) say which.
    Saving a draft of a snippet (or locking it) writes only revision
    bookkeeping, which no page shows.
    """
    if isinstance(instance, Page) or not shows_on_pages(sender):
        return False
    if _is_file_upload_or_bookkeeping(instance, created, update_fields):
        return False
    return not is_revision_bookkeeping(update_fields)


def deletion_changes_pages(sender, instance):
    return not isinstance(instance, Page) and shows_on_pages(sender)
