"""Eligibility: who may make a request, and what it must contain."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from homeward.policy.rules.base import (
    EMPLOYER_SIZE,
    EMPLOYMENT_START,
    REQUESTED_START,
    ContentItem,
    Evaluation,
    Problem,
    RequestContext,
    RulePack,
    ServiceRule,
)
from homeward.policy.rules.engine._judge import _all, _any, _condition, _Judge
from homeward.policy.rules.engine.limits import _limit_checks
from homeward.policy.rules.periods import Span

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
