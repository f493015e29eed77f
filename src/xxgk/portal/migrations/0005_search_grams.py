from django.db import migrations

from xxgk.portal.bigrams import ARRAY_SQL, GIN_INDEX, GramsField

BATCH = 2000


def fill(apps, schema_editor):
    """Fold every entry's search text again (saves made before this migration stored it unfolded) and
    store its pieces."""
    from xxgk.portal.catalogue import grams_text, searchable

    Entry = apps.get_model("portal", "CatalogueEntry")
    batch = []
    for e in Entry.objects.only("pk", "search_text").iterator(chunk_size=BATCH):
        e.search_text = searchable(e.search_text)
        e.search_grams = grams_text(e.search_text)
        batch.append(e)
        if len(batch) == BATCH:
            Entry.objects.bulk_update(batch, ["search_text", "search_grams"])
            batch = []
    Entry.objects.bulk_update(batch, ["search_text", "search_grams"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        column = ARRAY_SQL.format(column="search_grams")
        schema_editor.execute(f"CREATE INDEX {GIN_INDEX} ON portal_catalogueentry USING gin (({column}))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_search_text_folded")]
    operations = [
        migrations.AddField(
            model_name="catalogueentry",
            name="search_grams",
            field=GramsField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
