"""A dataset's report facts from its ``package_show`` dict, so the dataset page measures freshness and
metadata quality exactly as the gap report does (``freshness.freshness``, ``metadata_score``).

Pure: dicts in, :class:`DatasetFacts` out. The resource dicts are passed separately because the page
may not show a restricted dataset's resources to its viewer, while the measures must be the same for
everybody.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from ckanext.zhangdian.reports.facts import DatasetFacts, ResourceFacts


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _size(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def resource_facts(resource: Mapping[str, Any]) -> ResourceFacts:
    """One resource dict (as ``resource_show`` returns it, extras flattened) as facts."""
    return ResourceFacts(
        _text(resource.get("id")), _text(resource.get("name")), _text(resource.get("format")),
        _text(resource.get("url")), _text(resource.get("url_type")), _text(resource.get("mimetype")),
        _size(resource.get("size")), _text(resource.get("validation_status")),
        _text(resource.get("created")), _text(resource.get("last_modified")))


def info_items(package: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The dataset's 信息项 (field list) as dicts with a name; unvalidated dicts keep the stored JSON."""
    items = package.get("info_items")
    if isinstance(items, str):
        try:
            items = json.loads(items)
        except ValueError:
            items = []
    return [item for item in items if isinstance(item, dict) and item.get("name")] \
        if isinstance(items, list) else []


def dataset_facts(package: Mapping[str, Any],
                  resources: Iterable[Mapping[str, Any]] | None = None) -> DatasetFacts:
    """The facts of a dataset dict; ``resources`` defaults to the dict's own ``resources``."""
    def text(key: str) -> str:
        return _text(package.get(key))

    tags = package.get("tags")
    if resources is None:
        resources = package.get("resources") or ()
    return DatasetFacts(
        id=text("id"), name=text("name"), title=text("title") or text("name"),
        department=text("owner_org"), resource_code=text("resource_code"),
        open_attribute=text("open_attribute") or "unconditional",
        exception_reason=text("exception_reason"), legal_basis=text("legal_basis"),
        open_conditions=text("open_conditions"), review_date=text("review_date"),
        update_frequency=text("update_frequency"), data_updated=text("data_updated"), issued=text("issued"),
        metadata_created=text("metadata_created"), metadata_modified=text("metadata_modified"),
        theme=text("theme"), spatial_code=text("spatial_code"), temporal_start=text("temporal_start"),
        temporal_end=text("temporal_end"),
        tag_count=len(tags) if isinstance(tags, list) else int(package.get("num_tags") or 0),
        license_id=text("license_id"), contact_name=text("contact_name"),
        contact_phone=text("contact_phone"), contact_email=text("contact_email"), notes=text("notes"),
        field_names=tuple(item["name"] for item in info_items(package)),
        resources=tuple(resource_facts(resource) for resource in resources),
        private=bool(package.get("private")))
