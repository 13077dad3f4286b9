"""Facts and conditions: the tri-state judge every check uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from homeward.policy.rules.base import (
    AGENCY_WORKER,
    DECISION_DATE,
    EMPLOYER_SIZE,
    EMPLOYMENT_START,
    REQUESTED_START,
    Check,
    Condition,
    Evaluation,
    Fact,
    FactValue,
    Problem,
    RulePack,
    Severity,
)

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
