"""Decision deadlines and their extension."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta

from homeward.policy.rules.base import Deadline, DeadlineRule, FactValue, RulePack
from homeward.policy.rules.calendars import WorkingCalendar, last_working_day
from homeward.policy.rules.engine._judge import _all, _plural
from homeward.policy.rules.periods import RuleError, Span, period_end

_DAY = timedelta(days=1)

# --- Deadlines ----------------------------------------------------------------------------


def _on_working_day(legal_due: date, basis: str, calendar: WorkingCalendar) -> tuple[date, str]:
    due = last_working_day(legal_due, calendar)
    if due == legal_due:
        return due, f"{basis}: by {legal_due}."
    return due, f"{basis}: by {legal_due}, moved back to {due}, the last working day before it."


def decision_deadline(
    pack: RulePack,
    *,
    received_on: date,
    requested_start: date | None = None,
    calendar: WorkingCalendar,
    policy_days: int | None = None,
    facts: Mapping[str, FactValue] | None = None,
) -> Deadline:
    """When the decision on a request received on ``received_on`` is due.

    GB: the period of two months beginning with receipt, including any appeal (the day
    before the corresponding date, or the month's last day where there is none; see
    ``period_end``). IE: 4 weeks after receipt. NI: 42 days (meeting within 28, decision 14
    after) [unverified]. AU: 21 days. ES: for a work-life balance request (art. 34.8 ET,
    ``facts`` say so) 15 days of negotiation, after which it is presumed granted; other ES
    requests, and where a collective agreement sets the procedure, company policy. NL: one
    month before ``requested_start``, after which the request is deemed granted; a missing
    start raises RuleError. US-FED, PT, GENERIC: no statutory deadline, so ``policy_days``
    after receipt (the pack's default when None); ``policy_days`` is ignored where a statute
    sets the deadline. ``due`` is moved back to the last working day of ``calendar`` on or
    before the legal date.

    ``facts`` (the pack's deadline facts) choose between rules; when one is unknown the
    stricter rule is used, ``needs`` names the fact and nobody is deemed granted anything.
    """
    rule, used, needs = _deadline_rule(pack, received_on, facts or {})
    if rule.kind == "before_start":
        deadline = _before_start_deadline(pack, rule, requested_start, calendar)
    elif rule.kind == "policy":
        deadline = _policy_deadline(pack, rule, received_on, policy_days, calendar)
    else:
        deadline = _after_receipt_deadline(pack, rule, received_on, calendar)
    if needs:
        deadline = replace(deadline, deemed_granted_on=None)
    return replace(deadline, facts=tuple(used), needs=tuple(dict.fromkeys(needs)))


def _deadline_rule(
    pack: RulePack, received_on: date, facts: Mapping[str, FactValue]
) -> tuple[DeadlineRule, list[tuple[str, FactValue]], list[str]]:
    rule, used, needs = pack.deadline, [], []
    while rule.applies_if:
        applies, unknown, read = _all(rule.applies_if, facts.get, received_on)
        used += read
        if applies is False and rule.otherwise is not None:
            rule = rule.otherwise
            continue
        needs += unknown
        break
    return rule, used, needs


def _span_of(pack: RulePack, rule: DeadlineRule) -> Span:
    if rule.span is None:
        raise RuleError(f"{pack.name}: the deadline rule has no period.")
    return rule.span


def _after_receipt_deadline(
    pack: RulePack, rule: DeadlineRule, received_on: date, calendar: WorkingCalendar
) -> Deadline:
    span = _span_of(pack, rule)
    legal_due = (
        period_end(received_on, span) if rule.beginning_with_receipt else span.after(received_on)
    )
    what = f"{rule.what}, including any appeal," if rule.includes_appeal else rule.what
    counted = "beginning with" if rule.beginning_with_receipt else "after"
    text = f"{what} within {span} {counted} receipt on {received_on}"
    deemed = legal_due + _DAY if rule.deemed_granted else None
    if deemed is not None:
        text = f"{text} (otherwise presumed granted from {deemed})"
    due, basis = _on_working_day(legal_due, text, calendar)
    meeting_by = None
    if rule.meeting_within is not None:
        meeting_by = last_working_day(rule.meeting_within.after(received_on), calendar)
    return Deadline(
        due, legal_due, basis, rule.citation, deemed_granted_on=deemed, meeting_by=meeting_by
    )


def _before_start_deadline(
    pack: RulePack, rule: DeadlineRule, requested_start: date | None, calendar: WorkingCalendar
) -> Deadline:
    if requested_start is None:
        raise RuleError(
            f"{pack.name}: the decision deadline counts back from the requested start date, "
            "which is missing."
        )
    span = _span_of(pack, rule)
    legal_due = span.before(requested_start)
    deemed = legal_due + _DAY if rule.deemed_granted else None
    text = f"Written decision at least {span} before the requested start on {requested_start}"
    if deemed is not None:
        text = f"{text} (otherwise granted as asked from {deemed})"
    due, basis = _on_working_day(legal_due, text, calendar)
    return Deadline(due, legal_due, basis, rule.citation, deemed_granted_on=deemed)


def _policy_deadline(
    pack: RulePack,
    rule: DeadlineRule,
    received_on: date,
    policy_days: int | None,
    calendar: WorkingCalendar,
) -> Deadline:
    days = policy_days if policy_days is not None else rule.default_days
    if days is None or days < 1:
        raise RuleError(f"{pack.name}: the policy decision period must be at least one day.")
    legal_due = received_on + timedelta(days=days)
    text = (
        f"No statutory deadline; company policy: decision within {days} days "
        f"of receipt on {received_on}"
    )
    due, basis = _on_working_day(legal_due, text, calendar)
    return Deadline(due, legal_due, basis, rule.citation, statutory=False)


def extend_deadline(
    pack: RulePack,
    deadline: Deadline,
    *,
    days: int,
    by_agreement: bool,
    calendar: WorkingCalendar,
    on: date | None = None,
) -> Deadline:
    """``deadline`` extended by ``days`` from its legal date, or RuleError saying why not.

    GB: only by agreement, any length, agreed up to 3 months after the period ended.
    IE: one notice of extension of up to 8 weeks (12 weeks in all), given by the current
    deadline. NL: never (a late decision grants the request). Policy packs: as configured.
    ``on`` is the day the extension is agreed or notified; None skips the timing check.
    """
    _check_extension(pack, deadline, days=days, by_agreement=by_agreement, on=on)
    legal_due = deadline.legal_due + timedelta(days=days)
    how = " by agreement" if by_agreement else ""
    previous = deadline.basis.rstrip(".")
    due, basis = _on_working_day(legal_due, f"{previous}. Extended{how} by {days} days", calendar)
    return replace(
        deadline,
        due=due,
        legal_due=legal_due,
        basis=basis,
        extensions=(*deadline.extensions, days),
    )


def _check_extension(
    pack: RulePack, deadline: Deadline, *, days: int, by_agreement: bool, on: date | None
) -> None:
    rule = pack.extension
    where = f"{pack.name} ({rule.citation})"
    if days < 1:
        raise RuleError("An extension must add at least one day.")
    if not rule.allowed:
        raise RuleError(f"{where}: the decision deadline cannot be extended.")
    if rule.by_agreement_only and not by_agreement:
        raise RuleError(
            f"{where}: the deadline can only be extended by agreement with the employee."
        )
    if rule.max_count is not None and len(deadline.extensions) >= rule.max_count:
        raise RuleError(
            f"{where}: at most {_plural(rule.max_count, 'extension')}; already extended."
        )
    used = sum(deadline.extensions)
    if rule.max_days is not None and used + days > rule.max_days:
        raise RuleError(
            f"{where}: extensions may add at most {rule.max_days} days in all; "
            f"{days} asked for, {used} already used."
        )
    if on is not None:
        _check_extension_timing(pack, deadline, on)


def _check_extension_timing(pack: RulePack, deadline: Deadline, on: date) -> None:
    rule = pack.extension
    where = f"{pack.name} ({rule.citation})"
    if rule.retrospective_within is not None:
        # ERA 1996 s.80G(1C): within 3 months beginning with the day after the period ended.
        latest = period_end(deadline.legal_due + _DAY, rule.retrospective_within)
        if on > latest:
            raise RuleError(
                f"{where}: an extension must be agreed by {latest}, "
                f"{rule.retrospective_within} after the decision period ended."
            )
    elif on > deadline.legal_due:
        raise RuleError(
            f"{where}: an extension must be agreed or notified by the current deadline, "
            f"{deadline.legal_due}."
        )
