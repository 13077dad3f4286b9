"""Deciding proposals: one function per verb, each atomic, locked, audited and emailed.

The proposal row is locked (``select_for_update``) before its status is read, so two
deciders acting at once are serialised: the second sees the first's decision and is
refused. On SQLite, whose writers are serialised by IMMEDIATE transactions, the effect is
the same. The database's one-final-decision-per-stage constraint is the last line.

Every permission check starts with "nobody acts on their own proposal", whatever HR flag
or manager line the data records.

One module per workflow; every change goes through one of the functions re-exported here:

- ``decide``: ``decide_proposal`` (approve, counter, decline, ask);
- ``hr_approval``: ``decide_hr_approval`` (HR's second approval);
- ``answers``: ``respond_to_request``, ``respond_to_counter`` (the employee);
- ``meetings``: ``record_meeting``;
- ``extensions``: ``request_extension``, ``answer_extension``;
- ``appeals``: ``lodge_appeal``, ``assign_appeal``, ``decide_appeal``;
- ``deemed``: ``apply_deemed_granted`` (the law decides, NL);
- ``reorganise``: ``move_ineligible_deciders`` (registered with the people app's
  ``on_reorganised`` hook);
- ``steps``: what several of them share.
"""

from homeward.decisions.actions.answers import respond_to_counter, respond_to_request
from homeward.decisions.actions.appeals import (
    appeal_manager_for,
    assign_appeal,
    decide_appeal,
    lodge_appeal,
)
from homeward.decisions.actions.decide import decide_proposal
from homeward.decisions.actions.deemed import apply_deemed_granted
from homeward.decisions.actions.extensions import answer_extension, request_extension
from homeward.decisions.actions.hr_approval import decide_hr_approval
from homeward.decisions.actions.meetings import record_meeting
from homeward.decisions.actions.steps import (
    UNDECIDED,
    hr_threshold,
    is_first_request,
    pending_hr,
    review_url,
    state_error,
)
from homeward.lib.errors import INVALID_STATE

__all__ = [
    "INVALID_STATE",
    "UNDECIDED",
    "answer_extension",
    "appeal_manager_for",
    "apply_deemed_granted",
    "assign_appeal",
    "decide_appeal",
    "decide_hr_approval",
    "decide_proposal",
    "hr_threshold",
    "is_first_request",
    "lodge_appeal",
    "pending_hr",
    "record_meeting",
    "request_extension",
    "respond_to_counter",
    "respond_to_request",
    "review_url",
    "state_error",
]
