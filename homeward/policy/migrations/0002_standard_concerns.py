from django.db import migrations

# The standard catalogue as it was shipped with this migration, frozen here so that the
# migration loads the same rows whatever the live catalogue (homeward.policy.catalogue)
# says later: (key, category, question, usual resolver, blocking).
STANDARD_CONCERNS = (
    ('internet_cost', 'Costs', 'Who pays for home internet access?', 'policy', True),
    ('contract_change', 'Contract', 'Does the employment contract need to be amended?', 'hr', True),
    ('goals_change', 'Work', "Do the employee's goals and objectives change?", 'manager', False),
    ('internet_quality', 'Technology', 'Is the home connection good enough, does it need upgrading, and who pays for that?', 'employee', True),
    ('recall_notice', 'Availability', 'Can the employee be called into the office at short notice (workload peaks, crises), with what notice?', 'policy', True),
    ('outage_fallback', 'Availability', 'If internet or power fails, must the employee come in, make up time, or take leave?', 'policy', True),
    ('it_support', 'Technology', 'Who troubleshoots and fixes IT problems at home?', 'policy', True),
    ('service_levels', 'Technology', 'Are business-grade service agreements with the internet provider needed?', 'it', False),
    ('hardware_logistics', 'Costs', 'Who pays to ship equipment or send a technician for repairs?', 'policy', False),
    ('equipment_ownership', 'Equipment', 'Who owns the computer and other equipment, and may it be used privately?', 'policy', True),
    ('insurance', 'Safety', 'Whose insurance covers damage to equipment and injuries at home?', 'policy', True),
    ('phone_costs', 'Costs', 'Who pays for phone charges?', 'policy', False),
    ('telephony', 'Technology', 'Does the home setup support the company phone system (softphone, forwarding)?', 'it', False),
    ('remote_access', 'Technology', 'Is a VPN or other secure remote access needed?', 'it', True),
    ('background_noise', 'Work', 'How are interruptions and background noise handled during calls?', 'employee', False),
    ('ergonomics', 'Safety', 'Does the home workstation meet health-and-safety standards (self-check or assessment), and who is liable for strain injuries?', 'policy', True),
    ('furniture_cost', 'Costs', 'Who pays for furniture an ergonomic assessment says is needed?', 'policy', False),
    ('working_when_ill', 'Availability', 'Will people work from home when ill instead of taking sick leave?', 'policy', True),
    ('availability_hours', 'Availability', 'Core hours, response times, and the right to disconnect', 'employee', True),
    ('work_location', 'Contract', 'The exact home address; working from another region or country', 'employee', True),
    ('data_protection', 'Security', 'Confidential data and paper records at home', 'policy', True),
    ('monitoring', 'Work', 'How results are measured (results, not time at a desk)', 'manager', True),
    ('expenses', 'Costs', 'Electricity, heating and other costs (some countries require compensation)', 'policy', True),
    ('reversibility', 'Contract', 'Notice to change or end the arrangement; the right to return to the office pattern', 'policy', True),
)


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    Concern = apps.get_model("policy", "Concern")
    for position, (key, category, question, resolver, blocking) in enumerate(
        STANDARD_CONCERNS, start=1
    ):
        Concern.objects.update_or_create(
            key=key,
            defaults={"category": category, "question": question, "resolver": resolver,
                      "blocking": blocking, "standard": True, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
