"""Pure functions over the rule packs: eligibility, limits, deadlines, extensions, refusals.

They take plain dataclasses and dates and return values: nothing here reads the database
or the clock, so every rule is testable in microseconds. Breaking a rule raises RuleError
(an operation that must not happen) or returns Problems (facts to show a person).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from homeward.policy.rules.base import (
    CHANGE_KINDS,
    Deadline,
    DeadlineRule,
    PastRequest,
    Problem,
    RefusalGround,
    RequestContext,
    RequestLimit,
    RuleError,
    RulePack,
    Span,
    add_months,
)
from homeward.policy.rules.calendars import WorkingCalendar, last_working_day

_DAY = timedelta(days=1)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- Eligibility --------------------------------------------------------------------------


def check_eligibility(pack: RulePack, ctx: RequestContext) -> list[Problem]:
    """Every way the request in ``ctx`` falls short of the pack's eligibility rules.

    Errors block a statutory request; warnings inform (IE: under 8 weeks' notice).
    Edge cases: a service rule measured at the start, and the notice rule, are skipped
    when ``requested_start`` is None; the employer-size rule is skipped when
    ``employer_size`` is None; previous requests received after ``received_on`` are ignored.
    """
    return [
        *_service_problems(pack, ctx),
        *_employer_size_problems(pack, ctx),
        *_bar_problems(pack, ctx),
        *_notice_problems(pack, ctx),
        *_limit_problems(pack, ctx.received_on, ctx.previous_requests),
    ]


def _service_problems(pack: RulePack, ctx: RequestContext) -> list[Problem]:
    problems = []
    for rule in pack.eligibility.service:
        if rule.span == Span():
            continue  # a day-one right (GB): nothing to check
        qualifies_on = rule.span.after(ctx.employment_start)
        if rule.measured_at == "request" and ctx.received_on < qualifies_on:
            message = (
                f"A request needs {rule.span} of service when it is made; "
                f"this employee qualifies on {qualifies_on}."
            )
            problems.append(Problem("service_at_request", message, rule.citation))
        start = ctx.requested_start
        if rule.measured_at == "start" and start is not None and start < qualifies_on:
            message = (
                f"The arrangement cannot start before {qualifies_on} "
                f"({rule.span} of continuous employment); {start} was asked for."
            )
            problems.append(Problem("service_at_start", message, rule.citation))
    return problems


def _employer_size_problems(pack: RulePack, ctx: RequestContext) -> list[Problem]:
    minimum = pack.eligibility.min_employer_size
    if minimum is None or ctx.employer_size is None or ctx.employer_size >= minimum:
        return []
    message = (
        f"The statutory right applies to employers with {minimum} or more staff; "
        f"this employer has {ctx.employer_size}."
    )
    return [Problem("employer_size", message, pack.eligibility.employer_size_citation)]


def _bar_problems(pack: RulePack, ctx: RequestContext) -> list[Problem]:
    facts = ctx.facts | ({"agency_worker"} if ctx.is_agency_worker else set())
    return [
        Problem(f"bar:{bar.key}", bar.label, bar.citation)
        for bar in pack.eligibility.bars
        if bar.key in facts
    ]


def _notice_problems(pack: RulePack, ctx: RequestContext) -> list[Problem]:
    notice = pack.request_notice
    if notice is None or ctx.requested_start is None:
        return []
    latest = notice.span.before(ctx.requested_start)
    if ctx.received_on <= latest:
        return []
    message = (
        f"The request must arrive at least {notice.span} before the start: by {latest} "
        f"for a start on {ctx.requested_start}; it arrived on {ctx.received_on}."
    )
    return [Problem("notice_before_start", message, notice.citation, notice.severity)]


def missing_request_content(pack: RulePack, *, provided: Collection[str]) -> list[Problem]:
    """One problem per item of required request content whose key is not in ``provided``."""
    return [
        Problem(f"content:{item.key}", f"The request must include: {item.label}.", item.citation)
        for item in pack.request_content
        if item.key not in provided
    ]


# --- Request limits -----------------------------------------------------------------------


def _window_start(day: date, months: int) -> date:
    """First day of the ``months``-month period ending with the day before ``day``."""
    return add_months(day - _DAY, -months) + _DAY


def _count_limit_lifts_on(limit: RequestLimit, received: Iterable[date]) -> date | None:
    """First day a new request is outside the count limit; None if the limit does not bite.

    A new request on day D counts the requests received in the window of
    ``window_months`` months ending with the day before D. Counting up to the day before
    (rather than from the first request's anniversary) is the later reading, so a date
    given here is never too early.
    """
    if limit.max_requests is None:
        return None
    latest_first = sorted(received, reverse=True)
    if len(latest_first) < limit.max_requests:
        return None
    oldest_counted = latest_first[limit.max_requests - 1]
    day = add_months(oldest_counted, limit.window_months) - timedelta(days=3)
    while _window_start(day, limit.window_months) <= oldest_counted:
        day += _DAY
    return day


def _cooldown_lifts_on(limit: RequestLimit, previous: Iterable[PastRequest]) -> date | None:
    """First day after the ``months_after_decision`` cool-down of the latest decision.

    "A year after the decision" is read as: the year ends on the anniversary, and a new
    request may arrive from the day after. Undecided requests start no cool-down.
    """
    if limit.months_after_decision is None:
        return None
    ends = [
        add_months(p.decided_on, limit.months_after_decision) + _DAY
        for p in previous
        if p.decided_on is not None
    ]
    return max(ends, default=None)


def _limit_problems(
    pack: RulePack, received_on: date, previous: Sequence[PastRequest]
) -> list[Problem]:
    limit = pack.limit
    if limit is None:
        return []
    earlier = [p for p in previous if p.received_on <= received_on]
    problems = []
    if limit.one_live_at_a_time and any(p.live for p in earlier):
        message = "Another request is still being decided; only one may be live at a time."
        problems.append(Problem("live_request", message, limit.citation))
    count_on = _count_limit_lifts_on(limit, (p.received_on for p in earlier))
    if count_on is not None and received_on < count_on:
        message = (
            f"At most {_plural(limit.max_requests or 0, 'request')} in any "
            f"{limit.window_months} months; the next may be made on {count_on}."
        )
        problems.append(Problem("request_limit", message, limit.citation))
    cooldown_on = _cooldown_lifts_on(limit, earlier)
    if cooldown_on is not None and received_on < cooldown_on:
        message = (
            f"A new request may be made only {limit.months_after_decision} months after the "
            f"decision on the last one: from {cooldown_on}."
        )
        problems.append(Problem("after_decision", message, limit.citation))
    return problems


def next_request_allowed_on(pack: RulePack, *, previous: Sequence[PastRequest]) -> date | None:
    """The earliest date a new request may be received under the pack's date limits.

    None when no date limit applies (no limit in the pack, or too few past requests).
    The date may be in the past: then a request may be made now. A live request is not a
    date limit: it blocks one-at-a-time packs until decided or withdrawn, whatever this
    returns (``check_eligibility`` reports it as ``live_request``).
    """
    limit = pack.limit
    if limit is None:
        return None
    dates = [
        d
        for d in (
            _count_limit_lifts_on(limit, (p.received_on for p in previous)),
            _cooldown_lifts_on(limit, previous),
        )
        if d is not None
    ]
    return max(dates, default=None)


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
) -> Deadline:
    """When the decision on a request received on ``received_on`` is due.

    GB: two months beginning with receipt, including any appeal (the day before the
    same date two months on; a month end clamps earlier, never later). IE: 4 weeks after
    receipt. NI: 42 days (meeting within 28, decision 14 after) [unverified]. NL: one
    month before ``requested_start``, after which the request is deemed granted; a
    missing start raises RuleError. US-FED, ES, PT, GENERIC: no statutory deadline, so
    ``policy_days`` after receipt (the pack's default when None); ``policy_days`` is
    ignored where a statute sets the deadline. ``due`` is moved back to the last working
    day of ``calendar`` on or before the legal date.
    """
    rule = pack.deadline
    if rule.kind == "before_start":
        return _before_start_deadline(pack, rule, requested_start, calendar)
    if rule.kind == "policy":
        return _policy_deadline(pack, rule, received_on, policy_days, calendar)
    return _after_receipt_deadline(pack, rule, received_on, calendar)


def _span_of(pack: RulePack, rule: DeadlineRule) -> Span:
    if rule.span is None:
        raise RuleError(f"{pack.name}: the deadline rule has no period.")
    return rule.span


def _after_receipt_deadline(
    pack: RulePack, rule: DeadlineRule, received_on: date, calendar: WorkingCalendar
) -> Deadline:
    span = _span_of(pack, rule)
    legal_due = span.after(received_on) - (_DAY if rule.beginning_with_receipt else timedelta())
    what = "Decision, including any appeal," if rule.includes_appeal else "Decision"
    counted = "beginning with" if rule.beginning_with_receipt else "after"
    due, basis = _on_working_day(
        legal_due, f"{what} within {span} {counted} receipt on {received_on}", calendar
    )
    meeting_by = None
    if rule.meeting_within is not None:
        meeting_by = last_working_day(rule.meeting_within.after(received_on), calendar)
    return Deadline(due, legal_due, basis, rule.citation, meeting_by=meeting_by)


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
        latest = rule.retrospective_within.after(deadline.legal_due + _DAY) - _DAY
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


# --- Refusals -----------------------------------------------------------------------------


def _check_changes(changes: Collection[str]) -> None:
    unknown = set(changes) - CHANGE_KINDS
    if not changes or unknown:
        raise RuleError(
            f"changes must name at least one of {sorted(CHANGE_KINDS)}; got {sorted(changes)}."
        )


def allowed_grounds(pack: RulePack, *, change: str | None = None) -> tuple[RefusalGround, ...]:
    """The pack's closed list of refusal grounds, for one kind of change if given.

    Empty means free-text reasons (IE, US-FED, ES, PT; NL for a change of place).
    """
    if change is not None:
        _check_changes([change])
    return tuple(g for g in pack.refusal.grounds if change is None or change in g.applies_to)


def validate_refusal(
    pack: RulePack,
    *,
    grounds: Collection[str],
    explanation: str,
    consultation_held: bool,
    changes: Collection[str] = ("place",),
) -> list[Problem]:
    """Every way a refusal of a request to change ``changes`` breaks the pack's rules.

    - A written explanation is always required (the product asks for one everywhere).
    - Each kind of change with a closed list of grounds needs at least one of them.
    - Where every kind asked for has a closed list (GB, NI), other grounds are refused;
      where some kind is free (NL place), other grounds pass as free-text labels.
    - Consultation before refusing where the pack requires it (GB, NI, NL).
    ``changes`` outside hours/times/place, or empty, raise RuleError (a caller's mistake).
    """
    _check_changes(changes)
    problems = []
    if not explanation.strip():
        message = "A refusal needs a written explanation of the reasons."
        problems.append(Problem("explanation_missing", message, pack.refusal.reasons_citation))
    problems += _ground_problems(pack, set(grounds), sorted(set(changes)))
    if pack.refusal.consultation_required and not consultation_held:
        message = "The employee must be consulted before the request is refused."
        problems.append(
            Problem("consultation_missing", message, pack.refusal.consultation_citation)
        )
    return problems


def _ground_problems(pack: RulePack, grounds: set[str], changes: list[str]) -> list[Problem]:
    closed = {kind: allowed_grounds(pack, change=kind) for kind in changes}
    problems = []
    unmet: dict[tuple[RefusalGround, ...], list[str]] = {}
    for kind, listed in closed.items():
        if listed and not grounds & {g.key for g in listed}:
            unmet.setdefault(listed, []).append(kind)
    for listed, kinds in unmet.items():
        message = (
            f"Refusing a change of {' and '.join(kinds)} needs at least one of these grounds: "
            + "; ".join(g.label for g in listed)
            + "."
        )
        citation = pack.refusal.grounds_citation or listed[0].citation
        problems.append(Problem("ground_required", message, citation))
    if all(closed.values()):
        known = {g.key for listed in closed.values() for g in listed}
        for key in sorted(grounds - known):
            message = f"{key!r} is not a refusal ground allowed in {pack.name}."
            citation = pack.refusal.grounds_citation or pack.refusal.reasons_citation
            problems.append(Problem(f"ground_unknown:{key}", message, citation))
    return problems


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


# --- Agreements ---------------------------------------------------------------------------


def agreement_required(pack: RulePack, *, home_share: float | None = None) -> bool:
    """Whether the pack requires a written agreement for this arrangement.

    ES applies only to regular remote work (at least 30% of the time over 3 months);
    with ``home_share`` unknown (None) it answers True, the safe side.
    """
    rule = pack.agreement
    if rule is None or not rule.required:
        return False
    if rule.regular_remote_share is None or home_share is None:
        return True
    return home_share >= rule.regular_remote_share


def missing_agreement_content(pack: RulePack, *, provided: Collection[str]) -> list[Problem]:
    """One problem per required agreement item (and pre-signing step) not in ``provided``."""
    if pack.agreement is None:
        return []
    items = (*pack.agreement.contents, *pack.agreement.before_signing)
    return [
        Problem(f"agreement:{item.key}", f"The agreement must cover: {item.label}.", item.citation)
        for item in items
        if item.key not in provided
    ]
