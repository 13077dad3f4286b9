"""Every change to the catalogue and the policies: one function per verb.

Keyword-only arguments, one transaction each, row locks where two people can race, and an
audit event in the same transaction. The pages and the API call these and nothing else.
``actor`` is the acting User; refusals raise ``PermissionDenied`` (not allowed) or
``ValidationError`` (not valid), each with a reason a person can read.

One module per topic, re-exported here: ``catalogue`` (the concern catalogue) and
``versions`` (policies and their versions).
"""

from homeward.policy.actions.catalogue import (
    add_concern,
    ensure_standard_concerns,
    reinstate_concern,
    retire_concern,
    update_concern,
)
from homeward.policy.actions.versions import (
    LIMITS,
    MAX_TEXT,
    VERSION_FIELDS,
    clean_excluded_roles,
    create_policy,
    publish_version,
    start_draft,
    update_draft,
    validate_version_values,
)

__all__ = [
    "LIMITS",
    "MAX_TEXT",
    "VERSION_FIELDS",
    "add_concern",
    "clean_excluded_roles",
    "create_policy",
    "ensure_standard_concerns",
    "publish_version",
    "reinstate_concern",
    "retire_concern",
    "start_draft",
    "update_concern",
    "update_draft",
    "validate_version_values",
]
