"""People, teams and offices: who works where, and who reports to whom."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from homeward.coach.benefits import EMISSION_FACTORS
from homeward.policy.rules import JURISDICTIONS

# One list of jurisdictions: the rule packs' (homeward.policy.rules is pure Python).
JURISDICTION_CODES = {code for code, _ in JURISDICTIONS}

# The modes the benefits calculator has an emission factor for (homeward.coach.benefits).
COMMUTE_MODES = [(f.mode, f.label) for f in EMISSION_FACTORS.values()]
COMMUTE_MODE_CODES = {code for code, _ in COMMUTE_MODES}


class Office(models.Model):
    name = models.CharField(max_length=100, unique=True)
    desk_capacity = models.PositiveIntegerField(default=50)
    timezone = models.CharField(max_length=64, default="Europe/London")
    holiday_country = models.CharField(
        max_length=2, default="GB", help_text="ISO country code of the office's public holidays."
    )
    holiday_subdiv = models.CharField(
        max_length=10, blank=True, help_text="Region code, e.g. ENG, SCT, NIR; blank for none."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> PersonQuerySet:
        return self.filter(active=True)

    def reports_of(self, person: Person) -> PersonQuerySet:
        return self.filter(manager=person)


class Person(models.Model):
    """An employee. Manager status is derived: a person with reports is a manager."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="person"
    )
    name = models.CharField(max_length=150)
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    jurisdiction = models.CharField(max_length=10, choices=JURISDICTIONS, default="GB")
    start_date = models.DateField(null=True, blank=True)
    commute_km = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    commute_minutes = models.PositiveIntegerField(default=0)
    commute_mode = models.CharField(max_length=20, choices=COMMUTE_MODES, default="car")
    is_hr = models.BooleanField("HR", default=False)
    active = models.BooleanField(default=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The directory and every list of people sort by name, most filtered to the active.
        indexes = [
            models.Index(fields=["name"], name="person_name"),
            models.Index(fields=["active", "name"], name="person_active_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(manager=models.F("id")), name="person_not_own_manager"
            ),
            models.CheckConstraint(condition=Q(commute_km__gte=0), name="commute_km_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def is_admin(self) -> bool:
        return bool(self.user.is_superuser)

    @property
    def is_manager(self) -> bool:
        return self.reports.filter(active=True).exists()

    def roles(self) -> list[str]:
        roles = ["employee"]
        if self.is_manager:
            roles.append("manager")
        if self.is_hr:
            roles.append("hr")
        if self.is_admin:
            roles.append("admin")
        return roles

    def role_labels(self) -> str:
        """The roles as people read them: "Employee, manager, HR"."""
        labels = {"hr": "HR"}
        text = ", ".join(labels.get(r, r) for r in self.roles())
        return text[:1].upper() + text[1:]

    def manager_chain(self) -> list[Person]:
        """Managers above this person, nearest first. Stops at a cycle rather than looping."""
        chain: list[Person] = []
        seen = {self.pk}
        current = self.manager
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.manager
        return chain

    def is_above(self, other: Person) -> bool:
        """True when this person is somewhere in ``other``'s manager line."""
        return any(m.pk == self.pk for m in other.manager_chain())

    def tenure_days(self, on: date) -> int | None:
        return None if self.start_date is None else (on - self.start_date).days

    def clean(self) -> None:
        if self.manager_id is not None:
            check_manager_line(self, self.manager)


def check_manager_line(person: Person, manager: Person | None) -> None:
    """Refuse a manager who is the person or who reports, at any depth, to the person."""
    if manager is None:
        return
    if person.pk is not None and manager.pk == person.pk:
        raise ValidationError({"manager": "A person cannot be their own manager."})
    current: Person | None = manager
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if person.pk is not None and current.pk == person.pk:
            raise ValidationError(
                {"manager": f"{manager} reports to {person}: that would make a cycle."}
            )
        seen.add(current.pk)
        current = current.manager
