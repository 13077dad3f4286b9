from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.agreements import actions
from homeward.agreements.models import Agreement, AgreementStatus, AgreementTemplate
from homeward.audit.models import AuditEvent


@pytest.mark.django_db
def test_starting_an_arrangement_generates_an_issued_agreement(personas, approve):
    arrangement = approve(
        "ES", concern="Who pays for the chair?|The employer, up to the policy's allowance."
    )
    (agreement,) = arrangement.agreements.all()
    assert agreement.status == AgreementStatus.ISSUED and agreement.missing == []
    assert agreement.version == 1 and agreement.jurisdiction == "ES"
    assert "Emma" in agreement.text and "Marcus" in agreement.text
    assert arrangement.start_date.isoformat() in agreement.text
    assert "Who pays for the chair?: The employer, up to the policy's allowance." in agreement.text
    assert "# covers" not in agreement.text
    assert agreement.text_sha256 == Agreement.hash_of(agreement.text)
    assert AuditEvent.objects.for_object(agreement).filter(action="agreement.generated").exists()


@pytest.mark.django_db
def test_a_template_lacking_required_content_leaves_a_draft_that_names_it(personas, approve):
    actions.save_template(
        jurisdiction="ES",
        body="Agreement for {{ employee_name }} from {{ start_date }}.",
        actor=personas.hannah.user,
    )
    agreement = approve("ES").agreements.get()
    assert agreement.status == AgreementStatus.DRAFT
    assert "equipment_inventory" in agreement.missing
    with pytest.raises(ValidationError, match="Inventory of equipment and tools"):
        actions.regenerate_agreement(agreement_id=agreement.pk, actor=personas.hannah.user)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    # HR goes back to the default, and the draft is issued.
    AgreementTemplate.objects.all().delete()
    issued = actions.regenerate_agreement(agreement_id=agreement.pk, actor=personas.hannah.user)
    assert issued.status == AgreementStatus.ISSUED and issued.missing == []


@pytest.mark.django_db
def test_only_hr_saves_templates_and_unsafe_ones_are_refused(personas):
    with pytest.raises(PermissionDenied):
        actions.save_template(jurisdiction="ES", body="Hi", actor=personas.marcus.user)
    with pytest.raises(ValidationError) as refused:
        actions.save_template(
            jurisdiction="ES", body="{{ bonus }} <script>x</script>", actor=personas.hannah.user
        )
    assert "body" in refused.value.message_dict
    assert not AgreementTemplate.objects.exists()


@pytest.mark.django_db
def test_a_pack_without_required_contents_issues_at_once(personas, approve):
    agreement = approve("GB").agreements.get()
    assert agreement.status == AgreementStatus.ISSUED
