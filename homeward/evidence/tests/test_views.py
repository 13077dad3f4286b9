"""The evidence pages: happy paths, wrong methods, outsiders, htmx fragments, the PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from homeward.arrangements.models import Arrangement
from homeward.audit.models import AuditEvent
from homeward.evidence.actions import set_criteria
from homeward.evidence.models import EvidenceReport, Metric, ResultEntry
from homeward.evidence.reports import BASELINE_WEEKS
from homeward.evidence.tests.conftest import fill, make_trial
from tests.today import today

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def judged(personas, trial, tickets):
    set_criteria(
        arrangement=trial,
        criteria=[{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5}],
        actor=personas.marcus.user,
    )
    fill(
        personas.emma, tickets, since=trial.start_date - timedelta(weeks=BASELINE_WEEKS), effect=3.0
    )
    return trial


@pytest.mark.parametrize(
    "url",
    [
        "/evidence/",
        "/evidence/metrics/",
        "/evidence/results/",
        "/evidence/results/import/",
        "/evidence/team/",
        "/evidence/group/",
        "/evidence/well/",
    ],
)
def test_pages_open(personas, tickets, url):
    assert personas.client(personas.marcus).get(url).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["trials/{pk}/criteria/", "trials/{pk}/review/", "metrics/{metric}/archive/"],
)
def test_changes_need_post(personas, trial, tickets, path):
    url = "/evidence/" + path.format(pk=trial.pk, metric=tickets.pk)
    assert personas.client(personas.marcus).get(url).status_code == 405


def test_trial_page_shows_estimates_charts_and_verdicts(personas, judged):
    page = personas.client(personas.marcus).get(f"/evidence/trials/{judged.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tickets resolved" in html and "95% interval" in html
    assert html.count("<svg") == 3 and 'id="overall">pass' in html
    assert "Your decision" in html


def test_the_employee_sees_their_trial_but_cannot_decide_it(personas, judged):
    client = personas.client(personas.emma)
    html = client.get(f"/evidence/trials/{judged.pk}/").content.decode()
    assert "Tickets resolved" in html and "Your decision" not in html
    response = client.post(f"/evidence/trials/{judged.pk}/review/", {"decision": "confirm"})
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["pete", "olivia", "oscar"])
def test_outsiders_get_404(personas, judged, tickets, who):
    client = personas.client(getattr(personas, who))
    assert client.get(f"/evidence/trials/{judged.pk}/").status_code == 404
    assert client.get(f"/evidence/trials/{judged.pk}/report.pdf").status_code == 404
    assert (
        client.post(f"/evidence/trials/{judged.pk}/review/", {"decision": "end"}).status_code == 404
    )
    assert client.get(f"/evidence/results/?person={personas.emma.pk}").status_code == 404
    assert client.post(f"/evidence/metrics/{tickets.pk}/archive/").status_code == 404


def test_confirming_makes_it_standing_and_keeps_the_figures(personas, judged):
    response = personas.client(personas.marcus).post(
        f"/evidence/trials/{judged.pk}/review/", {"decision": "confirm", "note": "Well done."}
    )
    assert response.status_code == 302
    judged.refresh_from_db()
    assert judged.status == "standing" and judged.confirmed_on == today()
    saved = EvidenceReport.objects.get()
    assert saved.decision == "confirm" and saved.overall == "pass"
    assert saved.figures["findings"][0]["estimate"]["n_home"] > 0
    assert AuditEvent.objects.filter(action="evidence.reviewed").exists()
    assert AuditEvent.objects.filter(action="arrangement.standing").exists()
    assert personas.emma.notifications.filter(subject__contains="reviewed").exists()
    page = personas.client(personas.emma).get(f"/evidence/reports/{saved.pk}/")
    assert page.status_code == 200 and b"Well done." in page.content
    assert personas.client(personas.oscar).get(f"/evidence/reports/{saved.pk}/").status_code == 404


def test_extending_needs_a_new_review_date(personas, judged):
    client = personas.client(personas.marcus)
    response = client.post(f"/evidence/trials/{judged.pk}/review/", {"decision": "extend"})
    assert response.status_code == 400 and b"needs a new review date" in response.content
    later = (today() + timedelta(weeks=6)).isoformat()
    client.post(
        f"/evidence/trials/{judged.pk}/review/", {"decision": "extend", "review_date": later}
    )
    judged.refresh_from_db()
    assert judged.status == "extended" and judged.review_date.isoformat() == later


def test_adjusting_starts_a_new_trial_with_the_new_pattern(personas, judged):
    response = personas.client(personas.marcus).post(
        f"/evidence/trials/{judged.pk}/review/",
        {"decision": "adjust", "kind": "weekdays", "weekdays": ["4"]},
    )
    judged.refresh_from_db()
    successor = Arrangement.objects.exclude(pk=judged.pk).get()
    assert response.status_code == 302 and response.url == f"/evidence/trials/{successor.pk}/"
    assert judged.status == "ended" and successor.status == "trial" and successor.weekdays == [4]
    assert successor.proposal.previous == judged.proposal
    assert successor.success_criteria.count() == 1
    assert EvidenceReport.objects.get().successor == successor


def test_ending(personas, judged):
    personas.client(personas.hannah).post(
        f"/evidence/trials/{judged.pk}/review/", {"decision": "end"}
    )
    judged.refresh_from_db()
    assert judged.status == "ended"
    again = personas.client(personas.marcus).post(
        f"/evidence/trials/{judged.pk}/review/", {"decision": "end"}
    )
    assert again.status_code == 400


def test_pdf_report_carries_the_figures_verdicts_and_svg_charts(personas, judged, monkeypatch):
    from homeward.evidence import views

    rendered: list[str] = []

    def keep(html, request=None):  # type: ignore[no-untyped-def]
        rendered.append(html)
        return real(html, request)

    real = views.render_pdf
    monkeypatch.setattr(views, "render_pdf", keep)
    response = personas.client(personas.emma).get(f"/evidence/trials/{judged.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    (html,) = rendered
    assert html.count("<svg") == 3 and "95% interval" in html and "pass" in html


def test_criteria_form_with_htmx_returns_the_fragment(personas, trial, tickets):
    client = personas.client(personas.marcus)
    data = {"metric-0": str(tickets.pk), "rule-0": "no_worse_than_pct", "threshold-0": "5"}
    response = client.post(f"/evidence/trials/{trial.pk}/criteria/", data, **HX)
    assert response.status_code == 200 and b"<html" not in response.content
    assert b"by more than 5%" in response.content
    bad = client.post(
        f"/evidence/trials/{trial.pk}/criteria/", {**data, "threshold-0": "500"}, **HX
    )
    assert bad.status_code == 400 and b"between 0 and 100" in bad.content
    assert trial.success_criteria.get().threshold == 5


def test_metrics_page_defines_a_metric(personas):
    client = personas.client(personas.marcus)
    page = client.get("/evidence/metrics/")
    assert b"Team: Support" in page.content and b"Team: Sales" not in page.content
    response = client.post(
        "/evidence/metrics/",
        {
            "name": "Calls handled",
            "unit": "calls",
            "higher_is_better": "on",
            "frequency": "daily",
            "scope": f"team:{personas.support.pk}",
        },
    )
    assert response.status_code == 302
    assert Metric.objects.get().team == personas.support
    refused = client.post(
        "/evidence/metrics/",
        {"name": "Sales", "unit": "£", "frequency": "daily", "scope": f"team:{personas.sales.pk}"},
    )
    assert refused.status_code == 400 and Metric.objects.count() == 1


def test_employees_cannot_define_metrics(personas):
    assert (
        personas.client(personas.emma).post("/evidence/metrics/", {"name": "x"}).status_code == 403
    )


def test_weekly_grid_saves_and_clears(personas, trial, tickets):
    client = personas.client(personas.emma)
    monday = today() - timedelta(days=today().weekday() + 7)
    tuesday = monday + timedelta(days=1)
    url = f"/evidence/results/?week={monday.isoformat()}"
    page = client.get(url)
    assert (
        page.status_code == 200
        and f'name="v-{tickets.pk}-{monday.isoformat()}"'.encode() in page.content
    )
    data = {
        "week": monday.isoformat(),
        f"v-{tickets.pk}-{monday.isoformat()}": "21",
        f"v-{tickets.pk}-{tuesday.isoformat()}": "19",
        f"t-{tuesday.isoformat()}": "leave",
    }
    assert client.post("/evidence/results/", data).status_code == 302
    assert ResultEntry.objects.get(date=tuesday).day_type == "leave"
    assert ResultEntry.objects.get(date=monday).source == "manual"
    data.pop(f"v-{tickets.pk}-{monday.isoformat()}")
    client.post("/evidence/results/", data)
    assert list(ResultEntry.objects.values_list("date", flat=True)) == [tuesday]
    bad = client.post(
        "/evidence/results/", {**data, f"v-{tickets.pk}-{tuesday.isoformat()}": "lots"}
    )
    assert bad.status_code == 400 and b"is not a number" in bad.content


def test_grid_htmx_returns_the_fragment(personas, tickets):
    response = personas.client(personas.marcus).get(
        f"/evidence/results/?person={personas.emma.pk}", **HX
    )
    assert (
        response.status_code == 200
        and b"<html" not in response.content
        and b"Tickets resolved" in response.content
    )


def test_import_page_reports_line_numbers_and_imports_nothing(personas, tickets):
    client = personas.client(personas.emma)
    bad = SimpleUploadedFile(
        "r.csv", b"email,metric,date,value\nemma@example.test,Tickets resolved,2025-11-03,x\n"
    )
    response = client.post("/evidence/results/import/", {"file": bad})
    assert response.status_code == 400 and b"Nothing was imported" in response.content
    assert b"<td>2</td>" in response.content
    good = SimpleUploadedFile(
        "r.csv", b"email,metric,date,value\nemma@example.test,Tickets resolved,2025-11-03,20\n"
    )
    assert client.post("/evidence/results/import/", {"file": good}).status_code == 302
    assert ResultEntry.objects.count() == 1


def test_team_view_lists_trials_with_verdicts(personas, judged):
    page = personas.client(personas.marcus).get("/evidence/team/")
    html = page.content.decode()
    assert "Emma" in html and "Criteria met" in html and "better at home" in html
    assert "Emma" not in personas.client(personas.olivia).get("/evidence/team/").content.decode()
    fragment = personas.client(personas.hannah).get(
        f"/evidence/team/?team={personas.support.pk}", **HX
    )
    assert b"<html" not in fragment.content and b"Emma" in fragment.content


def test_group_page_estimates_for_a_team_or_chosen_people(personas, judged, tickets):
    client = personas.client(personas.diana)
    few = client.get(f"/evidence/group/?metric={tickets.pk}")
    assert few.status_code == 200 and b"needs at least 3" in few.content
    for person, weekdays in ((personas.pete, [4]), (personas.marcus, [0])):
        t = make_trial(personas, person, weekdays=weekdays)
        fill(
            person,
            tickets,
            since=t.start_date - timedelta(weeks=BASELINE_WEEKS),
            effect=3.0,
            seed=person.pk,
        )
    page = client.get(f"/evidence/group/?metric={tickets.pk}&team={personas.support.pk}")
    assert b"95% interval" in page.content and b"from 3 people" in page.content
    assert page.content.count(b"<svg") == 2
    chosen = client.get(
        f"/evidence/group/?metric={tickets.pk}&people={personas.emma.pk}&people={personas.pete.pk}"
    )
    assert b"needs at least 3" in chosen.content


def test_well_page_explains_why_not_yet(personas, trial):
    page = personas.client(personas.emma).get("/evidence/well/")
    assert page.status_code == 200 and b"no confirmed arrangement" in page.content


def test_home_panel_shows_the_trial(personas, judged):
    assert b"Trials and evidence" in personas.client(personas.emma).get("/").content
    assert b"1 trial on your team" in personas.client(personas.marcus).get("/").content


def test_well_page_makes_the_draft(personas, tickets):
    from homeward.evidence.tests.test_well import standing

    standing(personas, tickets)
    client = personas.client(personas.emma)
    page = client.get("/evidence/well/")
    assert b"You can ask for one more day" in page.content and b"95% interval" in page.content
    start = (today() + timedelta(weeks=3)).isoformat()
    big = client.post(
        "/evidence/well/", {"kind": "weekdays", "weekdays": ["0", "2", "4"], "start_date": start}
    )
    assert big.status_code == 400 and b"More than one step at once" in big.content
    made = client.post(
        "/evidence/well/", {"kind": "weekdays", "weekdays": ["2", "4"], "start_date": start}
    )
    assert made.status_code == 302, made.content.decode()[-3000:]
    page = client.get(made.url)
    assert b"Your draft request" in page.content and b"95% interval" in page.content


def test_group_page_lists_the_chosen_and_a_few_matches_never_everyone(personas, tickets):
    from conftest import make_person

    for i in range(30):
        make_person(f"Extra{i:02d}", team=personas.sales, office=personas.london)
    hr = personas.client(personas.hannah)
    page = hr.get(f"/evidence/group/?metric={tickets.pk}&people={personas.emma.pk}")
    html = page.content.decode()
    assert page.status_code == 200 and "Extra00" not in html
    assert f'value="{personas.emma.pk}" checked' in html
    found = hr.get("/evidence/group/people/?q=extra", **HX).content.decode()
    assert found.count('name="people"') == 20 and "type more of the name" in found
    assert "Extra00" in found and "Extra29" not in found
    # A manager's search stays inside their line, and the chosen are not offered twice.
    marcus = personas.client(personas.marcus)
    mine = marcus.get(f"/evidence/group/people/?q=e&people={personas.emma.pk}", **HX)
    assert b"Pete" in mine.content and b"Extra" not in mine.content
    assert f'value="{personas.emma.pk}"'.encode() not in mine.content
    assert b"Nobody you may see" in marcus.get("/evidence/group/people/?q=Oscar", **HX).content
