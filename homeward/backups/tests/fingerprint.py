"""Every row of every table, as plain comparable values: what a round trip must keep.

Independent of the archive's own encoding: values come from the ORM and are normalised
here (times in UTC to the microsecond, decimals without trailing zeros, JSON with sorted keys).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS

from homeward.backups.archive import backed_up_models


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return ["datetime", value.astimezone(UTC).isoformat()]
    if isinstance(value, date | time):
        return [type(value).__name__, value.isoformat()]
    if isinstance(value, Decimal):
        return ["decimal", format(value.normalize(), "f")]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, dict | list):
        return ["json", json.dumps(value, sort_keys=True)]
    if isinstance(value, uuid.UUID):
        return ["uuid", str(value)]
    if isinstance(value, bytes | memoryview):
        return ["bytes", bytes(value).hex()]
    return value


def fingerprint(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[list[Any]]]:
    """Model label -> its rows in primary-key order, each a list of normalised values."""
    out: dict[str, list[list[Any]]] = {}
    for model in backed_up_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.using(using).order_by("pk").values_list(*fields)
        out[model._meta.label_lower] = [[_normal(v) for v in row] for row in rows]
    return out


def differences(a: dict[str, list[list[Any]]], b: dict[str, list[list[Any]]]) -> list[str]:
    """Readable differences, table by table and row by row (the first few of each)."""
    found: list[str] = []
    for label in sorted(set(a) | set(b)):
        left, right = a.get(label), b.get(label)
        if left == right:
            continue
        if left is None or right is None:
            found.append(f"{label}: only on one side")
            continue
        if len(left) != len(right):
            found.append(f"{label}: {len(left)} rows against {len(right)}")
        for i, (x, y) in enumerate(zip(left, right, strict=False)):
            if x != y:
                found.append(f"{label} row {i}: {x} != {y}")
                break
    return found
