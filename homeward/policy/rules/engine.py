"""Pure functions over the rule packs: eligibility, limits, deadlines, extensions, refusals.

They take plain dataclasses and dates and return values: nothing here reads the database
or the clock, so every rule is testable in microseconds. Breaking a rule raises RuleError
(an operation that must not happen) or returns Problems (facts to show a person).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from homeward.policy.rules.base import (
    AGENCY_WORKER,
    CHANGE_KINDS,
    DECISION_DATE,
    EMPLOYER_SIZE,
    EMPLOYMENT_START,
    REQUESTED_START,
    Check,
    Condition,
    ContentItem,
    Deadline,
    DeadlineRule,
    Evaluation,
    Fact,
    FactValue,
    PastRequest,
    Problem,
    RefusalGround,
    RequestContext,
    RequestLimit,
    RuleError,
    RulePack,
    ServiceRule,
    Severity,
    Span,
    first_day_after,
    period_end,
)
from homeward.policy.rules.calendars import WorkingCalendar, last_working_day

_DAY = timedelta(days=1)

# What to ask when a pack uses a shared fact without declaring it (GENERIC, hand-made packs).
_SHARED_QUESTIONS = {
    EMPLOYMENT_START: "When did the employee's continuous employment begin?",
    REQUESTED_START: "On which date should the arrangement start?",
    EMPLOYER_SIZE: "How many staff does the employer have?",
    AGENCY_WORKER: "Is the employee an agency worker?",
    DECISION_DATE: "On which date is the refusal given?",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- Facts and conditions -------------------------------------------------------------------

Getter = Callable[[str], FactValue | None]
# A tri-state answer: True, False, or None (unknown) with the facts it lacks and the facts
# (key, value) it read.
Tri = tuple[bool | None, list[str], list[tuple[str, FactValue]]]


def _condition(cond: Condition, get: Getter, on: date | None) -> Tri:
    value = get(cond.fact)
    if value is None:
        return None, [cond.fact], []
    if cond.op == "under_age" and on is None:
        return None, [DECISION_DATE], [(cond.fact, value)]
    return cond.test(value, on), [], [(cond.fact, value)]


def _all(conds: Iterable[Condition], get: Getter, on: date | None) -> Tri:
    """Every condition holds: False if one fails, None if one is unknown, else True."""
    results = [_condition(c, get, on) for c in conds]
    failed = [r for r in results if r[0] is False]
    if failed:
        return False, [], [fact for r in failed for fact in r[2]]
    used = [fact for r in results for fact in r[2]]
    unknown = [key for r in results for key in r[1]]
    return (None if unknown else True), unknown, used


def _any(groups: Iterable[Iterable[Condition]], get: Getter, on: date | None) -> Tri:
    """One group holds entirely: True if one does, False if all fail, else None."""
    results = [_all(g, get, on) for g in groups]
    for result in results:
        if result[0] is True:
            return result
    used = [fact for r in results for fact in r[2]]
    unknown = [key for r in results if r[0] is None for key in r[1]]
    return (None if unknown else False), unknown, used


def _both(a: Tri, b: Tri) -> Tri:
    """``a`` and ``b``: False if either is False (only its facts), else as ``_all``."""
    for result in (a, b):
        if result[0] is False:
            return result
    unknown = [*a[1], *b[1]]
    return (None if unknown else True), unknown, [*a[2], *b[2]]


class _Judge:
    """Collects the checks of one evaluation and one "needs fact" problem per fact."""

    def __init__(self, pack: RulePack, *, missing_severity: Severity) -> None:
        self.pack = pack
        self.severity: Severity = missing_severity
        self.checks: list[Check] = []
        self.missing: dict[str, Problem] = {}

    def passed(self, key: str, citation: str, facts: Iterable[tuple[str, FactValue]] = ()) -> None:
        self.checks.append(Check(key, "pass", citation, tuple(facts)))

    def failed(
        self,
        key: str,
        message: str,
        citation: str,
        facts: Iterable[tuple[str, FactValue]] = (),
        severity: Severity = "error",
    ) -> None:
        facts = tuple(facts)
        problem = Problem(key, message, citation, severity, facts=facts)
        self.checks.append(Check(key, "fail", citation, facts, problem=problem))

    def unknown(
        self,
        key: str,
        citation: str,
        needs: Iterable[str],
        facts: Iterable[tuple[str, FactValue]] = (),
    ) -> None:
        needs = tuple(dict.fromkeys(needs))
        self.checks.append(Check(key, "needs_fact", citation, tuple(facts), needs=needs))
        for fact_key in needs:
            if fact_key not in self.missing:
                self.missing[fact_key] = self._needs_problem(fact_key, citation)

    def _needs_problem(self, key: str, citation: str) -> Problem:
        fact: Fact | None = self.pack.fact(key)
        question = fact.question if fact else _SHARED_QUESTIONS.get(key, key)
        message = f"The rules cannot be applied until this is known: {question}"
        return Problem(
            f"needs_fact:{key}",
            message,
            fact.citation if fact else citation,
            self.severity,
            needs_fact=key,
        )

    def evaluation(self) -> Evaluation:
        return Evaluation(tuple(self.checks), tuple(self.missing.values()))


# --- Eligibility --------------------------------------------------------------------------


def evaluate_eligibility(pack: RulePack, ctx: RequestContext) -> Evaluation:
    """Every eligibility check of the pack on the request in ``ctx``, with the facts that
    decided each and a "needs fact" warning for each fact the pack lacks.

    Errors block a statutory request (IE and NL: too little notice before the start);
    warnings inform. A missing fact never passes a check: the check is left undecided and
    the fact is asked for (a warning: the request may still be sent, but the employer must
    find out before relying on the rule). Previous requests received after ``received_on``
    are ignored.
    """
    judge = _Judge(pack, missing_severity="warning")
    _service_checks(judge, pack, ctx)
    _employer_size_check(judge, pack, ctx)
    _bar_checks(judge, pack, ctx)
    _requirement_checks(judge, pack, ctx)
    _notice_check(judge, pack, ctx)
    _limit_checks(judge, pack, ctx.received_on, ctx.previous_requests)
    return judge.evaluation()


def check_eligibility(pack: RulePack, ctx: RequestContext) -> list[Problem]:
    """Every way the request in ``ctx`` falls short of the pack's eligibility rules, and a
    ``needs_fact:KEY`` warning for each fact a rule needs and ``ctx`` does not give.

    The problems of ``evaluate_eligibility``, in its order: service, employer size, bars,
    other requirements, notice, limits.
    """
    return evaluate_eligibility(pack, ctx).problems


def _date_fact(ctx: RequestContext, key: str) -> date | None:
    value = ctx.known(key)
    return value if isinstance(value, date) else None


def _service_checks(judge: _Judge, pack: RulePack, ctx: RequestContext) -> None:
    for rule in pack.eligibility.service:
        if rule.span == Span():
            continue  # a day-one right (GB): nothing to check
        _service_check(judge, rule, ctx)


def _service_check(judge: _Judge, rule: ServiceRule, ctx: RequestContext) -> None:
    key = "service_at_request" if rule.measured_at == "request" else "service_at_start"
    applies, unknown, used = _all(rule.applies_if, ctx.known, ctx.received_on)
    if applies is False:
        judge.passed(key, rule.citation, used)  # the rule does not apply (AU: a casual)
        return
    employment_start = _date_fact(ctx, EMPLOYMENT_START)
    day = ctx.received_on if rule.measured_at == "request" else _date_fact(ctx, REQUESTED_START)
    needs = [
        *([EMPLOYMENT_START] if employment_start is None else []),
        *([REQUESTED_START] if day is None else []),
        *unknown,
    ]
    if employment_start is None or day is None:
        judge.unknown(key, rule.citation, needs, used)
        return
    qualifies_on = rule.qualifies_on(employment_start)
    facts = [*used, (EMPLOYMENT_START, employment_start)]
    if rule.measured_at == "start":
        facts.append((REQUESTED_START, day))
    if day >= qualifies_on:
        judge.passed(key, rule.citation, facts)
    elif applies is None:
        judge.unknown(key, rule.citation, needs, facts)  # fails only if the rule applies
    elif rule.measured_at == "request":
        message = (
            f"A request needs {rule.span} of service when it is made; "
            f"this employee qualifies on {qualifies_on}."
        )
        judge.failed(key, message, rule.citation, facts)
    else:
        message = (
            f"The arrangement cannot start before {qualifies_on} "
            f"({rule.span} of continuous employment); {day} was asked for."
        )
        judge.failed(key, message, rule.citation, facts)


def _employer_size_check(judge: _Judge, pack: RulePack, ctx: RequestContext) -> None:
    minimum = pack.eligibility.min_employer_size
    citation = pack.eligibility.employer_size_citation
    if minimum is None:
        return
    size = ctx.known(EMPLOYER_SIZE)
    if not isinstance(size, int) or isinstance(size, bool):
        judge.unknown("employer_size", citation, [EMPLOYER_SIZE])
    elif size >= minimum:
        judge.passed("employer_size", citation, [(EMPLOYER_SIZE, size)])
    else:
        message = (
            f"The statutory right applies to employers with {minimum} or more staff; "
            f"this employer has {size}."
        )
        judge.failed("employer_size", message, citation, [(EMPLOYER_SIZE, size)])


def _bar_checks(judge: _Judge, pack: RulePack, ctx: RequestContext) -> None:
    for bar in pack.eligibility.bars:
        key = f"bar:{bar.key}"
        value = ctx.known(bar.key)
        if value is None:
            judge.unknown(key, bar.citation, [bar.key])
            continue
        facts = [(bar.key, value)]
        if value is not True:
            judge.passed(key, bar.citation, facts)
            continue
        if bar.unless is None:
            judge.failed(key, bar.label, bar.citation, facts)
            continue
        excepted, unknown, used = _condition(bar.unless, ctx.known, ctx.received_on)
        if excepted is None:
            judge.unknown(key, bar.citation, unknown, facts)
        elif excepted:
            judge.passed(key, bar.citation, [*facts, *used])
        else:
            judge.failed(key, bar.label, bar.citation, [*facts, *used])


def _requirement_checks(judge: _Judge, pack: RulePack, ctx: RequestContext) -> None:
    for req in pack.eligibility.requirements:
        met, unknown, used = _any(req.any_of, ctx.known, ctx.received_on)
        if met is None:
            judge.unknown(req.key, req.citation, unknown, used)
        elif met:
            judge.passed(req.key, req.citation, used)
        else:
            judge.failed(req.key, req.label, req.citation, used)


def _notice_check(judge: _Judge, pack: RulePack, ctx: RequestContext) -> None:
    notice = pack.request_notice
    if notice is None:
        return
    key = "notice_before_start"
    start = _date_fact(ctx, REQUESTED_START)
    if start is None:
        judge.unknown(key, notice.citation, [REQUESTED_START])
        return
    latest = notice.span.before(start)
    facts = [(REQUESTED_START, start)]
    if ctx.received_on <= latest:
        judge.passed(key, notice.citation, facts)
        return
    message = (
        f"The request must arrive at least {notice.span} before the start: by {latest} "
        f"for a start on {start}; it arrived on {ctx.received_on}."
    )
    judge.failed(key, message, notice.citation, facts, notice.severity)


def missing_request_content(pack: RulePack, *, provided: Collection[str]) -> list[Problem]:
    """One problem per item of required request content whose key is not in ``provided``."""
    return _missing_content(pack.request_content, provided, "content", "The request")


def _missing_content(
    items: Iterable[ContentItem], provided: Collection[str], prefix: str, what: str
) -> list[Problem]:
    return [
        Problem(f"{prefix}:{item.key}", f"{what} must include: {item.label}.", item.citation)
        for item in items
        if item.key not in provided
    ]


# --- Request limits -----------------------------------------------------------------------


def _count_limit_lifts_on(limit: RequestLimit, received: Iterable[date]) -> date | None:
    """First day a new request is outside the count limit; None if the limit does not bite.

    GB "more than two applications ... during any period of 12 months" (ERA 1996
    s.80F(4)(a)) and NI "one a year": an earlier request counts against a new one on day D
    while D is inside the period of ``window_months`` beginning with the earlier request.
    The limit lifts the day after that period ends for the oldest of the last
    ``max_requests`` requests: on its anniversary (1 March for 29 February, see
    ``period_end``).
    """
    if limit.max_requests is None:
        return None
    latest_first = sorted(received, reverse=True)
    if len(latest_first) < limit.max_requests:
        return None
    oldest_counted = latest_first[limit.max_requests - 1]
    return first_day_after(oldest_counted, Span(months=limit.window_months))


def _cooldown_lifts_on(limit: RequestLimit, previous: Iterable[PastRequest]) -> date | None:
    """First day after the ``months_after_decision`` cool-down of the latest decision.

    NL "a year after the decision" is read as the period of 12 months beginning with the
    decision day: a new request may arrive on the anniversary (1 March for a decision on
    29 February). Undecided requests start no cool-down.
    """
    if limit.months_after_decision is None:
        return None
    span = Span(months=limit.months_after_decision)
    ends = [first_day_after(p.decided_on, span) for p in previous if p.decided_on is not None]
    return max(ends, default=None)


def _open_between(begins: date | None, concluded: Iterable[date | None], day: date) -> bool:
    if begins is None or begins > day:
        return False
    return not any(c is not None and c <= day for c in concluded)


def _proceeding_on(limit: RequestLimit, p: PastRequest, day: date) -> bool:
    """Whether ``p`` still blocks a new request made on ``day`` (one live at a time).

    GB with ``decision_period_ends`` known: ERA 1996 s.80F(4A)-(4B). Otherwise the
    caller's ``live``.
    """
    if not limit.proceeding_ends_with_decision_period or p.decision_period_ends is None:
        return p.live
    if day > p.decision_period_ends:
        return False  # s.80F(4B)(d): the decision period ended
    ended = (p.withdrawn_on,)
    return _open_between(p.received_on, (p.decided_on, *ended), day) or _open_between(
        p.appealed_on, (p.appeal_decided_on, *ended), day
    )


def _live_check(
    judge: _Judge, pack: RulePack, limit: RequestLimit, day: date, earlier: list[PastRequest]
) -> None:
    citation = limit.proceeding_citation or limit.citation
    blocking = [p for p in earlier if _proceeding_on(limit, p, day)]
    if not blocking:
        judge.passed("live_request", citation)
        return
    first = min(blocking, key=lambda p: p.received_on)
    facts = [("proceeding_request_received_on", first.received_on)]
    if first.decision_period_ends is not None:
        facts.append(("decision_period_ends", first.decision_period_ends))
    message = "Another request is still being decided; only one may be live at a time."
    if limit.proceeding_ends_with_decision_period and first.decision_period_ends is not None:
        message += (
            f" It stops counting once it is decided (with any appeal), withdrawn, or its "
            f"decision period ends on {first.decision_period_ends}."
        )
    judge.failed("live_request", message, citation, facts)
    unsure = [
        p
        for p in blocking
        if limit.proceeding_ends_with_decision_period and p.decision_period_ends is None
    ]
    if unsure and pack.deadline.span is not None and pack.deadline.beginning_with_receipt:
        statutory_end = period_end(unsure[0].received_on, pack.deadline.span)
        if day > statutory_end:
            # The decision period as received has ended; only an extension keeps it live.
            judge.unknown("live_request_extension", citation, ["decision_period_ends"])


def _limit_checks(
    judge: _Judge, pack: RulePack, received_on: date, previous: Sequence[PastRequest]
) -> None:
    limit = pack.limit
    if limit is None:
        return
    earlier = [p for p in previous if p.received_on <= received_on]
    if limit.one_live_at_a_time:
        _live_check(judge, pack, limit, received_on, earlier)
    count_on = _count_limit_lifts_on(limit, (p.received_on for p in earlier))
    if limit.max_requests is not None:
        counted = sorted((p.received_on for p in earlier), reverse=True)[: limit.max_requests]
        facts = [("earlier_request_received_on", d) for d in counted]
        if count_on is not None and received_on < count_on:
            message = (
                f"At most {_plural(limit.max_requests, 'request')} in any "
                f"{limit.window_months} months; the next may be made on {count_on}."
            )
            judge.failed("request_limit", message, limit.citation, facts)
        else:
            judge.passed("request_limit", limit.citation, facts)
    if limit.months_after_decision is not None:
        cooldown_on = _cooldown_lifts_on(limit, earlier)
        decided = [p.decided_on for p in earlier if p.decided_on is not None]
        facts = [("earlier_decision_on", max(decided))] if decided else []
        if cooldown_on is not None and received_on < cooldown_on:
            message = (
                f"A new request may be made only {limit.months_after_decision} months after "
                f"the decision on the last one: from {cooldown_on}."
            )
            judge.failed("after_decision", message, limit.citation, facts)
        else:
            judge.passed("after_decision", limit.citation, facts)


def next_request_allowed_on(
    pack: RulePack, *, previous: Sequence[PastRequest], on: date | None = None
) -> date | None:
    """The first day a new request may be received under the pack's limits: the first
    lawful day itself, not the day after it.

    None when no date limit applies (no limit in the pack, or too few past requests).
    The date may be in the past: then a request may be made now. Without ``on`` a live
    request is not a date limit (``check_eligibility`` reports it as ``live_request``).
    With ``on`` (today), a GB request still proceeding on that day whose decision period
    end is known holds the date back to the day after that period ends, the latest it can
    stop counting (ERA 1996 s.80F(4B)(d)); a decision or withdrawal frees it sooner.
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
    if on is not None and limit.one_live_at_a_time and limit.proceeding_ends_with_decision_period:
        dates += [
            p.decision_period_ends + _DAY
            for p in previous
            if p.decision_period_ends is not None and _proceeding_on(limit, p, on)
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


def evaluate_refusal(
    pack: RulePack,
    *,
    grounds: Collection[str],
    explanation: str,
    consultation_held: bool,
    changes: Collection[str] = ("place",),
    facts: Mapping[str, FactValue] | None = None,
    on: date | None = None,
    alternatives: Sequence[str] | None = None,
) -> Evaluation:
    """Every check of a refusal of a request to change ``changes``, with the facts behind.

    - A written explanation is always required (the product asks for one everywhere).
    - Each kind of change with a closed list of grounds needs at least one of them; where
      every kind asked for has a closed list (GB, NI), other grounds are refused; where
      some kind is free (NL place) or the list is examples (AU), other grounds pass.
    - Consultation before refusing where the pack requires it (GB, NI, NL, AU; ES for a
      work-life balance request).
    - Prerequisites (AU s.65A(3): a genuine attempt to agree, regard to the consequences).
    - Protected rights (PT art. 166.º-A: a parent of a young child whose work is compatible
      with telework at an employer with the means cannot be refused).
    - The alternatives the employer would accept, or a statement that there are none
      (AU s.65A(6)(d)): ``alternatives`` None means not stated; an empty list states none.
    ``facts`` are the pack's refusal facts and ``on`` the day of the refusal (a child's age
    depends on it). A missing fact is a blocking "needs fact" problem: a refusal cannot be
    shown lawful without it. ``changes`` outside hours/times/place, or empty, raise
    RuleError (a caller's mistake).
    """
    _check_changes(changes)
    judge = _Judge(pack, missing_severity="error")
    known = dict(facts or {})
    rule = pack.refusal
    if explanation.strip():
        judge.passed("explanation", rule.reasons_citation)
    else:
        message = "A refusal needs a written explanation of the reasons."
        judge.failed("explanation_missing", message, rule.reasons_citation)
    for problem in _ground_problems(pack, set(grounds), sorted(set(changes))):
        judge.failed(problem.key, problem.message, problem.citation)
    _consultation_check(judge, pack, known, on, consultation_held)
    for cond in rule.prerequisites:
        met, unknown, used = _condition(cond, known.get, on)
        key = f"prerequisite:{cond.fact}"
        if met is None:
            judge.unknown(key, rule.prerequisites_citation, unknown, used)
        elif met:
            judge.passed(key, rule.prerequisites_citation, used)
        else:
            message = f"Before refusing: {cond.label}."
            judge.failed(key, message, rule.prerequisites_citation, used)
    for protection in rule.protections:
        qualifies = _any(protection.qualifies, known.get, on)
        applies, unknown, used = _both(qualifies, _all(protection.requires, known.get, on))
        key = f"protected:{protection.key}"
        if applies is None:
            judge.unknown(key, protection.citation, unknown, used)
        elif applies:
            judge.failed(key, protection.label, protection.citation, used)
        else:
            judge.passed(key, protection.citation, used)
    if rule.alternatives_required:
        if alternatives is None:
            message = (
                "A refusal must set out the changes the employer would be willing to make, "
                "or state that there are none."
            )
            judge.failed("alternatives_missing", message, rule.alternatives_citation)
        else:
            judge.passed("alternatives", rule.alternatives_citation)
    return judge.evaluation()


def validate_refusal(
    pack: RulePack,
    *,
    grounds: Collection[str],
    explanation: str,
    consultation_held: bool,
    changes: Collection[str] = ("place",),
    facts: Mapping[str, FactValue] | None = None,
    on: date | None = None,
    alternatives: Sequence[str] | None = None,
) -> list[Problem]:
    """Every way a refusal breaks the pack's rules: the problems of ``evaluate_refusal``.

    Called as before (grounds, explanation, consultation, changes) it checks what it
    checked before, and adds blocking ``needs_fact:KEY`` problems where a pack's refusal
    rules need facts (PT: the child's age; AU: a genuine attempt to agree).
    """
    return evaluate_refusal(
        pack,
        grounds=grounds,
        explanation=explanation,
        consultation_held=consultation_held,
        changes=changes,
        facts=facts,
        on=on,
        alternatives=alternatives,
    ).problems


def _consultation_check(
    judge: _Judge,
    pack: RulePack,
    known: Mapping[str, FactValue],
    on: date | None,
    consultation_held: bool,
) -> None:
    rule = pack.refusal
    if not rule.consultation_required:
        return
    citation = rule.consultation_citation
    required, unknown, used = _all(rule.consultation_if, known.get, on)
    if consultation_held:
        judge.passed("consultation", citation, [*used, ("consultation_held", True)])
    elif required is False:
        judge.passed("consultation", citation, used)
    elif required is None:
        judge.unknown("consultation", citation, unknown, used)
    else:
        message = "The employee must be consulted before the request is refused."
        facts = [*used, ("consultation_held", False)]
        judge.failed("consultation_missing", message, citation, facts)


def _ground_problems(pack: RulePack, grounds: set[str], changes: list[str]) -> list[Problem]:
    closed = {kind: allowed_grounds(pack, change=kind) for kind in changes}
    problems = []
    unmet: dict[tuple[RefusalGround, ...], list[str]] = {}
    for kind, listed in closed.items():
        if listed and not pack.refusal.grounds_exhaustive and grounds:
            continue  # examples, not a closed list: any stated ground will do (AU)
        if listed and not grounds & {g.key for g in listed}:
            unmet.setdefault(listed, []).append(kind)
    for listed, kinds in unmet.items():
        verb = (
            "needs at least one of these grounds"
            if pack.refusal.grounds_exhaustive
            else ("needs a ground, such as")
        )
        message = (
            f"Refusing a change of {' and '.join(kinds)} {verb}: "
            + "; ".join(g.label for g in listed)
            + "."
        )
        citation = pack.refusal.grounds_citation or listed[0].citation
        problems.append(Problem("ground_required", message, citation))
    if pack.refusal.grounds_exhaustive and all(closed.values()):
        known = {g.key for listed in closed.values() for g in listed}
        for key in sorted(grounds - known):
            message = f"{key!r} is not a refusal ground allowed in {pack.name}."
            citation = pack.refusal.grounds_citation or pack.refusal.reasons_citation
            problems.append(Problem(f"ground_unknown:{key}", message, citation))
    return problems


def missing_refusal_content(pack: RulePack, *, provided: Collection[str]) -> list[Problem]:
    """One problem per item the written refusal must contain whose key is not in
    ``provided`` (AU s.65A(6): the reasons, the business grounds and how they apply, the
    changes the employer would accept, the effect of ss.65B and 65C)."""
    return _missing_content(pack.refusal.response_contents, provided, "refusal", "The refusal")


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
