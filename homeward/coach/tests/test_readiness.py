"""Table-driven tests of the readiness self-check (pure: no database, no Django)."""

from __future__ import annotations

import pytest

from homeward.coach.readiness import (
    ASK_NOW_MIN,
    DIMENSIONS,
    QUESTIONS,
    RECONSIDER_BELOW,
    ReadinessError,
    score,
)

_BY_KEY = {q.key: q for q in QUESTIONS}


def _answers(default: int = 3, **points: int) -> dict[str, str]:
    """Answers worth `default` points, except the questions named with other points."""
    answers = {}
    for question in QUESTIONS:
        wanted = points.get(question.key, default)
        answers[question.key] = next(c.value for c in question.choices if c.points == wanted)
    return answers


def _dimension(dimension: str, *points: int) -> dict[str, int]:
    """Points for the questions of one dimension, in question order."""
    keys = [q.key for q in QUESTIONS if q.dimension == dimension]
    assert len(keys) == len(points)
    return dict(zip(keys, points, strict=True))


def test_catalogue_is_short_and_covers_every_dimension():
    assert 12 <= len(QUESTIONS) <= 16
    assert len({q.key for q in QUESTIONS}) == len(QUESTIONS)
    dimension_keys = {d.key for d in DIMENSIONS}
    assert dimension_keys == {"standing", "fortitude", "remote_fit", "commitment"}
    for question in QUESTIONS:
        assert question.dimension in dimension_keys
        assert sorted(c.points for c in question.choices) == [0, 1, 2, 3]
        assert len({c.value for c in question.choices}) == len(question.choices)
        assert question.advice_if_low


@pytest.mark.parametrize(
    ("points", "expected_scores"),
    [
        ({}, {"standing": 100, "fortitude": 100, "remote_fit": 100, "commitment": 100}),
        (
            {"default": 0},
            {"standing": 0, "fortitude": 0, "remote_fit": 0, "commitment": 0},
        ),
        # 3 questions x 3 points = 9: 2 + 2 + 2 = 6 -> 66.7 -> 67
        (_dimension("standing", 2, 2, 2), {"standing": 67}),
        # 4 questions x 3 points = 12: 3 + 3 + 0 + 0 = 6 -> 50
        (_dimension("fortitude", 3, 3, 0, 0), {"fortitude": 50}),
        # 5 questions x 3 points = 15: 3 + 3 + 1 + 1 + 1 = 9 -> 60
        (_dimension("commitment", 3, 3, 1, 1, 1), {"commitment": 60}),
        # 1 + 0 + 0 = 1 of 9 -> 11.1 -> 11
        (_dimension("remote_fit", 1, 0, 0), {"remote_fit": 11}),
    ],
)
def test_dimension_scores(points, expected_scores):
    result = score(_answers(**points))
    for dimension, expected in expected_scores.items():
        assert result.scores[dimension] == expected


@pytest.mark.parametrize(
    ("points", "recommendation"),
    [
        ({}, "ask_now"),
        # Commitment exactly at the ask-now threshold (9/15 = 60).
        (_dimension("commitment", 3, 3, 1, 1, 1), "ask_now"),
        # One point less (8/15 = 53): build trust first.
        (_dimension("commitment", 3, 2, 1, 1, 1), "build_trust"),
        # Exactly at the reconsider threshold (6/15 = 40) is not below it.
        (_dimension("commitment", 3, 3, 0, 0, 0), "build_trust"),
        # 5/15 = 33: reconsider.
        (_dimension("commitment", 3, 2, 0, 0, 0), "reconsider"),
        # Standing alone never leads to reconsider, however low.
        (_dimension("standing", 0, 0, 0), "build_trust"),
        (_dimension("remote_fit", 0, 0, 0), "reconsider"),
        (_dimension("fortitude", 1, 1, 1, 1), "reconsider"),
        ({"default": 0}, "reconsider"),
    ],
)
def test_recommendation_thresholds(points, recommendation):
    assert score(_answers(**points)).recommendation == recommendation


def test_thresholds_are_the_documented_ones():
    assert (ASK_NOW_MIN, RECONSIDER_BELOW) == (60, 40)


@pytest.mark.parametrize(
    ("points", "weak_keys"),
    [
        ({}, []),
        ({"workspace": 1}, ["workspace"]),
        ({"workspace": 2}, []),
        ({"time_in_role": 0, "fallback_plan": 1}, ["time_in_role", "fallback_plan"]),
    ],
)
def test_weak_spots_are_answers_worth_less_than_half(points, weak_keys):
    result = score(_answers(**points))
    assert [w.question_key for w in result.weak_spots] == weak_keys
    for weak in result.weak_spots:
        question = _BY_KEY[weak.question_key]
        assert weak.advice == question.advice_if_low
        assert weak.question == question.text
        assert weak.dimension == question.dimension


@pytest.mark.parametrize(
    ("points", "advice_word"),
    [
        ({"time_in_role": 0}, "six months"),
        ({"workspace": 0}, "fixed place"),
        ({"connectivity": 0}, "mobile hotspot"),
        ({"household": 0}, "childcare"),
        ({"response_time": 0}, "30 minutes"),
        ({"video_ready": 0}, "headset"),
    ],
)
def test_weak_spot_advice_is_concrete(points, advice_word):
    (weak,) = score(_answers(**points)).weak_spots
    assert advice_word in weak.advice


def test_build_trust_says_what_to_do_first_standing_first():
    points = {**_dimension("standing", 0, 1, 1), **_dimension("commitment", 3, 2, 1, 1, 1)}
    result = score(_answers(**points))
    assert result.recommendation == "build_trust"
    expected = [
        _BY_KEY["time_in_role"].advice_if_low,
        _BY_KEY["track_record"].advice_if_low,
        _BY_KEY["flexibility_granted"].advice_if_low,
        _BY_KEY["video_ready"].advice_if_low,
        _BY_KEY["fallback_plan"].advice_if_low,
        _BY_KEY["recall"].advice_if_low,
    ]
    assert list(result.first_steps) == expected
    assert "Standing and trust and Readiness to commit" in result.explanation


@pytest.mark.parametrize(
    ("points", "recommendation", "phrase"),
    [
        ({}, "ask_now", "one home day a week"),
        ({"workspace": 1}, "ask_now", "weak spots"),
        (_dimension("standing", 0, 0, 0), "build_trust", "Build trust first"),
        (_dimension("remote_fit", 0, 0, 0), "reconsider", "on site"),
        (_dimension("fortitude", 0, 0, 0, 0), "reconsider", "at home"),
    ],
)
def test_explanations(points, recommendation, phrase):
    result = score(_answers(**points))
    assert result.recommendation == recommendation
    assert phrase in result.explanation


@pytest.mark.parametrize("recommendation_points", [{}, _dimension("remote_fit", 0, 0, 0)])
def test_first_steps_only_for_build_trust(recommendation_points):
    assert score(_answers(**recommendation_points)).first_steps == ()


@pytest.mark.parametrize(
    ("change", "field", "message_word"),
    [
        ({"no_such_question": "yes"}, "no_such_question", "not a question"),
        ({"workspace": "castle"}, "workspace", "choose one"),
        ({"workspace": ""}, "workspace", "answer"),
        ({"workspace": None}, "workspace", "answer"),
    ],
)
def test_invalid_answers_raise_field_errors(change, field, message_word):
    answers = {**_answers(), **change}
    answers = {k: v for k, v in answers.items() if v is not None}
    with pytest.raises(ReadinessError) as caught:
        score(answers)
    assert list(caught.value.errors) == [field]
    assert message_word in caught.value.errors[field].lower()


def test_all_errors_are_reported_at_once():
    with pytest.raises(ReadinessError) as caught:
        score({"bogus": "x", "workspace": "castle"})
    errors = caught.value.errors
    assert errors["bogus"]
    assert errors["workspace"]
    missing = {q.key for q in QUESTIONS} - {"workspace"}
    assert missing <= set(errors)
    assert isinstance(caught.value, ValueError)
