"""Request limits: how many requests, and when the next one is allowed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from homeward.policy.rules.base import PastRequest, RequestLimit, RulePack
from homeward.policy.rules.engine._judge import _Judge, _plural
from homeward.policy.rules.periods import Span, first_day_after, period_end

_DAY = timedelta(days=1)

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
