"""Demo history: a default policy (v1 superseded by v2), and Madrid and Lisbon office policies.

``seed_policies`` is registered when the policy app is ready, before the proposals seeder,
so the policies exist when proposals are submitted (the concern threads on them are the
concerns app's demo).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from homeward.demo import seeder
from homeward.people.models import Office, Person
from homeward.policy import actions
from homeward.policy.models import Policy

DEFAULT_ANSWERS = {
    "internet_cost": (
        "Employees use their own home broadband. The company pays a £20 monthly stipend "
        "towards it through payroll."
    ),
    "contract_change": (
        "Not for a trial. A standing arrangement is confirmed by a letter from HR varying the "
        "place of work, issued with the signed agreement."
    ),
    "internet_quality": (
        "At least 30 Mbit/s down and 5 Mbit/s up, enough for a steady video call. Upgrades are "
        "the employee's choice and cost; the stipend is meant to help."
    ),
    "recall_notice": (
        "Yes: with 24 hours' notice for workload peaks, team days and training. With less notice "
        "only the head of department may recall, in an emergency. Travel to the usual office is "
        "not paid."
    ),
    "outage_fallback": (
        "Tell your manager at once. If the connection or power is not back within an hour, agree "
        "with your manager to come in, make up the time within the week, or take it as leave."
    ),
    "it_support": (
        "The IT service desk supports company equipment remotely (phone, chat, remote control). "
        "Home networks and personal devices are the employee's own responsibility."
    ),
    "service_levels": (
        "No: ordinary home broadband is enough. Roles that need guaranteed service (on-call "
        "infrastructure) agree it with IT case by case."
    ),
    "hardware_logistics": (
        "The company pays couriers to and from home and any technician visit for company equipment."
    ),
    "equipment_ownership": (
        "The company owns the laptop, headset and any screen it provides. Reasonable private use "
        "of the laptop is allowed (browsing, personal email), not by family members and never for "
        "other paid work. Everything is returned when the arrangement or employment ends."
    ),
    "insurance": (
        "Company equipment is insured by the company at home too. Injuries while working are "
        "covered by employer's liability insurance as at the office: report them the same way."
    ),
    "phone_costs": (
        "Calls go through the softphone on the laptop, so there are no phone charges. A company "
        "mobile is provided where the role needs one."
    ),
    "telephony": "Yes: the softphone replaces the desk phone; calls to your desk number ring there.",
    "remote_access": (
        "Yes: always connect through the company VPN (installed on the laptop) with multi-factor "
        "sign-in."
    ),
    "ergonomics": (
        "Employees complete the home safety and ergonomics self-check before the trial starts and "
        "after moving home. The company stays responsible for health and safety as at the office; "
        "strain injuries are handled as workplace injuries."
    ),
    "furniture_cost": (
        "Where the self-check or an assessment finds a chair, desk or screen is needed, the "
        "company pays up to £300 once, or lends office furniture."
    ),
    "working_when_ill": (
        "No. A home day is not a sick day: too ill for the office is too ill to work at home. "
        "Report sickness as usual."
    ),
    "data_protection": (
        "Follow the information security policy: lock the screen, no printing at home, no "
        "confidential calls where others can hear, paper records stay in the office."
    ),
    "expenses": (
        "Beyond the internet stipend, electricity and heating are not reimbursed. Where a "
        "country's law requires compensation, the local office policy says how much."
    ),
    "reversibility": (
        "Either side may end or change the arrangement with four weeks' written notice (one week "
        "during the trial). The employee may always return to their office pattern."
    ),
}

MADRID_ANSWERS = {
    **DEFAULT_ANSWERS,
    "internet_cost": (
        "The company compensates remote-work expenses as Ley 10/2021 (Art. 7 and 12) requires: "
        "€35 a month for internet, electricity and heating, paid with the salary."
    ),
    "expenses": (
        "Included in the €35 monthly compensation under Ley 10/2021; no further claims needed."
    ),
    "contract_change": (
        "Yes, when remote work reaches 30% of working time over three months: a written remote "
        "work agreement (acuerdo de trabajo a distancia, Art. 7) is signed before it starts, and "
        "HR sends a copy to the workers' representatives within ten days."
    ),
    "furniture_cost": (
        "Under Ley 10/2021 the company provides the equipment the job needs, including a chair "
        "and screen where the self-check finds them necessary."
    ),
    "reversibility": (
        "Remote work is voluntary and reversible for both sides (Art. 5): four weeks' written "
        "notice, as set in the agreement, to return to on-site work."
    ),
}

LISBON_ANSWERS = {
    **DEFAULT_ANSWERS,
    "internet_cost": (
        "The company compensates telework expenses at €1 per home day (Portaria 292-A/2023: "
        "€0.10 electricity, €0.40 internet, €0.50 computer), paid monthly and tax-exempt."
    ),
    "expenses": "Included in the €1 per home day compensation under Portaria 292-A/2023.",
    "contract_change": (
        "Yes: a written telework agreement (Labour Code Art. 166) states the workplace, hours, "
        "equipment ownership and how often the employee meets colleagues in person."
    ),
    "equipment_ownership": (
        "The company supplies and owns the equipment and pays for its maintenance (Art. 168). "
        "Reasonable private use is allowed; it is returned when telework ends."
    ),
}


def _hr_user() -> Any:
    hr = (
        Person.objects.filter(is_hr=True, active=True).select_related("user").order_by("pk").first()
    )
    return hr.user if hr else None


@seeder("policy")
def seed_policies(rng: random.Random, today: date) -> None:
    actor = _hr_user()
    if actor is None or Policy.objects.exists():
        return
    default = actions.create_policy(actor=actor, name="Company telework policy")
    v1 = default.versions.get(number=1)
    first_answers = {
        k: v for k, v in DEFAULT_ANSWERS.items() if k not in ("telephony", "furniture_cost")
    }
    first_answers["internet_cost"] = first_answers["internet_cost"].replace("£20", "£15")
    actions.update_draft(
        actor=actor,
        version=v1,
        values={"internet_stipend_monthly": Decimal("15"), "summary": "First version."},
        answers=first_answers,
    )
    actions.publish_version(actor=actor, version=v1)
    v2 = actions.start_draft(actor=actor, policy=default)
    actions.update_draft(
        actor=actor,
        version=v2,
        values={
            "internet_stipend_monthly": Decimal("20"),
            "hr_approval_above_days": 1,
            "summary": "Internet stipend up to £20; HR approves more than one home day a week; softphone and furniture answered.",
        },
        answers=DEFAULT_ANSWERS,
    )
    actions.publish_version(actor=actor, version=v2)
    for office_name, answers, stipend, summary in (
        ("Madrid", MADRID_ANSWERS, Decimal("35"), "Spain, Ley 10/2021: expenses compensated."),
        ("Lisbon", LISBON_ANSWERS, Decimal("0"), "Portugal, Portaria 292-A/2023: €1 a home day."),
    ):
        office = Office.objects.filter(name=office_name).first()
        if office is None:
            continue
        policy = actions.create_policy(
            actor=actor, name=f"{office_name} telework policy", office=office
        )
        version = policy.versions.get(number=1)
        actions.update_draft(
            actor=actor,
            version=version,
            values={"internet_stipend_monthly": stipend, "summary": summary},
            answers=answers,
        )
        actions.publish_version(actor=actor, version=version)
