from __future__ import annotations

import pytest

from homeward.agreements.models import AgreementTemplate


@pytest.fixture
def agreement(approve):
    return approve("IE", trial=False).agreements.get()


@pytest.mark.django_db
def test_the_employee_and_manager_see_it_others_get_404(personas, agreement):
    for who in (personas.emma, personas.marcus, personas.hannah):
        page = personas.client(who).get(f"/agreements/{agreement.pk}/")
        assert page.status_code == 200 and agreement.text_sha256 in page.text
    assert personas.client(personas.oscar).get(f"/agreements/{agreement.pk}/").status_code == 404
    api = personas.client(personas.oscar).get(f"/api/v1/agreements/{agreement.pk}")
    assert api.status_code == 404
    mine = personas.client(personas.emma).get("/api/v1/agreements").json()
    assert [a["id"] for a in mine] == [agreement.pk]
    assert personas.client(personas.pete).get("/api/v1/agreements").json() == []


@pytest.mark.django_db
def test_hr_edits_a_template_on_the_page_and_bad_ones_are_reshown(personas):
    hr = personas.client(personas.hannah)
    assert "Details of the arrangement" in hr.get("/agreements/templates/IE/").text
    bad = hr.post("/agreements/templates/IE/", {"body": "Hi {{ salary }} <b>x</b>"})
    assert bad.status_code == 200
    assert "Unknown placeholder" in bad.text and "HTML is not allowed" in bad.text
    assert not AgreementTemplate.objects.exists()
    ok = hr.post("/agreements/templates/IE/", {"body": "Agreement for {{ employee_name }}."})
    assert ok.status_code == 302
    assert AgreementTemplate.objects.get().body == "Agreement for {{ employee_name }}."
    assert personas.client(personas.marcus).get("/agreements/templates/IE/").status_code == 403
    assert hr.get("/agreements/templates/XX/").status_code == 404


@pytest.mark.django_db
def test_template_api_refuses_unsafe_bodies_with_422(personas):
    hr = personas.client(personas.hannah)
    got = hr.get("/api/v1/agreement-templates/PT").json()
    assert got["is_default"] and got["not_covered"] == []
    bad = hr.put(
        "/api/v1/agreement-templates/PT",
        {"body": "{{ nope }}"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "nope" in str(bad.json()["detail"])
    ok = hr.put(
        "/api/v1/agreement-templates/PT",
        {"body": "For {{ employee_name }}."},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert "workplace" in ok.json()["not_covered"] and not ok.json()["is_default"]
    put = personas.client(personas.marcus).put(
        "/api/v1/agreement-templates/PT", {"body": "x"}, content_type="application/json"
    )
    assert put.status_code == 403


@pytest.mark.django_db
def test_issuing_a_draft_through_the_api_names_what_is_missing(personas, approve):
    hr = personas.client(personas.hannah)
    hr.put(
        "/api/v1/agreement-templates/IE",
        {"body": "For {{ employee_name }}."},
        content_type="application/json",
    )
    arrangement = approve("IE", trial=False)
    draft = arrangement.agreements.get()
    assert draft.status == "draft"
    refused = hr.post(f"/api/v1/agreements/{draft.pk}/issue")
    assert refused.status_code == 422 and "Details of the arrangement" in str(refused.json())
    assert (
        personas.client(personas.emma).post(f"/api/v1/agreements/{draft.pk}/issue").status_code
        == 403
    )
