"""The default agreement template of each rule pack (a pure engine: plain strings).

HR edits them per jurisdiction; these are what a jurisdiction starts with. Each section
says which of the pack's required contents it covers ("# covers:" lines, see
``language``), so the statutory packs' templates cover their whole list.
"""

from __future__ import annotations

_COMMON = """\
TELEWORK AGREEMENT ({{ jurisdiction }}), version {{ version }}, issued {{ issued_on }}

# covers: parties
1. The parties
Between {{ employer_name }} (the employer) and {{ employee_name }} (the employee),
approved by {{ manager_name }}.

# covers: workplace, remote_place, location, office_remote_split, attached_centre
2. Pattern and place of work
The employee works from home as follows: {{ pattern }} ({{ home_days_per_week }} home days a
week), at the home address the employee has given HR, and in the office ({{ office_name }})
on the other working days. The employee stays attached to {{ office_name }}.

# covers: duration, start_date, end_date
3. Dates
The arrangement starts on {{ start_date }}. Trial review: {{ review_date }}.
End date: {{ end_date }} (none given: open-ended, reviewed at least once a year).

# covers: hours, hours_availability, schedule
4. Hours and availability
Working hours: {{ hours }}. The employee is reachable during the team's core hours and has
the right to disconnect outside working hours.

# covers: equipment_inventory, equipment
5. Equipment and its ownership
The employer provides, owns and maintains the equipment listed in the equipment inventory
kept with this agreement (laptop, screen, headset). It is returned when the arrangement ends.

# covers: expenses
6. Costs and compensation
The employer compensates the costs of working from home as the policy and the law set, at
the figures in force on the date of this agreement.

7. Insurance
The employer's liability insurance covers work done at the agreed place.

# covers: data_protection, security, monitoring
8. Data protection and remote access
The employee follows the data protection and information security instructions, connects
only through the employer's remote access. Work is monitored only as the policy describes,
with due regard for privacy.

9. Health and safety
The employee completes the workstation self-check; the employer's health and safety duties
apply at the agreed place.

# covers: recall
10. Recall and notice
The employer may ask the employee to come to the office on a home day for a business reason,
with reasonable notice.

# covers: tech_failure
11. Outages
When a technical failure stops the work, the employee tells the manager at once and, where
the problem cannot be fixed, comes to the office.

12. Working when ill
An employee who is ill does not work, at home or in the office; sickness is reported as usual.

# covers: reversal_notice
13. Reversibility and the notice to end
Either side may end the arrangement with the notice the policy and the law give; the
employee keeps the right to return to the office pattern where the law gives it.

14. Answers to the concerns raised on the request
{{ concern_answers }}
"""

_EXTRA: dict[str, str] = {
    "US-FED": """
# covers: agreement_kind, telework_type, telework_days, phones, weather_safety_leave
15. Federal telework terms (5 USC 6502)
This is a new agreement (or a revision, or the annual review, as its version says). Telework
type: routine, on the days in section 2. The employee gives HR the telephone numbers used
while teleworking and is ready to telework when weather and safety leave apply.
""",
    "PT": """
# covers: activity, pay, in_person_contact
15. Activity, pay and contact (Código do Trabalho art. 166)
The employee carries out the same activity and keeps the same pay as before. In-person
contact with the team takes place at least on the office days in section 2.
""",
    "IE": """
# covers: arrangement_details
15. The arrangement (Work Life Balance Act 2023 s.21)
This document sets out the details of the remote working arrangement; the employee receives
a signed copy.
""",
    "ES": """
16. Ley 10/2021
This agreement is made in writing before the remote work starts; a copy goes to the workers'
representatives within 10 days.
""",
}


def default_template(code: str) -> str:
    """The template a jurisdiction starts with."""
    return _COMMON + _EXTRA.get(code, "")
