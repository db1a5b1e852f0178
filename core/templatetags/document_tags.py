"""Template helpers for documents."""

from django import template

from core.db import write_that_can_wait

register = template.Library()


@register.filter
def document_size(document):
    """The document's size in bytes, or None when its file cannot be read.

    `{{ document|document_size|filesizeformat }}`. Wagtail's `get_file_size()`
    saves the size the first time it is read, a write on a visitor's GET: here
    the size read from storage is shown whether or not the database takes it.
    """
    if document.file_size is not None:
        return document.file_size
    try:
        size = document.file.size
    except Exception:  # noqa: BLE001 - a missing file raises whatever the storage raises
        return None
    document.file_size = size
    # An update, not save(): no signals (search index, page cache) for a fact about the file.
    with write_that_can_wait("Storing a document's file size"):
        type(document).objects.filter(pk=document.pk, file_size__isnull=True).update(file_size=size)
    return size
