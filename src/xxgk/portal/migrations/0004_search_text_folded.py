from django.db import migrations


def fold(apps, schema_editor):
    from xxgk.portal.catalogue import searchable

    Entry = apps.get_model("portal", "CatalogueEntry")
    for e in Entry.objects.only("pk", "search_text").iterator():
        Entry.objects.filter(pk=e.pk).update(search_text=searchable(e.search_text))


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_catalogueentry_document_and_more")]
    operations = [migrations.RunPython(fold, migrations.RunPython.noop)]
