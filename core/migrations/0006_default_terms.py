"""The term base's default set, loaded from the data files of core/data/terms/, and who
edits it: Moderators add, change and delete terms; the translator groups add terms and
change their own language's form (core.terms_admin narrows "change" to that column).

Each row is stored with its note prefixed by DEFAULT_MARK, which says where it
came from and lets the reverse migration find the rows this migration created:
it deletes a row only if it is still exactly as created (a term someone has
edited since is theirs, and stays). Running it again adds only what is missing:
a term whose Traditional or Simplified form is already in the table is skipped.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

DEFAULT_MARK = "Default term base"
MODERATORS = "Moderators"
TRANSLATOR_GROUPS = ("Translators (Traditional Chinese)", "Translators (Simplified Chinese)")
MAY = {MODERATORS: ("add", "change", "delete", "view")}
MAY.update(dict.fromkeys(TRANSLATOR_GROUPS, ("add", "change", "view")))


def note_for(row):
    return f"{DEFAULT_MARK} ({row['file']}): {row['note']}" if row["note"] else DEFAULT_MARK


def fields_of(row):
    return {
        "english": row["english"],
        "traditional": row["traditional"],
        "simplified": row["simplified"],
        "kind": row["kind"],
        "note": note_for(row),
    }


def load_default_terms(apps, schema_editor):
    from core.terms import data_rows

    Term = apps.get_model("core", "Term")
    traditional = set(Term.objects.values_list("traditional", flat=True))
    simplified = set(Term.objects.values_list("simplified", flat=True))
    new_terms = []
    for row in data_rows():
        if row["traditional"] in traditional or row["simplified"] in simplified:
            continue
        traditional.add(row["traditional"])
        simplified.add(row["simplified"])
        new_terms.append(Term(**fields_of(row)))
    Term.objects.bulk_create(new_terms)


def remove_default_terms(apps, schema_editor):
    from core.terms import data_rows

    Term = apps.get_model("core", "Term")
    for row in data_rows():
        Term.objects.filter(**fields_of(row)).delete()


def term_permissions(apps, actions):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(
        content_type__app_label="core",
        codename__in=[f"{action}_term" for action in actions],
    )


def give_permissions(apps, schema_editor):
    create_permissions(global_apps.get_app_config("core"), apps=apps, verbosity=0)
    Group = apps.get_model("auth.Group")
    for name, actions in MAY.items():
        # By name, as the other migrations that make these groups: whichever runs first.
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*term_permissions(apps, actions))


def take_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=MAY):
        group.permissions.remove(*term_permissions(apps, MAY[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_term"),
    ]

    operations = [
        migrations.RunPython(load_default_terms, remove_default_terms),
        migrations.RunPython(give_permissions, take_permissions),
    ]
