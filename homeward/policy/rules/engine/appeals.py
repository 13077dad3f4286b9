"""Appeals: when an appeal must be lodged and decided."""

from __future__ import annotations

from datetime import date, timedelta

from homeward.policy.rules.base import Deadline, RulePack
from homeward.policy.rules.calendars import WorkingCalendar, last_working_day
from homeward.policy.rules.periods import RuleError

# --- Appeals ------------------------------------------------------------------------------


def appeal_deadline(
    pack: RulePack, *, deadline: Deadline, appealed_on: date, calendar: WorkingCalendar
) -> date | None:
    """The date by which an appeal lodged on ``appealed_on`` must be decided, or None.

    GB: inside the (possibly extended) decision period, i.e. ``deadline.due``, which may
    already have passed for a late appeal (extend by agreement then). NI and GENERIC:
    ``decide_within_days`` after the appeal, moved back to a working day. Elsewhere no
    rule sets a date: None. RuleError where the pack has no internal appeal.
    """
    rule = pack.appeal
    if not rule.internal:
        raise RuleError(f"{pack.name} ({rule.citation}): there is no internal appeal.")
    if rule.within_decision_period:
        return deadline.due
    if rule.decide_within_days is None:
        return None
    return last_working_day(appealed_on + timedelta(days=rule.decide_within_days), calendar)


def appeal_lodging_deadline(pack: RulePack, *, decided_on: date) -> date | None:
    """The last day for the employee to appeal a decision given on ``decided_on``, or None.

    Not moved to a working day: it is the employee's deadline, and moving it back would
    shorten it.
    """
    days = pack.appeal.lodge_within_days
    if not pack.appeal.internal or days is None:
        return None
    return decided_on + timedelta(days=days)
