"""The request letter to the manager, composed from the proposal by fixed templates.

Pure module: no Django import and no remote text generation. `compose()` builds
the letter as a list of blocks (paragraphs and bulleted lists) and renders it
twice: as plain text, and as HTML in which every piece of text is passed through
`html.escape` and only this module's own tags are added. The same input always
gives the same letter; nothing depends on today's date or the locale.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from homeward.coach.benefits import Benefits

TONES = ("formal", "warm", "concise")

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Commitments:
    """What the employee promises for home days; empty or None fields are left out."""

    core_hours: str = ""
    response_minutes: int | None = None
    recall_notice_hours: int | None = None
    outage_plan: str = ""

    def lines(self) -> list[str]:
        """One sentence fragment per commitment, in a fixed order."""
        lines = []
        if self.core_hours:
            lines.append(f"being available during core hours, {self.core_hours}")
        if self.response_minutes is not None:
            lines.append(f"answering messages and calls within {_duration(self.response_minutes)}")
        if self.recall_notice_hours is not None:
            lines.append(
                f"coming into the office when called in, {_notice(self.recall_notice_hours)}"
            )
        if self.outage_plan:
            lines.append(f"if my connection or power fails: {self.outage_plan}")
        return lines


@dataclass(frozen=True)
class LetterInput:
    """Everything the letter says. All strings may be user-typed: they are escaped in HTML.

    `benefits` is a computed `Benefits` (its non-zero figures are listed) or ready-made
    (label, value text) pairs. `concerns_answered` holds (question, answer) pairs already
    settled by policy. A request that is not the first, or that cites `evidence_precedent`,
    is written as asking for one more step after a trial.
    """

    employee_name: str
    manager_name: str
    pattern_description: str
    start_date: date
    trial_weeks: int
    review_date: date
    commitments: Commitments | Sequence[str] = ()
    benefits: Benefits | Sequence[tuple[str, str]] | None = None
    own_benefits: Sequence[str] = ()
    concerns_answered: Sequence[tuple[str, str]] = ()
    role: str = ""
    team: str = ""
    policy_version: str = ""
    is_first_request: bool = True
    evidence_precedent: str = ""
    statements: Sequence[str] = ()
    """Sentences the jurisdiction requires a request to contain ("This is a statutory
    request...", "I have not made a previous request"), as written, after the ask."""


@dataclass(frozen=True)
class Letter:
    """The composed letter: a one-line subject, a plain-text body and an HTML body."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class _Bullets:
    title: str
    items: tuple[str, ...]


_Block = str | _Bullets


@dataclass(frozen=True)
class _Tone:
    greeting: str
    ask_first: str
    ask_more: str
    evidence: str
    commitments: str
    benefits: str
    concerns: str
    review: str
    thanks: str
    sign_off: str


# Placeholders: {manager} {pattern} {start} {weeks} {review} {evidence} {policy}.
_TONES = {
    "formal": _Tone(
        greeting="Dear {manager},",
        ask_first=(
            "I am writing to request a trial of working from home {pattern}, for "
            "{weeks} weeks starting on {start}, with a review on {review}."
        ),
        ask_more=(
            "I am writing to request the next step in my home-working arrangement: "
            "working from home {pattern}, as a trial of {weeks} weeks starting on {start}, "
            "with a review on {review}."
        ),
        evidence="The results so far support this. {evidence}",
        commitments="On home days I commit to:",
        benefits="The benefits for the team and the organisation:",
        concerns="Questions already answered by company policy{policy}:",
        review=(
            "I propose that we judge the trial on results rather than presence. If it does "
            "not work for the team, I will return to my current pattern after the review."
        ),
        thanks="Thank you for considering this request.",
        sign_off="Kind regards,",
    ),
    "warm": _Tone(
        greeting="Hi {manager},",
        ask_first=(
            "I'd like to try working from home {pattern}. I suggest a {weeks}-week "
            "trial starting on {start}, and that we look at how it went on {review}."
        ),
        ask_more=(
            "I'd like to take one more step: working from home {pattern}. I suggest a "
            "{weeks}-week trial starting on {start}, and that we look at it again on {review}."
        ),
        evidence="The trial has gone well so far. {evidence}",
        commitments="So that nothing changes for the team, I'll keep to this:",
        benefits="What I think it would bring:",
        concerns="Some practical questions are already answered by our policy{policy}:",
        review=(
            "Let's judge it on results. If it isn't working for the team, we simply go back "
            "to how things are now."
        ),
        thanks="Thanks for thinking about it. I'm happy to talk it through whenever suits you.",
        sign_off="Best wishes,",
    ),
    "concise": _Tone(
        greeting="Dear {manager},",
        ask_first=(
            "I request a {weeks}-week trial of working from home {pattern}, from "
            "{start}, reviewed on {review}."
        ),
        ask_more=(
            "I request one more step: working from home {pattern}, a {weeks}-week "
            "trial from {start}, reviewed on {review}."
        ),
        evidence="Results so far: {evidence}",
        commitments="Commitments:",
        benefits="Benefits:",
        concerns="Answered by policy{policy}:",
        review="Judged on results; if it does not work, I return to my current pattern.",
        thanks="Thank you.",
        sign_off="Regards,",
    ),
}


def compose(inp: LetterInput, tone: str) -> Letter:
    """Compose the request letter in one of `TONES`.

    Raises ValueError for an unknown tone. Empty sections (no commitments, no
    benefits, no concerns) are left out. Line breaks in the subject are replaced by
    spaces so it can go into a mail header.
    """
    if tone not in _TONES:
        raise ValueError(f"unknown tone {tone!r}; choose one of {', '.join(TONES)}")
    blocks = _blocks(inp, _TONES[tone])
    return Letter(_subject(inp, tone), _render_text(blocks), _render_html(blocks))


def format_date(day: date) -> str:
    """ "Monday 5 January 2026", independent of the locale."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _is_follow_up(inp: LetterInput) -> bool:
    return not inp.is_first_request or bool(inp.evidence_precedent)


def _subject(inp: LetterInput, tone: str) -> str:
    pattern, start = inp.pattern_description, format_date(inp.start_date)
    more = _is_follow_up(inp)
    if tone == "warm":
        verb = "take the next step and work" if more else "try working"
        subject = f"Could I {verb} from home {pattern}?"
    elif tone == "concise":
        kind = "Next home-working step" if more else "Home-working trial request"
        subject = f"{kind}: {pattern}, from {start}"
    else:
        kind = "Request for a further home day" if more else "Request to work from home"
        subject = f"{kind}: {pattern}, {inp.trial_weeks}-week trial from {start}"
    return " ".join(subject.split())


def _blocks(inp: LetterInput, tone: _Tone) -> list[_Block]:
    fields = {
        "manager": inp.manager_name,
        "pattern": inp.pattern_description,
        "start": format_date(inp.start_date),
        "review": format_date(inp.review_date),
        "weeks": str(inp.trial_weeks),
        "evidence": inp.evidence_precedent,
        "policy": f" ({inp.policy_version})" if inp.policy_version else "",
    }
    ask = tone.ask_more if _is_follow_up(inp) else tone.ask_first
    blocks: list[_Block] = [_fill(tone.greeting, fields), _fill(ask, fields)]
    if inp.evidence_precedent:
        blocks.append(_fill(tone.evidence, fields))
    blocks.extend(s for s in inp.statements if s)
    sections = (
        (tone.commitments, _commitment_lines(inp.commitments)),
        (tone.benefits, _benefit_lines(inp)),
        (_fill(tone.concerns, fields), _concern_lines(inp.concerns_answered)),
    )
    blocks.extend(_Bullets(title, tuple(items)) for title, items in sections if items)
    blocks += [tone.review, tone.thanks, _signature(inp, tone)]
    return blocks


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(template: str, fields: dict[str, str]) -> str:
    """Replace {name} placeholders in one pass, so braces in user text stay as typed."""
    return _PLACEHOLDER.sub(lambda m: fields[m.group(1)], template)


def _signature(inp: LetterInput, tone: _Tone) -> str:
    """Sign-off, name, and the role and team when given ("Analyst, Claims team")."""
    position = ", ".join(part for part in (inp.role, inp.team) if part)
    return "\n".join(line for line in (tone.sign_off, inp.employee_name, position) if line)


def _commitment_lines(commitments: Commitments | Sequence[str]) -> list[str]:
    if isinstance(commitments, Commitments):
        return commitments.lines()
    return [c for c in commitments if c]


def _benefit_lines(inp: LetterInput) -> list[str]:
    if inp.benefits is None:
        pairs: Sequence[tuple[str, str]] = ()
    elif isinstance(inp.benefits, Benefits):
        pairs = inp.benefits.lines()
    else:
        pairs = inp.benefits
    return [f"{label}: {value}" for label, value in pairs] + [b for b in inp.own_benefits if b]


def _concern_lines(concerns: Sequence[tuple[str, str]]) -> list[str]:
    return [f"{q} {a}" if q.rstrip().endswith("?") else f"{q}: {a}" for q, a in concerns]


def _render_text(blocks: list[_Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, _Bullets):
            parts.append("\n".join([block.title, *(f"- {item}" for item in block.items)]))
        else:
            parts.append(block)
    return "\n\n".join(parts) + "\n"


def _render_html(blocks: list[_Block]) -> str:
    """HTML built only from escaped text and this function's literal tags."""
    parts = []
    for block in blocks:
        if isinstance(block, _Bullets):
            items = "".join(f"<li>{_escape(item)}</li>" for item in block.items)
            parts.append(f"<p>{_escape(block.title)}</p>\n<ul>{items}</ul>")
        else:
            parts.append(f"<p>{_escape(block)}</p>")
    return "\n".join(parts) + "\n"


def _escape(text: str) -> str:
    """Escape everything, then turn line breaks into <br> (added after escaping)."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _duration(minutes: int) -> str:
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return "an hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


def _notice(hours: int) -> str:
    if hours <= 0:
        return "the same day if needed"
    return "with 1 hour's notice" if hours == 1 else f"with {hours} hours' notice"
