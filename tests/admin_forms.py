"""Form data the Wagtail admin posts, for StreamField parts Wagtail has no helper for."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield  # noqa: F401


def list_block(items):
    """A ListBlock's form data: `{"count": "2", "0": {"value": ..., "order": "0", ...}}`."""
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index)}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def image_block(image, alt_text="", decorative=False):
    return {"image": image.pk, "alt_text": alt_text, "decorative": "on" if decorative else ""}
