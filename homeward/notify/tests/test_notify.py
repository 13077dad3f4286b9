import pytest
from django.core import mail

from homeward.notify.actions import SUBJECT_MAX, notify, one_line
from homeward.notify.models import Notification


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Plain", "Plain"),
        ("Two\nlines\r\nhere", "Two lines here"),
        ("  spaced   out  ", "spaced out"),
        ("x" * (SUBJECT_MAX + 50), "x" * (SUBJECT_MAX - 1) + "…"),
    ],
)
def test_subjects_are_one_line_that_fits(subject, expected):
    assert one_line(subject) == expected
    assert len(one_line(subject)) <= SUBJECT_MAX


def test_notify_stores_and_emails_after_commit(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=personas.emma, subject="A question\nfor you", body="Body", url="/x/")
    note = Notification.objects.get(recipient=personas.emma)
    assert note.subject == "A question for you"
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "A question for you"
    assert mail.outbox[0].body.endswith("/x/")


def test_no_email_for_inactive_people(personas, django_capture_on_commit_callbacks):
    personas.emma.active = False
    personas.emma.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=personas.emma, subject="Hello", body="")
    assert Notification.objects.filter(recipient=personas.emma).count() == 1
    assert mail.outbox == []
