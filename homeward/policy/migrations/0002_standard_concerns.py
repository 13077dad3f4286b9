from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from homeward.policy.catalogue import STANDARD_CONCERNS

    Concern = apps.get_model("policy", "Concern")
    for position, c in enumerate(STANDARD_CONCERNS, start=1):
        Concern.objects.update_or_create(
            key=c.key,
            defaults={"category": c.category, "question": c.question, "resolver": c.resolver,
                      "blocking": c.blocking, "standard": True, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
