"""A footer in each language, so the site shows the university's address from the start.

Editors change it under Footer in the admin (and translate it there). The
footers of the three languages share a translation key, like the home pages.
"""

import json
import uuid

from django.db import migrations

POLYU_WEBSITE = "https://www.polyu.edu.hk/"
FOOTERS = {
    "en": {
        "address": "The Hong Kong Polytechnic University\nHung Hom, Kowloon\nHong Kong",
        "link_text": "PolyU website",
    },
    "zh-hant": {"address": "香港九龍紅磡\n香港理工大學", "link_text": "理大網站"},
    "zh-hans": {"address": "香港九龙红磡\n香港理工大学", "link_text": "理大网站"},
}


def create_footers(apps, schema_editor):
    FooterContent = apps.get_model("core.FooterContent")
    Locale = apps.get_model("wagtailcore.Locale")
    translation_key = uuid.uuid4()
    for language_code, content in FOOTERS.items():
        locale, _created = Locale.objects.get_or_create(language_code=language_code)
        if FooterContent.objects.filter(locale=locale).exists():
            continue
        links = [
            {
                "type": "link",
                "id": str(uuid.uuid4()),
                "value": {
                    "text": content["link_text"],
                    "page": None,
                    "external_url": POLYU_WEBSITE,
                },
            }
        ]
        FooterContent.objects.create(
            locale=locale,
            translation_key=translation_key,
            address=content["address"],
            phone="+852 2766 5111",
            links=json.dumps(links),
            social_links="[]",
        )


def remove_footers(apps, schema_editor):
    apps.get_model("core.FooterContent").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_footers, remove_footers)]
