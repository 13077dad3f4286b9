# The concern threads and safety checks, taken over from the policy app (policy 0005) with
# their tables as they are: only Django's record of which app owns them changes.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('people', '0001_initial'),
        ('policy', '0006_concern_threads_to_concerns_app'),
        ('proposals', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ConcernItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('question', models.CharField(blank=True, help_text="The question as asked: the catalogue's wording when the item was made, or the manager's own words for a concern they raised.", max_length=500)),
                        ('state', models.CharField(choices=[('resolved_by_policy', 'Answered by policy'), ('awaiting_employee', 'Awaiting the employee'), ('awaiting_manager', 'Awaiting the manager'), ('awaiting_hr', 'Awaiting HR'), ('awaiting_it', 'Awaiting IT'), ('resolved', 'Resolved'), ('reopened', 'Reopened')], max_length=20)),
                        ('blocking', models.BooleanField(default=True)),
                        ('policy_answer', models.TextField(blank=True, help_text="The policy's answer at creation, kept as it was judged.")),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('resolved_at', models.DateTimeField(blank=True, null=True)),
                        ('concern', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='policy.concern')),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='concern_items', to='proposals.proposal')),
                        ('raised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                        ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                    ],
                    options={
                        'db_table': 'policy_concernitem',
                        'ordering': ['proposal', 'concern__position', 'created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ConcernMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('question', 'Question'), ('answer', 'Answer'), ('resolve', 'Resolved'), ('reopen', 'Reopened')], default='answer', max_length=10)),
                        ('body', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='concerns.concernitem')),
                    ],
                    options={
                        'db_table': 'policy_concernmessage',
                        'ordering': ['item', 'created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SafetyCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('answers', models.JSONField(default=dict)),
                        ('notes', models.TextField(blank=True)),
                        ('completed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='safety_checks', to='proposals.proposal')),
                    ],
                    options={
                        'db_table': 'policy_safetycheck',
                        'ordering': ['proposal', '-completed_at', '-pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='concernitem',
                    constraint=models.UniqueConstraint(condition=models.Q(('concern__isnull', False)), fields=('proposal', 'concern'), name='one_item_per_concern_per_proposal'),
                ),
                migrations.AddConstraint(
                    model_name='concernitem',
                    constraint=models.CheckConstraint(condition=models.Q(('concern__isnull', False), models.Q(('question', ''), _negated=True), _connector='OR'), name='custom_item_has_question'),
                ),
            ],
            database_operations=[],
        ),
    ]
