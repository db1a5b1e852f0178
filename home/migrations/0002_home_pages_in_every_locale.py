"""Create the three locales and a home page in each, as translations of one another.

Replaces the "Welcome to Wagtail" page from wagtailcore's initial data with an
English HomePage as the default site's root, plus its Traditional and
Simplified Chinese translations (same translation_key). Built by hand because
historical models have no treebeard helpers.
"""

import uuid

from django.db import migrations

LOCALE_HOME_PAGES = [
    # language code, title, slug, tree path. Siblings need distinct slugs
    # whatever their locale, hence the suffixes (as copy_for_translation makes).
    ("en", "Industry Partnerships", "home", "00010001"),
    ("zh-hant", "產學合作", "home-zh-hant", "00010002"),
    ("zh-hans", "产学合作", "home-zh-hans", "00010003"),
]


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()
    Site.objects.all().delete()

    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    translation_key = uuid.uuid4()
    home_pages = []
    for language_code, title, slug, path in LOCALE_HOME_PAGES:
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        home_pages.append(
            HomePage.objects.create(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=home_type,
                path=path,
                depth=2,
                numchild=0,
                url_path=f"/{slug}/",
                locale=locale,
                translation_key=translation_key,
                live=True,
            )
        )
    Page.objects.filter(depth=1).update(numchild=len(home_pages))
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="PolyU Industry Partnerships",
        root_page=home_pages[0],
        is_default_site=True,
    )


def remove_home_pages(apps, schema_editor):
    apps.get_model("home.HomePage").objects.all().delete()
    apps.get_model("wagtailcore.Page").objects.filter(depth=1).update(numchild=0)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_pages, remove_home_pages)]
