"""The week planner: concrete home days for flexible arrangements, fairly (issue 16).

A pure engine (no Django): the schedule app builds a :class:`Problem` from its rows and
writes back :meth:`Plan.home_days`. :func:`plan` solves it with OR-Tools CP-SAT, meeting
every rule (the arrangement's home days, anchor days, team minimums, desks) and
minimising regret, the worst regret in each team and changes to the published plan; when
no plan exists, ``Plan.clashes`` says which rules clash, in words. :func:`plan_greedy`
is the simple baseline (also the fallback when CP-SAT finds nothing in time). See
docs/planner-engine.md for the model.
"""

from .engine import plan, plan_greedy
from .model import (
    ABSENT,
    FORCES,
    WORKING_WEEK,
    Assignment,
    Block,
    Blocked,
    Clash,
    Fairness,
    Flexible,
    Hole,
    Minimum,
    Office,
    Person,
    Plan,
    PlannerInputError,
    Problem,
    Published,
    Rule,
    Satisfaction,
    Settings,
    Status,
    Team,
    Weights,
    Where,
)

__all__ = [
    "ABSENT",
    "FORCES",
    "WORKING_WEEK",
    "Assignment",
    "Block",
    "Blocked",
    "Clash",
    "Fairness",
    "Flexible",
    "Hole",
    "Minimum",
    "Office",
    "Person",
    "Plan",
    "PlannerInputError",
    "Problem",
    "Published",
    "Rule",
    "Satisfaction",
    "Settings",
    "Status",
    "Team",
    "Weights",
    "Where",
    "plan",
    "plan_greedy",
]
