"""Policies, versions and the catalogue: who may change them, what is refused, history kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.audit.models import AuditEvent
from homeward.policy import actions
from homeward.policy.diff import diff_versions
from homeward.policy.models import Concern, Policy, PolicyVersion, policy_for
from homeward.policy.tests.conftest import answers, publish_default


def test_hr_creates_a_default_policy_with_a_first_draft(personas):
    policy = actions.create_policy(actor=personas.hannah.user, name="Company policy")
    assert policy.scope == "everyone else (default)"
    [draft] = policy.versions.all()
    assert (draft.number, draft.status) == (1, PolicyVersion.DRAFT)
    assert AuditEvent.objects.filter(action="policy.created", object_id=str(policy.pk)).exists()


@pytest.mark.parametrize("who", ["emma", "marcus", "diana", "oscar"])
def test_only_hr_creates_edits_or_publishes_policy(personas, published, who):
    user = getattr(personas, who).user
    with pytest.raises(PermissionDenied, match="Only HR"):
        actions.create_policy(actor=user, name="Mine")
    with pytest.raises(PermissionDenied, match="Only HR"):
        actions.start_draft(actor=user, policy=published.policy)
    draft = actions.start_draft(actor=personas.hannah.user, policy=published.policy)
    with pytest.raises(PermissionDenied, match="Only HR"):
        actions.update_draft(actor=user, version=draft, values={"recall_notice_hours": 1})
    with pytest.raises(PermissionDenied, match="Only HR"):
        actions.publish_version(actor=user, version=draft)


def test_an_administrator_counts_as_hr(personas):
    policy = actions.create_policy(actor=personas.root, name="Admin's policy")
    version = actions.publish_version(actor=personas.root, version=policy.versions.get())
    assert version.status == PolicyVersion.PUBLISHED and version.published_by is None


def test_publishing_supersedes_the_previous_version(personas, published):
    hr = personas.hannah.user
    v2 = actions.start_draft(actor=hr, policy=published.policy)
    assert v2.number == 2 and v2.answers == published.answers  # copied from v1
    actions.update_draft(actor=hr, version=v2, values={"internet_stipend_monthly": "25"})
    actions.publish_version(actor=hr, version=v2, summary="Stipend up to £25.")
    published.refresh_from_db()
    v2.refresh_from_db()
    assert published.status == PolicyVersion.SUPERSEDED
    assert (v2.status, v2.published_by, v2.summary) == (
        PolicyVersion.PUBLISHED,
        personas.hannah,
        "Stipend up to £25.",
    )
    assert published.policy.published() == v2
    assert policy_for(personas.emma) == v2


def test_a_published_version_never_changes(personas, published):
    with pytest.raises(ValidationError, match="published versions never change"):
        actions.update_draft(
            actor=personas.hannah.user, version=published, values={"recall_notice_hours": 2}
        )
    with pytest.raises(ValidationError, match="already published"):
        actions.publish_version(actor=personas.hannah.user, version=published)


def test_only_one_draft_at_a_time(personas, published):
    actions.start_draft(actor=personas.hannah.user, policy=published.policy)
    with pytest.raises(ValidationError, match="already a draft"):
        actions.start_draft(actor=personas.hannah.user, policy=published.policy)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("recall_notice_hours", -1, "recall notice cannot be negative"),
        ("min_tenure_days", -5, "minimum tenure cannot be negative"),
        ("cooldown_weeks", -1, "cooldown cannot be negative"),
        ("max_home_days_per_week", 6, "more home days than working days"),
        ("max_home_days_per_week", -1, "Between 0 and 5"),
        ("default_trial_weeks", 0, "at least one week"),
        ("hr_approval_above_days", 7, "Between 0 and 5"),
        ("internet_stipend_monthly", "-20", "cannot be negative"),
        ("outage_rule", "panic", "Choose one of"),
        ("recall_notice_hours", "soon", "whole number"),
        ("cooldown_weeks", 521, "too large"),  # a small-integer column on PostgreSQL
        ("default_trial_weeks", 105, "at most two years"),
        ("internet_stipend_monthly", "NaN", "Enter an amount"),
    ],
)
def test_bad_policy_values_are_refused_with_a_reason(personas, field, value, reason):
    policy = actions.create_policy(actor=personas.hannah.user, name="P")
    draft = policy.versions.get()
    with pytest.raises(ValidationError) as exc:
        actions.update_draft(actor=personas.hannah.user, version=draft, values={field: value})
    assert reason in " ".join(exc.value.message_dict[field])
    draft.refresh_from_db()
    assert draft.recall_notice_hours == 24  # nothing saved


def test_an_answer_to_a_retired_or_unknown_concern_is_refused(personas):
    hr = personas.hannah.user
    retired = actions.retire_concern(actor=hr, concern=Concern.objects.get(key="phone_costs"))
    draft = actions.create_policy(actor=hr, name="P").versions.get()
    with pytest.raises(ValidationError) as exc:
        actions.update_draft(
            actor=hr, version=draft, answers={retired.key: "We pay.", "teleport": "No."}
        )
    errors = exc.value.message_dict
    assert "is retired" in errors["answer_phone_costs"][0]
    assert "no concern 'teleport'" in errors["answer_teleport"][0]


def test_patch_merges_answers_and_an_empty_one_removes_it(personas, published):
    hr = personas.hannah.user
    draft = actions.start_draft(actor=hr, policy=published.policy)
    actions.update_draft(
        actor=hr,
        version=draft,
        answers={"goals_change": "No change.", "expenses": ""},
        replace_answers=False,
    )
    draft.refresh_from_db()
    assert draft.answers["goals_change"] == "No change."
    assert "expenses" not in draft.answers
    assert draft.answers["internet_cost"] == published.answers["internet_cost"]


def test_excluded_teams_are_saved_and_copied_to_the_next_draft(personas, published):
    hr = personas.hannah.user
    draft = actions.start_draft(actor=hr, policy=published.policy)
    actions.update_draft(actor=hr, version=draft, excluded_teams=[personas.sales])
    actions.publish_version(actor=hr, version=draft)
    v3 = actions.start_draft(actor=hr, policy=published.policy)
    assert list(v3.excluded_teams.all()) == [personas.sales]


def test_excluded_roles_are_saved_in_order_and_copied_to_the_next_draft(personas, published):
    hr = personas.hannah.user
    draft = actions.start_draft(actor=hr, policy=published.policy)
    actions.update_draft(actor=hr, version=draft, excluded_roles=["hr", "manager", "hr"])
    draft.refresh_from_db()
    assert draft.excluded_roles == ["manager", "hr"]
    assert draft.excluded_role_names() == ["manager", "HR"]
    event = AuditEvent.objects.filter(action="policy.draft_changed", object_id=str(draft.pk))
    assert event.get().after["excluded_roles"] == ["manager", "hr"]
    # None leaves them as they are; an empty list clears them.
    actions.update_draft(actor=hr, version=draft, values={"cooldown_weeks": 8})
    draft.refresh_from_db()
    assert draft.excluded_roles == ["manager", "hr"]
    actions.publish_version(actor=hr, version=draft)
    v3 = actions.start_draft(actor=hr, policy=published.policy)
    assert v3.excluded_roles == ["manager", "hr"]
    actions.update_draft(actor=hr, version=v3, excluded_roles=[])
    v3.refresh_from_db()
    assert v3.excluded_roles == []


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        (["employee"], "excluding it would exclude everyone"),
        (["manager", "employee"], "excluding it would exclude everyone"),
        (["admin"], "cannot exclude the role 'admin'"),
        (["contractor"], "cannot exclude the role 'contractor'"),
        ("manager", "as a list"),
    ],
)
def test_excluding_everyone_or_an_unknown_role_is_refused(personas, published, roles, message):
    hr = personas.hannah.user
    draft = actions.start_draft(actor=hr, policy=published.policy)
    with pytest.raises(ValidationError) as exc:
        actions.update_draft(actor=hr, version=draft, excluded_roles=roles)
    assert message in exc.value.message_dict["excluded_roles"][0]
    draft.refresh_from_db()
    assert draft.excluded_roles == []


def test_a_version_excludes_by_team_then_by_role(personas, published):
    published.excluded_roles = ["manager"]
    assert published.exclusion_for(personas.emma) is None
    assert published.exclusion_for(personas.marcus) == (
        f"The policy ({published.label}) excludes the manager role."
    )
    published.excluded_teams.set([personas.support])
    assert "excludes the Support team" in (published.exclusion_for(personas.marcus) or "")
    published.excluded_roles = ["hr"]
    assert "excludes the HR role" in (published.exclusion_for(personas.hannah) or "")


def test_diff_lists_rules_teams_roles_and_answers_that_changed(personas, published):
    hr = personas.hannah.user
    draft = actions.start_draft(actor=hr, policy=published.policy)
    draft = actions.update_draft(
        actor=hr,
        version=draft,
        values={"internet_stipend_monthly": Decimal("30"), "outage_rule": "make_up"},
        answers=answers(goals_change="Unchanged.", expenses=""),
        excluded_teams=[personas.sales],
        excluded_roles=["hr", "manager"],
    )
    changes = {c.field: c for c in diff_versions(published, draft)}
    assert set(changes) == {
        "internet_stipend_monthly",
        "outage_rule",
        "excluded_teams",
        "excluded_roles",
        "answer:goals_change",
        "answer:expenses",
    }
    assert (changes["internet_stipend_monthly"].old, changes["internet_stipend_monthly"].new) == (
        "0.00",
        "30.00",
    )
    assert changes["outage_rule"].new == "Make up the time"
    assert (changes["excluded_roles"].old, changes["excluded_roles"].new) == ("—", "manager, HR")
    assert changes["answer:expenses"].new == "—"
    assert diff_versions(published, published) == []


def test_names_and_categories_longer_than_their_columns_are_refused(personas):
    hr = personas.hannah.user
    with pytest.raises(ValidationError, match="under 100 characters"):
        actions.create_policy(actor=hr, name="P" * 101)
    with pytest.raises(ValidationError, match="under 40 characters"):
        actions.add_concern(actor=hr, question="Parking?", category="C" * 41)
    concern = Concern.objects.get(key="expenses")
    with pytest.raises(ValidationError, match="under 40 characters"):
        actions.update_concern(actor=hr, concern=concern, category="C" * 41)
    assert not Policy.objects.exists() and Concern.objects.get(key="expenses").category == "Costs"


def test_scope_rules_for_new_policies(personas):
    hr = personas.hannah.user
    with pytest.raises(ValidationError, match="not both"):
        actions.create_policy(actor=hr, name="X", office=personas.london, jurisdiction="GB")
    actions.create_policy(actor=hr, name="London", office=personas.london)
    with pytest.raises(ValidationError, match="already has a policy"):
        actions.create_policy(actor=hr, name="London 2", office=personas.london)
    actions.create_policy(actor=hr, name="Spain", jurisdiction="ES")
    with pytest.raises(ValidationError, match="already has a policy"):
        actions.create_policy(actor=hr, name="Spain 2", jurisdiction="ES")
    with pytest.raises(ValidationError, match="Unknown jurisdiction"):
        actions.create_policy(actor=hr, name="Mars", jurisdiction="MARS")


def test_an_office_policy_applies_before_the_jurisdictions_before_the_default(personas, published):
    hr = personas.hannah.user
    assert policy_for(personas.emma) == published
    gb = actions.create_policy(actor=hr, name="Great Britain", jurisdiction="GB")
    v_gb = actions.publish_version(actor=hr, version=gb.versions.get())
    assert policy_for(personas.emma) == v_gb
    london = actions.create_policy(actor=hr, name="London", office=personas.london)
    v = actions.publish_version(actor=hr, version=london.versions.get())
    assert policy_for(personas.emma) == v
    personas.emma.office = None
    assert policy_for(personas.emma) == v_gb


# --- Catalogue ------------------------------------------------------------------------------


def test_the_standard_catalogue_ships_24_concerns(db):
    assert Concern.objects.filter(standard=True).count() == 24


def test_adding_a_concern_refuses_a_duplicate_key_and_non_hr(personas):
    with pytest.raises(ValidationError, match="already exists"):
        actions.add_concern(
            actor=personas.hannah.user, question="Q?", category="Costs", key="expenses"
        )
    with pytest.raises(ValidationError) as exc:
        actions.add_concern(actor=personas.hannah.user, question="", category="", resolver="boss")
    assert {"question", "category", "resolver"} <= set(exc.value.message_dict)
    with pytest.raises(PermissionDenied):
        actions.add_concern(actor=personas.marcus.user, question="Q?", category="Costs")


def test_publish_default_helper_sets_the_check(personas):
    version = publish_default(personas.hannah, check=True, max_home_days_per_week=3)
    assert version.ergonomics_check_required and version.max_home_days_per_week == 3
