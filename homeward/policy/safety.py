"""The home-workstation safety self-check, as data and one pure function.

Part A is the 13 environment items of the US GSA/OPM telework safety self-certification
checklist (GSA telework manual, Appendix C; see rules.md); Part B is a workstation
ergonomics set in the spirit of that checklist's Part B and the UK DSE workstation
assessment. Every item is phrased so that "yes" is the safe answer: "no" needs action,
"n/a" (e.g. no stairs at home) does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

YES, NO, NA = "yes", "no", "na"
ANSWERS = [(YES, "Yes"), (NO, "No"), (NA, "Not applicable")]


@dataclass(frozen=True)
class CheckItem:
    key: str
    part: str  # "A" environment, "B" workstation ergonomics
    text: str
    na_allowed: bool = False


PART_A: tuple[CheckItem, ...] = (
    CheckItem(
        "environment",
        "A",
        "Temperature, noise, ventilation and lighting levels are adequate for working.",
    ),
    CheckItem(
        "stair_handrails", "A", "Stairs with four or more steps have handrails.", na_allowed=True
    ),
    CheckItem("breakers_labelled", "A", "Circuit breakers and fuses are labelled."),
    CheckItem(
        "breakers_state", "A", "Circuit breakers clearly show whether they are open or closed."
    ),
    CheckItem(
        "electrical_hazards",
        "A",
        "There are no electrical hazards: no frayed wires, bare conductors, loose wires "
        "or overloaded sockets.",
    ),
    CheckItem("grounding", "A", "Electrical equipment is earthed (grounded) properly."),
    CheckItem("aisles_clear", "A", "Walkways and aisles are kept clear of obstructions."),
    CheckItem("drawers_doors", "A", "File drawers and doors do not open into walkways."),
    CheckItem("chairs_sturdy", "A", "Chairs are sturdy, with secure rungs and legs."),
    CheckItem(
        "cords_secured",
        "A",
        "Phone, power and network cords are secured under a desk or along a wall, away from heat.",
    ),
    CheckItem("combustibles", "A", "The work area is free of an excessive amount of combustibles."),
    CheckItem("floors", "A", "Floor surfaces are clean, dry and level."),
    CheckItem(
        "carpets_secured",
        "A",
        "Carpets are well secured to the floor and free of frayed or worn seams.",
        na_allowed=True,
    ),
)

PART_B: tuple[CheckItem, ...] = (
    CheckItem("chair_adjustable", "B", "The chair is adjustable in height and back support."),
    CheckItem("back_supported", "B", "The lower back is supported when seated."),
    CheckItem(
        "feet_supported", "B", "Feet rest flat on the floor or are fully supported by a footrest."
    ),
    CheckItem(
        "wrists_straight",
        "B",
        "Wrists stay fairly straight when typing and using the mouse, with elbows near the body.",
    ),
    CheckItem(
        "screen_height",
        "B",
        "The top of the screen is at or slightly below eye level, about an arm's length away.",
    ),
    CheckItem(
        "screen_glare", "B", "The screen is free of glare and reflections from windows and lamps."
    ),
    CheckItem("leg_room", "B", "There is enough room under the desk to move the legs."),
    CheckItem(
        "separate_input",
        "B",
        "A laptop used for long periods has a separate keyboard and mouse, or a stand.",
        na_allowed=True,
    ),
    CheckItem(
        "breaks",
        "B",
        "Regular breaks away from the screen are planned (e.g. a few minutes an hour).",
    ),
)

ITEMS: tuple[CheckItem, ...] = PART_A + PART_B
BY_KEY: dict[str, CheckItem] = {i.key: i for i in ITEMS}


def validate(answers: Mapping[str, str]) -> dict[str, str]:
    """Per-item error messages for a submitted check (empty: the answers are complete)."""
    errors: dict[str, str] = {}
    for item in ITEMS:
        value = answers.get(item.key, "")
        if value not in (YES, NO, NA):
            errors[item.key] = "Answer yes, no or not applicable."
        elif value == NA and not item.na_allowed:
            errors[item.key] = "This item applies to every home workstation: answer yes or no."
    for key in answers:
        if key not in BY_KEY:
            errors[key] = "Not an item of the checklist."
    return errors


def needing_action(answers: Mapping[str, str]) -> list[CheckItem]:
    """Items answered "no", in checklist order."""
    return [i for i in ITEMS if answers.get(i.key) == NO]
