# The concern threads and safety checks moved to the concerns app (homeward.concerns): this
# forgets them here without touching their tables, which concerns 0001 takes over as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('policy', '0005_jurisdiction_au'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ConcernMessage'),
                migrations.DeleteModel(name='ConcernItem'),
                migrations.DeleteModel(name='SafetyCheck'),
            ],
            database_operations=[],
        ),
    ]
