"""The statutory rule packs: GB, NI, IE, US-FED, NL, ES, PT and AU, as data.

Sources are those of the design's rules.md (statutes and codes read late 2025, and the
part added 2026-12), each pack's ``sources`` say which sections it encodes. Where a value
could not be checked against the text its citation says ``[unverified]``.

Dates: a period "beginning with" a day counts that day as day one and ends by the
corresponding-date rule (``periods.period_end``); a period "after" a day starts the next day
(``Span.after``); "N before" a date is the latest day whose N after it ends by that date
(``Span.before``). Qualifying service begins with the first day of employment.
"""

from homeward.policy.rules.packs._shared import DEFAULT_POLICY_DECISION_DAYS
from homeward.policy.rules.packs.au import AU, AU_CIRCUMSTANCES
from homeward.policy.rules.packs.es import ES, ES_CARE_NEEDS
from homeward.policy.rules.packs.gb import GB, GB_GROUNDS
from homeward.policy.rules.packs.ie import IE
from homeward.policy.rules.packs.ni import NI
from homeward.policy.rules.packs.nl import NL
from homeward.policy.rules.packs.pt import PT, PT_PARENT_CASES
from homeward.policy.rules.packs.us_fed import US_FED

__all__ = [
    "AU",
    "AU_CIRCUMSTANCES",
    "DEFAULT_POLICY_DECISION_DAYS",
    "ES",
    "ES_CARE_NEEDS",
    "GB",
    "GB_GROUNDS",
    "IE",
    "NI",
    "NL",
    "PT",
    "PT_PARENT_CASES",
    "US_FED",
]
