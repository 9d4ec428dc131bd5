"""A :class:`ListRecord` as a CKAN dataset dict (keys of ckanext-zhangdian's ``schemas/dataset.yaml``) and
the 信息项 as a Frictionless Table Schema — one data dictionary, two views.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable, Mapping

from zhangdian_harvesters.records import InfoItem, ListRecord

SLUG_PREFIX = "zd-"
SLUG_MAX_LENGTH = 100
_HASH_LENGTH = 10
_LOSSLESS = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

# FIELD_TYPE codes → Frictionless field descriptors (the codes are Frictionless type names).
FRICTIONLESS_TYPES: Mapping[str, dict[str, str]] = {
    "string": {"type": "string"}, "integer": {"type": "integer"}, "number": {"type": "number"},
    "date": {"type": "date"}, "datetime": {"type": "datetime"}, "time": {"type": "time"},
    "boolean": {"type": "boolean"}, "binary": {"type": "string", "format": "binary"},
    "any": {"type": "any"},
}

# Record attribute → dataset field, for the fields copied as they are.
_DIRECT_FIELDS = (
    "title", "notes", "theme", "open_attribute", "open_conditions", "exception_reason", "legal_basis",
    "review_date", "update_frequency", "data_updated", "spatial_code", "temporal_start", "temporal_end",
    "issued", "contact_name", "contact_phone", "contact_email", "row_count",
)


def dataset_name(code: str) -> str:
    """The ASCII URL name for a resource code: deterministic and different for different codes.

    ``370303-jt-0001`` → ``zd-370303-jt-0001``. Codes that do not survive lower-casing and
    ``[^a-z0-9]`` → ``-`` unchanged (upper case, ``/``, ``.``, non-ASCII, too long) get ``--`` and a
    SHA-256 prefix of the code: ``ZD/001`` → ``zd-zd-001--<10 hex>``. ``--`` never occurs in the
    unchanged form, so the two forms cannot collide.
    """
    if _LOSSLESS.fullmatch(code) and len(SLUG_PREFIX) + len(code) <= SLUG_MAX_LENGTH:
        return SLUG_PREFIX + code
    digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:_HASH_LENGTH]
    stem = re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-") or "code"
    room = SLUG_MAX_LENGTH - len(SLUG_PREFIX) - 2 - _HASH_LENGTH
    return f"{SLUG_PREFIX}{stem[:room].rstrip('-')}--{digest}"


def to_dataset_dict(record: ListRecord, owner_org: str) -> dict[str, Any]:
    """The CKAN dataset dict of a record. Fields without a value are left out (CKAN applies its
    defaults, e.g. 行政区划代码 → 370303); ``info_items`` and ``tag_string`` are always present."""
    data: dict[str, Any] = {
        "name": dataset_name(record.code),
        "resource_code": record.code,
        "owner_org": owner_org,
        "tag_string": ",".join(record.keywords),
        "info_items": [item.as_dict() for item in record.info_items],
    }
    for key in _DIRECT_FIELDS:
        value = getattr(record, key)
        if value is not None and value != "":
            data[key] = value
    return data


def info_items_to_table_schema(info_items: Iterable[InfoItem | Mapping[str, Any]]) -> dict[str, Any]:
    """A Frictionless Table Schema from 信息项 (``InfoItem`` s or CKAN ``info_items`` dicts)."""
    fields = []
    for item in info_items:
        item = item.as_dict() if isinstance(item, InfoItem) else item
        field: dict[str, Any] = {"name": item["name"], **FRICTIONLESS_TYPES[item.get("type") or "string"]}
        if item.get("title"):
            field["title"] = item["title"]
        description = item.get("description") or ""
        if item.get("unit"):
            unit = f"计量单位：{item['unit']}"
            description = f"{description}（{unit}）" if description else unit
        if description:
            field["description"] = description
        fields.append(field)
    return {"fields": fields}
