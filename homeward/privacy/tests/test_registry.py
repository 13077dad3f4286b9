"""Every app declares the personal data it holds: a model that points at a person or an
account and is covered by no declaration fails this test."""

from __future__ import annotations

from homeward.decisions.models import Meeting
from homeward.notify.models import Notification
from homeward.privacy.registry import PROVIDERS, covered_models, undeclared


def test_every_model_pointing_at_a_person_or_an_account_is_declared_by_some_app():
    assert undeclared() == []


def test_the_check_names_a_model_nobody_declares():
    missing = undeclared(covered_models() - {Notification, Meeting})
    # The many-to-many table of meeting attendees goes with the meeting.
    assert missing == ["decisions.Meeting", "decisions.Meeting_attendees", "notify.Notification"]


def test_each_app_declares_only_its_own_models_once():
    seen: set[type] = set()
    for provider in PROVIDERS:
        for model in provider.models:
            assert model._meta.app_label == provider.app, (provider.app, model)
            assert model not in seen
            seen.add(model)
