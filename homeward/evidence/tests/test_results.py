"""Results in: CSV import all or nothing with line numbers, idempotent, and access rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from homeward.audit.models import AuditEvent
from homeward.evidence.actions import create_metric, import_csv
from homeward.evidence.models import ResultEntry
from homeward.evidence.tests.conftest import make_trial
from tests.today import today

# A Monday and the days after it, safely in the past.
MON = date(2025, 11, 3)
TUE, WED, THU, FRI = (MON + timedelta(days=i) for i in range(1, 5))


def csv(*rows: str, header: str = "email,metric,date,value") -> str:
    return "\n".join([header, *rows]) + "\n"


@pytest.fixture
def emma_trial(personas):
    return make_trial(personas, start=date(2025, 10, 6), review=date(2026, 1, 5), weekdays=[2])


def test_import_classifies_days_and_counts(personas, tickets, emma_trial):
    text = csv(
        f"emma@example.test,Tickets resolved,{TUE.isoformat()},21",
        f"emma@example.test,Tickets resolved,{WED.isoformat()},25",
        f"emma@example.test,{tickets.pk},{THU.isoformat()},19.5",
    )
    outcome = import_csv(text, actor=personas.emma.user, today=date(2025, 12, 1))
    assert outcome.ok and (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    by_day = {e.date: e for e in ResultEntry.objects.all()}
    assert by_day[WED].day_type == "home" and by_day[WED].home_share == 1.0
    assert by_day[TUE].day_type == "office" and by_day[TUE].home_share == 0.0
    assert by_day[THU].value == 19.5 and by_day[THU].source == "csv"
    event = AuditEvent.objects.get(action="evidence.results_saved")
    assert event.after["created"] == 3 and event.after["from"] == TUE.isoformat()


def test_reimport_is_idempotent_and_updates_changed_values(personas, tickets):
    rows = [
        f"emma@example.test,Tickets resolved,{d.isoformat()},{20 + i}"
        for i, d in enumerate((MON, TUE, WED))
    ]
    first = import_csv(csv(*rows), actor=personas.emma.user)
    again = import_csv(csv(*rows), actor=personas.emma.user)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    rows[1] = f"emma@example.test,Tickets resolved,{TUE.isoformat()},99"
    changed = import_csv(csv(*rows), actor=personas.emma.user)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert first.created == 3 and ResultEntry.objects.count() == 3
    assert ResultEntry.objects.get(date=TUE).value == 99
    assert AuditEvent.objects.filter(action="evidence.results_saved").count() == 2


def test_one_bad_row_imports_nothing_and_every_problem_has_its_line(personas, tickets, weekly):
    text = csv(
        f"emma@example.test,Tickets resolved,{MON.isoformat()},20,",
        f"emma@example.test,Tickets resolved,{TUE.isoformat()},twenty,",
        "emma@example.test,Tickets resolved,03/11/2025,20,",
        f"emma@example.test,Nonsense,{WED.isoformat()},20,",
        f"emma@example.test,Story points,{WED.isoformat()},8,",
        f"emma@example.test,Tickets resolved,{MON.isoformat()},21,",
        f"emma@example.test,Tickets resolved,{THU.isoformat()},20,beach",
        f"emma@example.test,Tickets resolved,{(today() + timedelta(days=3)).isoformat()},20,",
        f"emma@example.test,Tickets resolved,{FRI.isoformat()},inf,",
        header="email,metric,date,value,day_type",
    )
    outcome = import_csv(text, actor=personas.emma.user)
    assert not outcome.ok and not ResultEntry.objects.exists()
    problems = dict(outcome.errors)
    assert "'twenty' is not a number" in problems[3]
    assert "is not a date" in problems[4]
    assert "metric 'Nonsense' does not measure Emma" in problems[5]
    assert "weekly: date must be the Monday" in problems[6]
    assert "on line 2" in problems[7]
    assert "day_type 'beach'" in problems[8]
    assert "in the future" in problems[9]
    assert "finite" in problems[10]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name,metric,date,value\n", "the header must be"),
        ("email,metric,date,value\n", "no results"),
        ("email,metric,date,value\nemma@example.test,x,2025-11-03,1,extra\n", "more columns"),
    ],
)
def test_bad_files(personas, tickets, text, problem):
    outcome = import_csv(text, actor=personas.emma.user)
    assert problem in outcome.errors[0][1]


def test_people_enter_their_own_and_managers_their_peoples(personas, tickets):
    def row(value: int) -> str:
        return csv(f"emma@example.test,Tickets resolved,{MON.isoformat()},{value}")

    assert import_csv(row(20), actor=personas.emma.user).ok
    assert import_csv(row(21), actor=personas.marcus.user).ok
    assert import_csv(row(22), actor=personas.diana.user).ok
    assert import_csv(row(23), actor=personas.hannah.user).ok
    for outsider in ("pete", "olivia", "oscar"):
        outcome = import_csv(row(99), actor=getattr(personas, outsider).user)
        assert "nobody you may enter results for" in outcome.errors[0][1]
    assert ResultEntry.objects.get().value == 23


def test_nobody_learns_who_exists_from_the_errors(personas, tickets):
    unknown = import_csv(
        csv(f"ghost@example.test,Tickets resolved,{MON},1"), actor=personas.oscar.user
    )
    hidden = import_csv(
        csv(f"emma@example.test,Tickets resolved,{MON},1"), actor=personas.oscar.user
    )
    assert unknown.errors[0][1].replace("ghost", "X") == hidden.errors[0][1].replace("emma", "X")


def test_stated_day_types_win_and_leave_is_left_out(personas, tickets, emma_trial):
    text = csv(
        f"emma@example.test,Tickets resolved,{WED.isoformat()},20,office",
        f"emma@example.test,Tickets resolved,{THU.isoformat()},0,leave",
        f"emma@example.test,Tickets resolved,{FRI.isoformat()},20,",
        header="email,metric,date,value,day_type",
    )
    assert import_csv(text, actor=personas.emma.user).ok
    by_day = {e.date: e for e in ResultEntry.objects.all()}
    assert (by_day[WED].day_type, by_day[WED].stated) == ("office", True)
    assert (by_day[THU].day_type, by_day[THU].home_share) == ("leave", None)
    assert (by_day[FRI].day_type, by_day[FRI].stated) == ("office", False)


def test_weekly_results_carry_the_share_of_home_days(personas, weekly, emma_trial):
    assert import_csv(
        csv(f"emma@example.test,Story points,{MON.isoformat()},13"), actor=personas.emma.user
    ).ok
    entry = ResultEntry.objects.get()
    assert entry.home_share == pytest.approx(0.2) and entry.day_type == "office"


def test_a_persons_own_metric_wins_over_the_teams_of_the_same_name(personas, tickets):
    own = create_metric(
        actor=personas.marcus.user, name="Tickets resolved", unit="tickets", person=personas.emma
    )
    assert import_csv(
        csv(f"emma@example.test,tickets resolved,{MON},5"), actor=personas.emma.user
    ).ok
    assert ResultEntry.objects.get().metric == own
