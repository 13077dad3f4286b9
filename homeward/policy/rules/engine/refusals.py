"""Refusals: the grounds a pack allows and whether a refusal stands."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from homeward.policy.rules.base import (
    CHANGE_KINDS,
    Evaluation,
    FactValue,
    Problem,
    RefusalGround,
    RulePack,
)
from homeward.policy.rules.engine._judge import _all, _any, _both, _condition, _Judge
from homeward.policy.rules.engine.eligibility import _missing_content
from homeward.policy.rules.periods import RuleError

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
