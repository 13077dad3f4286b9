"""The standard concern catalogue, shipped as data (keys are stable identifiers).

Derived from the practical questions a manager of a 22-person team listed before he could
send anyone home, plus what telework laws and agreement templates require (product design,
"Standard concern catalogue").
"""

from __future__ import annotations

from dataclasses import dataclass

RESOLVERS = [
    ("policy", "Company policy"),
    ("employee", "Employee"),
    ("manager", "Manager"),
    ("hr", "HR"),
    ("it", "IT"),
]


@dataclass(frozen=True)
class StandardConcern:
    key: str
    category: str
    question: str
    resolver: str  # who usually answers it: one of RESOLVERS
    blocking: bool = True


STANDARD_CONCERNS: tuple[StandardConcern, ...] = (
    StandardConcern("internet_cost", "Costs", "Who pays for home internet access?", "policy"),
    StandardConcern(
        "contract_change", "Contract", "Does the employment contract need to be amended?", "hr"
    ),
    StandardConcern(
        "goals_change", "Work", "Do the employee's goals and objectives change?", "manager", False
    ),
    StandardConcern(
        "internet_quality",
        "Technology",
        "Is the home connection good enough, does it need upgrading, and who pays for that?",
        "employee",
    ),
    StandardConcern(
        "recall_notice",
        "Availability",
        "Can the employee be called into the office at short notice (workload peaks, crises), with what notice?",
        "policy",
    ),
    StandardConcern(
        "outage_fallback",
        "Availability",
        "If internet or power fails, must the employee come in, make up time, or take leave?",
        "policy",
    ),
    StandardConcern(
        "it_support", "Technology", "Who troubleshoots and fixes IT problems at home?", "policy"
    ),
    StandardConcern(
        "service_levels",
        "Technology",
        "Are business-grade service agreements with the internet provider needed?",
        "it",
        False,
    ),
    StandardConcern(
        "hardware_logistics",
        "Costs",
        "Who pays to ship equipment or send a technician for repairs?",
        "policy",
        False,
    ),
    StandardConcern(
        "equipment_ownership",
        "Equipment",
        "Who owns the computer and other equipment, and may it be used privately?",
        "policy",
    ),
    StandardConcern(
        "insurance",
        "Safety",
        "Whose insurance covers damage to equipment and injuries at home?",
        "policy",
    ),
    StandardConcern("phone_costs", "Costs", "Who pays for phone charges?", "policy", False),
    StandardConcern(
        "telephony",
        "Technology",
        "Does the home setup support the company phone system (softphone, forwarding)?",
        "it",
        False,
    ),
    StandardConcern(
        "remote_access", "Technology", "Is a VPN or other secure remote access needed?", "it"
    ),
    StandardConcern(
        "background_noise",
        "Work",
        "How are interruptions and background noise handled during calls?",
        "employee",
        False,
    ),
    StandardConcern(
        "ergonomics",
        "Safety",
        "Does the home workstation meet health-and-safety standards (self-check or assessment), and who is liable for strain injuries?",
        "policy",
    ),
    StandardConcern(
        "furniture_cost",
        "Costs",
        "Who pays for furniture an ergonomic assessment says is needed?",
        "policy",
        False,
    ),
    StandardConcern(
        "working_when_ill",
        "Availability",
        "Will people work from home when ill instead of taking sick leave?",
        "policy",
    ),
    StandardConcern(
        "availability_hours",
        "Availability",
        "Core hours, response times, and the right to disconnect",
        "employee",
    ),
    StandardConcern(
        "work_location",
        "Contract",
        "The exact home address; working from another region or country",
        "employee",
    ),
    StandardConcern(
        "data_protection", "Security", "Confidential data and paper records at home", "policy"
    ),
    StandardConcern(
        "monitoring", "Work", "How results are measured (results, not time at a desk)", "manager"
    ),
    StandardConcern(
        "expenses",
        "Costs",
        "Electricity, heating and other costs (some countries require compensation)",
        "policy",
    ),
    StandardConcern(
        "reversibility",
        "Contract",
        "Notice to change or end the arrangement; the right to return to the office pattern",
        "policy",
    ),
)
