"""Pages: the catalogue, the policy editor, a proposal's concerns and the safety check."""

from __future__ import annotations

import pytest

from homeward.policy import actions
from homeward.policy.models import Concern, PolicyVersion

# --- Catalogue ------------------------------------------------------------------------------


def test_everyone_reads_the_catalogue_by_category(personas):
    response = personas.client(personas.emma).get("/policy/concerns/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Who pays for home internet access?" in body and "<h2>Costs</h2>" in body
    assert "Add a company-specific concern" not in body


def test_hr_adds_retires_and_reinstates_a_concern(personas):
    hr = personas.client(personas.hannah)
    assert "Add a company-specific concern" in hr.get("/policy/concerns/").content.decode()
    response = hr.post(
        "/policy/concerns/add/",
        {"question": "Parking permits?", "category": "Costs", "resolver": "hr", "blocking": "on"},
    )
    assert response.status_code == 302
    concern = Concern.objects.get(key="parking_permits")
    assert hr.post(f"/policy/concerns/{concern.pk}/retire/").status_code == 302
    concern.refresh_from_db()
    assert concern.retired_at is not None
    assert "Retired" in hr.get("/policy/concerns/").content.decode()
    hr.post(f"/policy/concerns/{concern.pk}/reinstate/")
    concern.refresh_from_db()
    assert concern.retired_at is None


def test_a_bad_new_concern_shows_the_reasons(personas):
    response = personas.client(personas.hannah).post(
        "/policy/concerns/add/",
        {"question": "Dup", "category": "Costs", "resolver": "hr", "key": "expenses"},
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


def test_hr_edits_a_concern(personas):
    concern = Concern.objects.get(key="goals_change")
    hr = personas.client(personas.hannah)
    assert hr.get(f"/policy/concerns/{concern.pk}/edit/").status_code == 200
    response = hr.post(
        f"/policy/concerns/{concern.pk}/edit/",
        {"question": concern.question, "category": "Work", "resolver": "manager", "blocking": "on"},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.blocking


@pytest.mark.parametrize(
    "path",
    ["/policy/concerns/{pk}/edit/", "/policy/concerns/{pk}/retire/", "/policy/concerns/add/"],
)
def test_non_hr_cannot_change_the_catalogue(personas, path):
    concern = Concern.objects.get(key="goals_change")
    response = personas.client(personas.marcus).post(
        path.format(pk=concern.pk), {"question": "x", "category": "y", "resolver": "hr"}
    )
    assert response.status_code == 403
    assert "Only HR" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/policy/concerns/add/",
        "/policy/concerns/1/retire/",
        "/policy/concerns/1/reinstate/",
        "/policy/1/draft/",
        "/policy/versions/1/publish/",
        "/policy/items/1/message/",
        "/policy/items/1/resolve/",
        "/policy/items/1/reopen/",
        "/policy/proposals/1/concerns/raise/",
    ],
)
def test_state_changes_refuse_get(personas, path):
    assert personas.client(personas.hannah).get(path).status_code == 405


# --- Policy editor --------------------------------------------------------------------------


def test_hr_creates_a_policy_and_lands_in_its_draft(personas):
    hr = personas.client(personas.hannah)
    assert hr.get("/policy/new/").status_code == 200
    response = hr.post("/policy/new/", {"name": "Company policy", "jurisdiction": ""})
    draft = PolicyVersion.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/policy/versions/{draft.pk}/edit/"
    )


def test_non_hr_gets_403_on_the_editor_and_404_on_drafts(personas, published):
    draft = actions.start_draft(actor=personas.hannah.user, policy=published.policy)
    emma = personas.client(personas.emma)
    assert emma.get("/policy/new/").status_code == 403
    response = emma.get(f"/policy/versions/{draft.pk}/edit/")
    assert response.status_code == 403 and "Only HR can edit policies" in response.content.decode()
    assert emma.post(f"/policy/versions/{draft.pk}/publish/").status_code == 404
    assert emma.post(f"/policy/versions/{published.pk}/publish/").status_code == 403
    assert emma.get(f"/policy/versions/{draft.pk}/").status_code == 404
    # The published version is the company's rules: everyone reads it.
    response = emma.get(f"/policy/versions/{published.pk}/")
    assert response.status_code == 200
    assert "Own broadband, with a £20 monthly stipend." in response.content.decode()
    assert emma.get("/policy/").status_code == 200
    assert emma.get(f"/policy/{published.policy_id}/").status_code == 200


def _editor_data(version, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "min_tenure_days": 0,
        "max_home_days_per_week": 2,
        "default_trial_weeks": 12,
        "cooldown_weeks": 12,
        "hr_approval_above_days": "",
        "recall_notice_hours": 24,
        "recall_override_by": "Head of department",
        "internet_stipend_monthly": "20",
        "phone_stipend_monthly": "0",
        "outage_rule": "manager",
        "summary": "",
    }
    for key, text in (version.answers or {}).items():
        data[f"answer_{key}"] = text
    data.update(overrides)
    return data


def test_the_editor_saves_answers_and_publishes(personas, published):
    draft = actions.start_draft(actor=personas.hannah.user, policy=published.policy)
    hr = personas.client(personas.hannah)
    page = hr.get(f"/policy/versions/{draft.pk}/edit/").content.decode()
    assert "Who pays for home internet access?" in page and "Save and publish" in page
    data = _editor_data(draft, answer_goals_change="No change to goals.", summary="Goals answered.")
    data["excluded_teams"] = [personas.sales.pk]
    data["excluded_roles"] = ["manager"]
    assert hr.post(f"/policy/versions/{draft.pk}/edit/", data).status_code == 302
    draft.refresh_from_db()
    assert draft.answers["goals_change"] == "No change to goals."
    assert list(draft.excluded_teams.all()) == [personas.sales]
    assert draft.excluded_roles == ["manager"]
    page = hr.get(f"/policy/versions/{draft.pk}/edit/").content.decode()
    assert 'value="manager" id="id_excluded_roles_0" checked' in page
    refused = hr.post(
        f"/policy/versions/{draft.pk}/edit/", {**data, "excluded_roles": ["employee"]}
    )
    assert refused.status_code == 400
    draft.refresh_from_db()
    assert draft.excluded_roles == ["manager"]
    response = hr.post(f"/policy/versions/{draft.pk}/edit/", {**data, "publish": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == ("published", "superseded")
    # History and diff pages.
    history = hr.get(f"/policy/{published.policy_id}/").content.decode()
    assert "Superseded" in history and "Changes from v1" in history
    diff = hr.get(f"/policy/versions/{draft.pk}/diff/{published.pk}/").content.decode()
    assert "No change to goals." in diff and "Excluded teams" in diff
    assert "Excluded roles" in diff
    detail = hr.get(f"/policy/versions/{draft.pk}/").content.decode()
    assert "Excluded roles</dt><dd>manager</dd>" in detail


def test_the_editor_refuses_bad_values_with_reasons(personas, published):
    draft = actions.start_draft(actor=personas.hannah.user, policy=published.policy)
    data = _editor_data(
        draft, recall_notice_hours=-4, max_home_days_per_week=6, default_trial_weeks=0
    )
    response = personas.client(personas.hannah).post(f"/policy/versions/{draft.pk}/edit/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "The recall notice cannot be negative." in body
    assert "more home days than working days" in body
    assert "A trial lasts at least one week." in body


def test_editing_a_published_version_redirects_to_it(personas, published):
    response = personas.client(personas.hannah).get(f"/policy/versions/{published.pk}/edit/")
    assert (
        response.status_code == 302 and response["Location"] == f"/policy/versions/{published.pk}/"
    )


# --- A proposal's concerns ------------------------------------------------------------------


# --- Safety check page and home panel -------------------------------------------------------


def test_hr_sees_the_policy_link_in_the_navigation(personas):
    assert ">Policy</a>" in personas.client(personas.hannah).get("/").content.decode()
    assert ">Policy</a>" not in personas.client(personas.emma).get("/").content.decode()


def test_non_hr_cannot_start_or_publish_a_draft(personas, published):
    marcus = personas.client(personas.marcus)
    assert marcus.post(f"/policy/{published.policy_id}/draft/").status_code == 403
    assert not PolicyVersion.objects.filter(status=PolicyVersion.DRAFT).exists()
