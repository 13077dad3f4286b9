"""Demo agreements: the approvals (decisions seeder) wrote them; most are signed by the
employee, the manager and HR, one in Ireland and one in Spain wait for signatures. The
evidence seeder signs its trials' agreements with ``sign_for_demo``."""

from __future__ import annotations

import random
from datetime import date, timedelta

from homeward.agreements.actions import record_reps_copy, record_training, sign_agreement
from homeward.agreements.actions.signing import needs_training, role_of
from homeward.agreements.models import Agreement, AgreementStatus
from homeward.arrangements.models import Arrangement
from homeward.demo import seeder
from homeward.people.models import Person


def sign_for_demo(arrangement: Arrangement, *, today: date, rng: random.Random) -> None:
    """Every signature the latest issued agreement of ``arrangement`` needs."""
    agreement = arrangement.agreements.filter(status=AgreementStatus.ISSUED).first()
    if agreement is None:
        return
    hrs = Person.objects.filter(is_hr=True, active=True).order_by("pk")
    hr = hrs.exclude(pk__in=[arrangement.employee_id, arrangement.approved_by_id]).first()
    if hr is None:
        return
    if needs_training(agreement):
        record_training(
            agreement_id=agreement.pk,
            on=today - timedelta(days=rng.randint(3, 30)),
            actor=arrangement.employee.user,
        )
    for person in (arrangement.employee, arrangement.approved_by, hr):
        if role_of(person, agreement, person.user) is None:
            return
        sign_agreement(
            agreement_id=agreement.pk,
            actor=person.user,
            text_sha256=agreement.text_sha256,
            method="demo",
        )
    if agreement.jurisdiction == "ES" and rng.random() < 0.7:
        record_reps_copy(
            agreement_id=agreement.pk,
            sent_on=today - timedelta(days=1),
            to="Comité de empresa (works council)",
            actor=hr.user,
        )


@seeder("agreements", after=("decisions",))
def seed_agreements(rng: random.Random, today: date) -> None:
    left_pending: set[str] = set()
    issued = Agreement.objects.filter(status=AgreementStatus.ISSUED).select_related(
        "arrangement__employee", "arrangement__approved_by"
    )
    for agreement in issued.order_by("pk"):
        code = agreement.jurisdiction
        if code in ("IE", "ES") and code not in left_pending:
            left_pending.add(code)  # waits for its signatures, for the demo
            continue
        sign_for_demo(agreement.arrangement, today=today, rng=rng)
