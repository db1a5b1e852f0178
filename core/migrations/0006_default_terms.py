"""The term base's default set: the data files of core/data/terms/, loaded once.

Each row is stored with its note prefixed by DEFAULT_MARK, which says where it
came from and lets the reverse migration find the rows this migration created:
it deletes a row only if it is still exactly as created (a term someone has
edited since is theirs, and stays). Running it again adds only what is missing:
a term whose Traditional or Simplified form is already in the table is skipped.
"""

from django.db import migrations

DEFAULT_MARK = "Default term base"


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


class Migration(migrations.Migration):
    dependencies = [("core", "0005_term")]

    operations = [migrations.RunPython(load_default_terms, remove_default_terms)]
