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


def test_notifications_api_shows_only_my_own_and_marks_them_read(personas):
    from homeward.accounts.actions import create_token

    notify(recipient=personas.emma, subject="For Emma", body="", email=False)
    notify(recipient=personas.pete, subject="For Pete", body="", email=False)
    _, raw = create_token(user=personas.emma.user, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    c = personas.client(None)
    mine = c.get("/api/v1/notifications", **auth).json()
    assert [n["subject"] for n in mine] == ["For Emma"]
    assert c.post("/api/v1/notifications/read", **auth).json() == {"marked_read": 1}
    assert c.get("/api/v1/notifications?unread=true", **auth).json() == []
    assert Notification.objects.get(subject="For Pete").read_at is None
    assert c.get("/api/v1/notifications").status_code == 401
