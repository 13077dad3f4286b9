"""The evidence panel on the home page: your trial, your team's reviews, the next step."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.evidence.well import DEFAULT_COOLDOWN_WEEKS, well_offer
from homeward.home import Panel, panel
from homeward.people.access import below
from homeward.people.models import Person
from homeward.policy.models import policy_for


@panel
def evidence_panel(user: Actor, me: Person | None) -> Panel | None:
    if me is None:
        return None
    today = timezone.localdate()
    mine = Arrangement.objects.active().filter(employee=me).order_by("-start_date").first()
    # One query for both numbers over the whole line below; the rows are not needed here.
    counts = (
        Arrangement.objects.active()
        .filter(
            employee_id__in=below(me),
            status__in=[ArrangementStatus.TRIAL, ArrangementStatus.EXTENDED],
        )
        .aggregate(trials=Count("pk"), due=Count("pk", filter=Q(review_date__lte=today)))
    )
    trials, due = counts["trials"], counts["due"]
    offer = None
    if mine is not None and mine.status == ArrangementStatus.STANDING:
        policy = policy_for(me)
        weeks = policy.cooldown_weeks if policy else DEFAULT_COOLDOWN_WEEKS
        if (mine.confirmed_on or mine.start_date) + timedelta(weeks=weeks) <= today:
            offer = well_offer(me, today=today)
    if mine is None and not trials:
        return None
    return Panel(
        "Trials and evidence",
        "evidence/_panel.html",
        {
            "mine": mine,
            "trials": trials,
            "due": due,
            "offer": offer,
        },
    )
