"""The readiness self-check: about fifteen questions over four dimensions.

Pure module: no Django import. `score()` takes the answers as a mapping of
question key -> choice value (what a form posts) and returns a `ReadinessResult`
with a 0-100 score per dimension, the weak spots with concrete advice, and a
recommendation: ask now, build trust first, or reconsider.

Every choice is worth 0 to 3 points. A dimension's score is its points as a share
of the maximum, rounded half up to a whole percentage. An answer worth less than
half the question's maximum (0 or 1 point) is a weak spot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ASK_NOW_MIN = 60
"""Every dimension at or above this score: ask now."""

RECONSIDER_BELOW = 40
"""Any of the `RECONSIDER_DIMENSIONS` below this score: reconsider asking."""

RECONSIDER_DIMENSIONS = ("fortitude", "remote_fit", "commitment")
"""Dimensions whose failure trust cannot fix. Standing is never a reason to reconsider:
it is exactly what building trust improves."""

RECOMMENDATIONS = ("ask_now", "build_trust", "reconsider")


@dataclass(frozen=True)
class Dimension:
    """One of the four dimensions, with advice for when it scores low overall."""

    key: str
    label: str
    advice: str


@dataclass(frozen=True)
class Choice:
    """One answer to a question: `value` is what the form posts, `points` 0-3."""

    value: str
    label: str
    points: int


@dataclass(frozen=True)
class Question:
    """A self-check question; `advice_if_low` is shown when the answer is a weak spot."""

    key: str
    dimension: str
    text: str
    choices: tuple[Choice, ...]
    advice_if_low: str

    @property
    def max_points(self) -> int:
        return max(choice.points for choice in self.choices)

    def choice(self, value: str) -> Choice | None:
        """The choice with this value, or None if there is none."""
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True)
class WeakSpot:
    """A low-scoring answer and what to do about it."""

    question_key: str
    dimension: str
    question: str
    answer: str
    advice: str


@dataclass(frozen=True)
class ReadinessResult:
    """The outcome of the self-check.

    `scores` maps every dimension key to 0-100. `first_steps` is empty unless the
    recommendation is "build_trust"; then it lists what to do first, standing first.
    """

    scores: dict[str, int]
    weak_spots: tuple[WeakSpot, ...]
    recommendation: str
    explanation: str
    first_steps: tuple[str, ...] = ()


class ReadinessError(ValueError):
    """Invalid answers; `errors` maps a question key to a message for that field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(f"invalid answers: {sorted(errors)}")
        self.errors = errors


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "standing",
        "Standing and trust",
        "Deliver visible results and ask your manager for feedback before you ask.",
    ),
    Dimension(
        "fortitude",
        "Fortitude",
        "Sort out your workspace, connection and household arrangements before you ask.",
    ),
    Dimension(
        "remote_fit",
        "Remote fit of the job",
        "Find the tasks you can do away from the office and group them on one day.",
    ),
    Dimension(
        "commitment",
        "Readiness to commit",
        "Decide which hours, response times and fallback plan you can promise.",
    ),
)

_DIMENSION_LABELS = {d.key: d.label for d in DIMENSIONS}


def _choices(*items: tuple[str, str]) -> tuple[Choice, ...]:
    """Choices from worst to best, worth 0, 1, 2, 3... points in that order."""
    return tuple(Choice(value, label, points) for points, (value, label) in enumerate(items))


QUESTIONS: tuple[Question, ...] = (
    # Standing and trust
    Question(
        "time_in_role",
        "standing",
        "How long have you been in your current role?",
        _choices(
            ("under_6_months", "Less than 6 months"),
            ("6_to_12_months", "6 to 12 months"),
            ("1_to_3_years", "1 to 3 years"),
            ("over_3_years", "More than 3 years"),
        ),
        "Managers want to see you settled first. Deliver two or three visible results "
        "and ask once you have been in the role for at least six months.",
    ),
    Question(
        "track_record",
        "standing",
        "How would your manager describe your recent results?",
        _choices(
            ("concerns", "There have been concerns about my performance"),
            ("unsure", "Mixed, or I do not know"),
            ("solid", "Solid: I meet expectations"),
            ("strong", "Strong: I am often relied on"),
        ),
        "Ask your manager for feedback at your next one-to-one, agree one or two "
        "measurable goals, and meet them before you ask.",
    ),
    Question(
        "flexibility_granted",
        "standing",
        "Have you already been given flexibility (flexible hours, an occasional home day)?",
        _choices(
            ("refused", "It was refused or withdrawn"),
            ("never_asked", "I have never asked"),
            ("occasionally", "Occasionally, and it went well"),
            ("regularly", "Regularly, and it went well"),
        ),
        "Ask for a single home day for a focused task (a report, a migration), deliver "
        "it, and tell your manager what you got done: a good experience is your best argument.",
    ),
    # Fortitude
    Question(
        "self_discipline",
        "fortitude",
        "When nobody is watching, how well do you keep to your plan for the day?",
        _choices(
            ("struggle", "I struggle without people around"),
            ("depends", "It depends on the day"),
            ("well", "Well"),
            ("very_well", "I plan my day and keep to it"),
        ),
        "Write a plan with three outcomes every morning and check it every evening; "
        "practise for two weeks in the office before you ask.",
    ),
    Question(
        "workspace",
        "fortitude",
        "Where would you work at home?",
        _choices(
            ("none", "No fixed place (sofa, a shared kitchen table)"),
            ("shared_room", "A shared room with interruptions"),
            ("quiet_corner", "A quiet corner I can use in working hours"),
            ("own_room", "A separate room with a door"),
        ),
        "Set up a fixed place to work, with a proper chair, a screen and a door or a "
        "quiet corner, before you ask; the ergonomics self-check will ask about it.",
    ),
    Question(
        "connectivity",
        "fortitude",
        "How good is your home internet for video calls and company systems?",
        _choices(
            ("poor", "Unreliable or slow"),
            ("patchy", "Usually fine, but calls sometimes drop"),
            ("good", "Reliable for video calls"),
            ("excellent", "Reliable, with a fallback such as a mobile hotspot"),
        ),
        "Test your connection with a video call at the hours you would work; upgrade "
        "it, and arrange a mobile hotspot as a fallback, before you ask.",
    ),
    Question(
        "household",
        "fortitude",
        "During working hours, how often would others at home need you?",
        _choices(
            ("often", "Often: I would be the main carer during the day"),
            ("sometimes", "Sometimes"),
            ("rarely", "Rarely"),
            ("never", "Never, or I am alone at home"),
        ),
        "Agree with your household when you are working and not available, and arrange "
        "care for working hours: a home day is not a replacement for childcare.",
    ),
    # Remote fit of the job
    Question(
        "tasks_presence",
        "remote_fit",
        "What share of your tasks need you physically present (equipment, customers, paper)?",
        _choices(
            ("most", "More than half"),
            ("some", "A quarter to a half"),
            ("few", "Less than a quarter"),
            ("none", "Almost none"),
        ),
        "List your tasks for a typical week and mark those that need the office; "
        "propose the weekday with the fewest of them, or move them to office days.",
    ),
    Question(
        "collaboration",
        "remote_fit",
        "How much of your work depends on unplanned face-to-face contact with colleagues?",
        _choices(
            ("constant", "Most of the day"),
            ("daily", "Several times a day"),
            ("weekly", "A few times a week, and it can be planned"),
            ("little", "Very little"),
        ),
        "Plan meetings and joint work for office days and propose home days for "
        "focused, individual work.",
    ),
    Question(
        "measurable_output",
        "remote_fit",
        "Can your results be measured without seeing you work (tickets, documents, sales)?",
        _choices(
            ("hardly", "Hardly"),
            ("partly", "Partly"),
            ("mostly", "Mostly"),
            ("fully", "Fully"),
        ),
        "Agree two or three measurable weekly results with your manager, so the trial "
        "is judged on results rather than presence.",
    ),
    # Readiness to commit
    Question(
        "office_hours",
        "commitment",
        "Will you keep the team's core hours on home days?",
        _choices(
            ("no", "No, I want to choose my hours freely"),
            ("mostly", "Mostly"),
            ("yes", "Yes"),
            ("yes_published", "Yes, and I will show my availability in the team calendar"),
        ),
        "Commit to the team's core hours on home days; more flexibility is easier to "
        "win after a successful trial.",
    ),
    Question(
        "response_time",
        "commitment",
        "How quickly will you answer messages and calls during core hours?",
        _choices(
            ("hours", "Within a few hours"),
            ("hour", "Within an hour"),
            ("half_hour", "Within 30 minutes"),
            ("quarter_hour", "Within 15 minutes"),
        ),
        "Promise to respond as quickly as in the office (for example within 30 minutes "
        "in core hours) and keep your chat status up to date.",
    ),
    Question(
        "video_ready",
        "commitment",
        "Will you be on camera and presentable for video calls?",
        _choices(
            ("camera_off", "I would rather keep the camera off"),
            ("sometimes", "Sometimes"),
            ("yes", "Yes"),
            ("yes_equipped", "Yes, with a headset, good light and a tidy background"),
        ),
        "Get a headset, set up a neutral background and good light, and agree to "
        "cameras on for team meetings.",
    ),
    Question(
        "fallback_plan",
        "commitment",
        "If your internet or power fails on a home day, what will you do?",
        _choices(
            ("unplanned", "I have not thought about it"),
            ("wait", "Wait until it works again"),
            ("hotspot", "Switch to a mobile hotspot"),
            ("hotspot_then_office", "Hotspot, and come in if it lasts more than an hour"),
        ),
        "Write down a fallback plan: switch to a mobile hotspot, tell your manager, and "
        "come in (or follow the policy) if the outage lasts more than an hour.",
    ),
    Question(
        "recall",
        "commitment",
        "Will you come into the office at short notice when called in (peaks, crises)?",
        _choices(
            ("rather_not", "I would rather not"),
            ("week", "With a week's notice"),
            ("day", "With a day's notice"),
            ("same_day", "The same day if needed"),
        ),
        "Say you will come in when called, with the notice the policy sets: it answers "
        "a manager's first worry.",
    ),
)

_QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}


def score(answers: Mapping[str, str]) -> ReadinessResult:
    """Score a complete set of answers.

    Raises `ReadinessError` listing every problem at its field: an unknown question
    key, a value that is not one of the question's choices, or an unanswered question
    (a missing key or an empty value). Nothing is scored until all are fixed.
    """
    chosen = _validate(answers)
    scores = {d.key: _dimension_score(d.key, chosen) for d in DIMENSIONS}
    weak_spots = tuple(_weak_spot(q, chosen[q.key]) for q in QUESTIONS if _is_low(q, chosen))
    recommendation, explanation = _recommend(scores, bool(weak_spots))
    first_steps = _first_steps(scores, weak_spots) if recommendation == "build_trust" else ()
    return ReadinessResult(scores, weak_spots, recommendation, explanation, first_steps)


def _validate(answers: Mapping[str, str]) -> dict[str, Choice]:
    errors: dict[str, str] = {}
    chosen: dict[str, Choice] = {}
    for key in answers:
        if key not in _QUESTIONS_BY_KEY:
            errors[key] = "This is not a question of the readiness check."
    for question in QUESTIONS:
        value = answers.get(question.key)
        choice = question.choice(value) if value else None
        if not value:
            errors[question.key] = "Please answer this question."
        elif choice is None:
            errors[question.key] = "Please choose one of the answers offered."
        else:
            chosen[question.key] = choice
    if errors:
        raise ReadinessError(errors)
    return chosen


def _dimension_score(dimension: str, chosen: Mapping[str, Choice]) -> int:
    questions = [q for q in QUESTIONS if q.dimension == dimension]
    points = sum(chosen[q.key].points for q in questions)
    maximum = sum(q.max_points for q in questions)
    # Integer arithmetic: round half up without float surprises.
    return (200 * points + maximum) // (2 * maximum)


def _is_low(question: Question, chosen: Mapping[str, Choice]) -> bool:
    return 2 * chosen[question.key].points < question.max_points


def _weak_spot(question: Question, choice: Choice) -> WeakSpot:
    return WeakSpot(
        question.key, question.dimension, question.text, choice.label, question.advice_if_low
    )


def _labels(keys: list[str]) -> str:
    labels = [_DIMENSION_LABELS[k] for k in keys]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


_RECONSIDER_REASONS = {
    "fortitude": "Your situation at home would make working there hard right now.",
    "remote_fit": "Much of your job needs you on site as it stands.",
    "commitment": (
        "Managers expect core hours, quick responses and a fallback plan; "
        "without them a request is unlikely to succeed."
    ),
}


def _recommend(scores: Mapping[str, int], has_weak_spots: bool) -> tuple[str, str]:
    failing = [k for k in RECONSIDER_DIMENSIONS if scores[k] < RECONSIDER_BELOW]
    if failing:
        reasons = " ".join(_RECONSIDER_REASONS[k] for k in failing)
        return "reconsider", (
            f"{_labels(failing)} scored below {RECONSIDER_BELOW}. {reasons} Reconsider "
            "asking now: the advice below says what would have to change first. Shorter "
            "office days may be an alternative to a full home day."
        )
    low = [d.key for d in DIMENSIONS if scores[d.key] < ASK_NOW_MIN]
    if low:
        return "build_trust", (
            f"{_labels(low)} scored below {ASK_NOW_MIN}. Build trust first: do the steps "
            "listed for a month or two, then ask for one home day a week as a trial."
        )
    extra = " Answer the weak spots below in your proposal." if has_weak_spots else ""
    return "ask_now", (
        f"Every dimension scored {ASK_NOW_MIN} or more: you are ready to ask. "
        f"Start with one home day a week as a trial.{extra}"
    )


def _first_steps(scores: Mapping[str, int], weak_spots: tuple[WeakSpot, ...]) -> tuple[str, ...]:
    """Advice for the low dimensions, in dimension order (standing first).

    A low dimension without a single low answer falls back to the dimension's general
    advice. With today's 0-3 scale that cannot happen (all answers worth 2 or more
    score at least 67), but it keeps the function total if the questions change.
    """
    steps: list[str] = []
    for dimension in DIMENSIONS:
        if scores[dimension.key] >= ASK_NOW_MIN:
            continue
        advice = [w.advice for w in weak_spots if w.dimension == dimension.key]
        steps.extend(advice or [dimension.advice])
    return tuple(steps)
