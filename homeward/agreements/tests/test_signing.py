from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.agreements import actions
from homeward.agreements.models import AgreementStatus
from homeward.arrangements.models import ArrangementStatus
from homeward.lib.errors import StateConflict
from tests.today import today

PASSWORD = "correct horse battery staple"


def _sign(agreement, who, sha=None):
    return actions.sign_agreement(
        agreement_id=agreement.pk,
        actor=who.user,
        text_sha256=sha or agreement.text_sha256,
        method="password",
    )


@pytest.mark.django_db
def test_an_irish_arrangement_waits_for_three_signatures(personas, approve):
    arrangement = approve("IE")
    assert arrangement.status == ArrangementStatus.PENDING
    agreement = arrangement.agreements.get()
    _sign(agreement, personas.emma)
    _sign(agreement, personas.marcus)
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.PENDING
    _sign(agreement, personas.hannah)
    arrangement.refresh_from_db()
    agreement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.TRIAL
    assert agreement.status == AgreementStatus.SIGNED
    assert {s.text_sha256 for s in agreement.signatures.all()} == {agreement.text_sha256}


@pytest.mark.django_db
def test_a_british_arrangement_starts_at_once(approve):
    assert approve("GB").status == ArrangementStatus.TRIAL


@pytest.mark.django_db
def test_signing_twice_someone_elses_or_a_changed_text_is_refused(personas, approve):
    agreement = approve("ES").agreements.get()
    _sign(agreement, personas.emma)
    with pytest.raises(StateConflict, match="already signed"):
        _sign(agreement, personas.emma)
    with pytest.raises(PermissionDenied):
        _sign(agreement, personas.pete)
    with pytest.raises(ValidationError, match="changed"):
        _sign(agreement, personas.marcus, sha="0" * 64)
    assert agreement.signatures.count() == 1


@pytest.mark.django_db
def test_us_federal_training_comes_before_the_employee_signs(personas, approve):
    agreement = approve("US-FED").agreements.get()
    with pytest.raises(ValidationError, match="training"):
        _sign(agreement, personas.emma)
    actions.record_training(agreement_id=agreement.pk, on=today(), actor=personas.emma.user)
    _sign(agreement, personas.emma)


@pytest.mark.django_db
def test_spain_records_the_copy_to_the_representatives(personas, approve):
    agreement = approve("ES").agreements.get()
    with pytest.raises(StateConflict):
        actions.record_reps_copy(
            agreement_id=agreement.pk,
            sent_on=today(),
            to="Works council",
            actor=personas.hannah.user,
        )
    for who in (personas.emma, personas.marcus, personas.hannah):
        _sign(agreement, who)
    done = actions.record_reps_copy(
        agreement_id=agreement.pk, sent_on=today(), to="Works council", actor=personas.hannah.user
    )
    assert done.reps_copy_to == "Works council" and done.reps_copy_sent_on == today()


@pytest.mark.django_db
def test_the_api_signs_with_the_password_and_refuses_without(personas, approve):
    agreement = approve("IE").agreements.get()
    personas.emma.user.set_password(PASSWORD)
    personas.emma.user.save()
    api = personas.client(personas.emma)
    url = f"/api/v1/agreements/{agreement.pk}/sign"
    body = {"text_sha256": agreement.text_sha256}
    assert api.post(url, body, content_type="application/json").status_code == 403
    wrong = api.post(url, {**body, "password": "nope"}, content_type="application/json")
    assert wrong.status_code == 403 and not agreement.signatures.exists()
    ok = api.post(url, {**body, "password": PASSWORD}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["role"] == "employee"
    again = api.post(url, {**body, "password": PASSWORD}, content_type="application/json")
    assert again.status_code == 409
    got = api.get(f"/api/v1/agreements/{agreement.pk}").json()
    assert got["arrangement_status"] == "pending" and len(got["signatures"]) == 1


@pytest.mark.django_db
def test_the_page_asks_for_a_fresh_sign_in_before_signing(personas, approve):
    agreement = approve("IE").agreements.get()
    page = personas.client(personas.emma)
    assert "Sign the agreement" in page.get(f"/agreements/{agreement.pk}/").text
    answer = page.post(f"/agreements/{agreement.pk}/sign/", {"text_sha256": agreement.text_sha256})
    assert answer.status_code == 302 and "reauth" in answer.url
    assert not agreement.signatures.exists()
