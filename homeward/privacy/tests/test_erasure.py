"""HR erases a person's personal data, keeping what their rule pack requires until its
retention ends; audited; the audit chain still verifies; lower roles never act on higher."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from homeward.accounts.models import ApiToken
from homeward.audit.actions import verify_chain
from homeward.audit.models import AuditEvent
from homeward.backups.archive import backed_up_models
from homeward.demo import DEMO_LOGINS, build_demo
from homeward.jobs import run_due_jobs
from homeward.notify.models import Notification
from homeward.people.actions import set_active
from homeward.people.models import Person
from homeward.policy.rules import add_months
from homeward.privacy.actions import erase_person, preview
from homeward.privacy.models import Erasure
from homeward.privacy.tests.conftest import DRAFT_SECRET, SECRET
from homeward.proposals.models import Proposal
from tests.today import today


def everything() -> str:
    """Every row of every table as text, to search for what must be gone."""
    quote = connection.ops.quote_name
    parts = []
    with connection.cursor() as cursor:
        for model in backed_up_models():
            cursor.execute(f"SELECT * FROM {quote(model._meta.db_table)}")  # noqa: S608
            parts.append(repr(cursor.fetchall()))
    return "\n".join(parts)


def test_after_erasure_nothing_in_the_database_names_the_demo_employee(db):
    """The demo's Emma Clarke (a GB trial with results, notifications, concern threads and a
    review) erased by HR: her name and address are nowhere, the chain verifies."""
    build_demo(people=40, today=today())
    emma = Person.objects.get(user__email=DEMO_LOGINS[0].email)
    hannah = Person.objects.get(user__email=DEMO_LOGINS[2].email)
    assert "Emma Clarke" in everything() and DEMO_LOGINS[0].email in everything()

    erasure = erase_person(actor=hannah.user, person=emma)

    text = everything()
    assert "Emma Clarke" not in text and DEMO_LOGINS[0].email not in text
    assert verify_chain() == []
    assert erasure.completed_at is not None and erasure.records == [] and erasure.held == {}
    assert erasure.counts["evidence.resultentry"] > 0 and erasure.counts["audit.auditevent"] > 0
    emma.refresh_from_db()
    assert emma.name == f"Erased person {emma.pk}" and not emma.active
    assert not emma.user.is_active and not emma.user.has_usable_password()
    # Her request and trial stay, without her words, for the organisation's figures.
    assert Proposal.objects.filter(employee=emma).exclude(status="draft").exists()
    assert AuditEvent.objects.filter(action="person.erased", object_id=str(emma.pk)).exists()


def test_records_the_pack_keeps_stay_until_retention_ends_then_the_worker_erases_them(
    personas, emma_data
):
    kept, draft = emma_data["kept"], emma_data["draft"]
    erasure = erase_person(actor=personas.hannah.user, person=personas.emma)

    # Now: her identity is gone from her record, the draft's words are gone, the Irish
    # request is kept as it was, and its identity is held for it.
    emma = Person.objects.select_related("user").get(pk=personas.emma.pk)
    assert emma.name.startswith("Erased person") and emma.user.email.endswith(".invalid")
    assert emma.start_date is None and emma.commute_km == 0
    draft.refresh_from_db()
    kept.refresh_from_db()
    assert draft.outage_plan == "" and draft.title == ""
    assert kept.outage_plan == SECRET
    until = add_months(kept.decided_at.astimezone(ZoneInfo("Europe/London")).date(), 36)
    assert erasure.records == [
        {"proposal_id": kept.pk, "until": until.isoformat(),
         "what": "Records of requests and decisions", "citation": "WLB Act 2023 s.28"}
    ]  # fmt: skip
    assert erasure.held["name"] == "Emma" and erasure.held["email"] == "emma@example.test"
    assert DRAFT_SECRET not in everything()
    assert not Notification.objects.filter(recipient=emma).exists()
    assert Notification.objects.get(recipient=personas.marcus).subject == (
        f"{emma.name} sent a request"
    )
    assert verify_chain() == []

    # The day before the retention ends nothing changes; on the day, the worker erases it.
    london = ZoneInfo("Europe/London")
    early = run_due_jobs(datetime.combine(until - timedelta(days=1), time(23, 50), tzinfo=london))
    assert early["privacy.retention_ended"] == 0
    kept.refresh_from_db()
    assert kept.outage_plan == SECRET
    done = run_due_jobs(datetime.combine(until, time(12), tzinfo=london))
    assert done["privacy.retention_ended"] == 1
    kept.refresh_from_db()
    erasure.refresh_from_db()
    assert kept.outage_plan == "" and kept.title == ""
    assert erasure.records == [] and erasure.held == {} and erasure.completed_at is not None
    assert SECRET not in everything() and "emma@example.test" not in everything()
    assert verify_chain() == []
    assert AuditEvent.objects.filter(action="person.erasure_completed").count() == 1
    again = run_due_jobs(datetime.combine(until, time(13), tzinfo=london))
    assert again["privacy.retention_ended"] == 0


def test_the_erased_persons_tokens_and_sign_in_stop_working(client, personas, emma_data):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {emma_data['token']}"}
    assert client.get("/api/v1/people", **bearer).status_code == 200
    erase_person(actor=personas.hannah.user, person=personas.emma)
    assert client.get("/api/v1/people", **bearer).status_code == 401
    assert not ApiToken.objects.filter(user=personas.emma.user).exists()
    assert not client.login(email="emma@example.test", password="correct-horse-battery-staple")


@pytest.mark.parametrize(
    ("actor", "target", "reason"),
    [
        ("emma", "pete", "Only HR and administrators"),
        ("hannah", "hannah", "their own personal data"),
        ("hannah", "admin", "HR cannot erase an administrator"),
        ("hannah", "diana", "someone above you"),
    ],
)
def test_who_may_not_erase(personas, actor, target, reason):
    if target == "admin":
        personas.pete.user.is_superuser = True
        personas.pete.user.save()
        target = "pete"
    person = getattr(personas, target)
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied, match=reason):
        erase_person(actor=getattr(personas, actor).user, person=person)
    assert preview(actor=getattr(personas, actor).user, person=person).refused
    person.refresh_from_db()
    assert person.active and not Erasure.objects.exists()
    assert AuditEvent.objects.count() == before


def test_an_administrator_may_erase_another_administrator(personas):
    personas.pete.user.is_superuser = True
    personas.pete.user.save()
    erase_person(actor=personas.root, person=personas.pete)
    personas.pete.user.refresh_from_db()
    assert not personas.pete.user.is_superuser and not personas.pete.user.is_active


def test_open_work_must_be_handed_over_first(personas, emma_data):
    with pytest.raises(ValidationError, match="manage 2 active people"):
        erase_person(actor=personas.root, person=personas.marcus)
    emma_data["kept"].status = "submitted"
    emma_data["kept"].save()
    with pytest.raises(ValidationError) as refused:
        erase_person(actor=personas.hannah.user, person=personas.emma)
    assert f"#{emma_data['kept'].pk} are still open" in str(refused.value)
    personas.marcus.refresh_from_db()
    assert not Erasure.objects.exists() and personas.marcus.name == "Marcus"


def test_a_person_is_erased_once(personas):
    erase_person(actor=personas.hannah.user, person=personas.pete)
    with pytest.raises(ValidationError, match="already been erased"):
        erase_person(actor=personas.hannah.user, person=personas.pete)


def test_an_erased_person_cannot_be_reactivated(personas):
    erase_person(actor=personas.hannah.user, person=personas.pete)
    with pytest.raises(ValidationError, match="erased"):
        set_active(actor=personas.hannah.user, person=personas.pete, active=True)
    response = personas.client(personas.hannah).post(
        f"/people/{personas.pete.pk}/active/", {"active": "1"}, follow=True
    )
    assert "erased" in response.content.decode()
    pete = Person.objects.get(pk=personas.pete.pk)
    assert not pete.active and not pete.user.is_active
