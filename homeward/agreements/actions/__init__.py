"""Agreement workflows, one module each: generating (templates, generation, issuing) and
signing (signatures, training, the copy to the representatives)."""

from homeward.agreements.actions.generate import (
    generate_agreement,
    missing_labels,
    regenerate_agreement,
    required_contents,
    save_template,
    template_for,
    values_for,
)
from homeward.agreements.actions.signing import (
    hold_if_required,
    needs_signed_agreement,
    needs_training,
    record_reps_copy,
    record_training,
    required_roles,
    role_of,
    sign_agreement,
)

__all__ = [
    "generate_agreement",
    "hold_if_required",
    "missing_labels",
    "needs_signed_agreement",
    "needs_training",
    "record_reps_copy",
    "record_training",
    "regenerate_agreement",
    "required_roles",
    "required_contents",
    "role_of",
    "save_template",
    "sign_agreement",
    "template_for",
    "values_for",
]
