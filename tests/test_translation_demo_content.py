"""The bulk conversion and the status report on the real demo content."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from core.chinese import convert
from core.terms import site_entries
from partner_pages.models import PartnerPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_content", stdout=StringIO())


def partner_translation(code="zh-hans"):
    english = PartnerPage.objects.filter(locale__language_code="en").order_by("path").first()
    return Translation.objects.get(
        source__object_id=english.translation_key,
        source__locale__language_code="en",
        target_locale__language_code=code,
    )


def texts(translation):
    segments = StringSegment.objects.filter(source=translation.source)
    return {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=translation.target_locale,
            translation_of__in=segments.values("string_id"),
            context__in=segments.values("context_id"),
        )
    }


def run(*args):
    out = StringIO()
    call_command("convert_chinese_variant", *args, stdout=out)
    return out.getvalue()


def test_bulk_command_refills_an_emptied_simplified_page_and_keeps_a_hand_edit(demo):
    translation = partner_translation()
    hant = Locale.objects.get(language_code="zh-hant")
    original = texts(translation)
    segment_count = StringSegment.objects.filter(source=translation.source).count()
    assert len(original) == segment_count > 10

    # Empty the Simplified translation, except one segment a person edited.
    kept_key, kept = next(iter(original.items()))
    kept.data = "人手修改过的译文"
    kept.save()
    StringTranslation.objects.filter(pk__in=[r.pk for r in original.values()]).exclude(
        pk=kept.pk
    ).delete()

    dry = run(
        "--from",
        "zh-hant",
        "--to",
        "zh-hans",
        "--page",
        str(translation.source.get_source_instance().pk),
        "--dry-run",
    )
    assert f"would fill {segment_count - 1} segment(s)" in dry
    assert len(texts(translation)) == 1

    out = run("--from", "zh-hant", "--to", "zh-hans", "--all")
    assert f"filled {segment_count - 1} segment(s) in zh-hans" in out

    refilled = texts(translation)
    assert len(refilled) == segment_count
    assert refilled[kept_key].data == "人手修改过的译文"
    for key, row in refilled.items():
        if key == kept_key:
            continue
        assert row.translation_type == "machine"
        traditional = StringTranslation.objects.get(
            translation_of_id=key[0], context_id=key[1], locale=hant
        )
        # Converted as the editor converts: through the term base, then OpenCC.
        assert row.data == convert(traditional.data, "zh-hant", "zh-hans", site_entries())


def test_report_on_the_demo_content_is_complete_in_both_chinese_locales(demo, admin_client):
    response = admin_client.get(reverse("translation_workflow:report"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) > 10
    assert {row["Status"] for row in rows} == {"Complete"}
    assert {row["Script warnings"] for row in rows} == {""}
