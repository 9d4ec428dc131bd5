"""Template helpers of the dataset pages (re-exported by ``helpers.py``; names start with ``zhangdian_``).

Freshness and the metadata score are the gap report's own measures (``reports.freshness``,
``reports.metadata_score``) applied to one dataset, so the page and the report always agree. They are
computed from all of the dataset's resources, also when the viewer may not see them (formats, sizes
and dates are metadata; nothing of the data is shown).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib.dictization import model_dictize
from zhangdian_harvesters import vocabularies as vocab
from zhangdian_validators import messages as validator_messages

from ckanext.zhangdian import clock, policy, vocabulary_labels
from ckanext.zhangdian.conversions import is_convertible, xlsx_max_rows
from ckanext.zhangdian.model import DownloadCount, LinkCheck
from ckanext.zhangdian.reports.facts import DatasetFacts
from ckanext.zhangdian.reports.freshness import freshness
from ckanext.zhangdian.reports.from_package import dataset_facts, info_items
from ckanext.zhangdian.reports.metadata_score import metadata_score

__all__ = [
    "zhangdian_dataset_quality",
    "zhangdian_data_dictionary",
    "zhangdian_validation_badge",
    "zhangdian_validation_summary",
    "zhangdian_download_links",
    "zhangdian_resource_downloads",
    "zhangdian_dataset_downloads",
    "zhangdian_total_downloads",
    "zhangdian_harvest_source",
    "zhangdian_has_conversions",
]

CONVERSIONS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON"))
BAND_LABELS = {"excellent": "Excellent", "good": "Good", "sufficient": "Sufficient", "bad": "Poor"}
VALIDATION_BADGES = {
    "valid": "Validation passed",
    "invalid": "Validation failed",
    "blocked": "Personal information found: blocked",
    "not_validated": "Not validated",
}


def _all_resources(package: dict[str, Any]) -> list[dict[str, Any]]:
    """The dataset's resource dicts; read from the database when hidden from the viewer."""
    if package.get("data_access") != "restricted":
        return list(package.get("resources") or [])
    rows = model.Session.query(model.Resource).filter_by(package_id=package.get("id"), state="active") \
        .order_by(model.Resource.position)
    return [model_dictize.resource_dictize(row, {"model": model}) for row in rows]


def zhangdian_dataset_quality(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A dataset's update status and metadata score, as the gap report measures them (its facts are built
    once for both): ``{"freshness": …, "metadata_score": …}`` — see :func:`_freshness` and
    :func:`_metadata_score`."""
    facts = dataset_facts(package, _all_resources(package))
    return {"freshness": _freshness(package, facts, clock.today()), "metadata_score": _metadata_score(facts)}


def _freshness(package: dict[str, Any], facts: DatasetFacts, today: datetime.date) -> dict[str, Any]:
    """Update frequency and freshness of a dataset, as a sentence for the page.

    :returns: ``{"state": "overdue"|"on_time"|"unknown"|"unchecked", "text": "应每月更新，已逾期 5 天",
      "last_update": ISO date or "", "overdue_days": int, "due": ISO date or ""}``; ``unchecked`` for
      不定期/不更新/其他 (and datasets without a frequency), ``unknown`` without any update date.
    """
    code = package.get("update_frequency") or ""
    frequency = vocabulary_labels.label(vocab.UPDATE_FREQUENCY, code) if code else ""
    state = freshness(facts, today)
    result = {"state": "unchecked", "text": tk._("Update frequency: {frequency}").format(frequency=frequency)
              if frequency else "", "last_update": facts.data_updated[:10], "overdue_days": 0, "due": ""}
    if state is None:
        return result
    result.update(last_update=state.last_update, overdue_days=state.overdue_days, due=state.due)
    if not state.last_update:
        result.update(state="unknown", text=tk._("Updated {frequency}; the last data update is not known")
                      .format(frequency=frequency))
    elif state.overdue_days:
        result.update(state="overdue", text=tk._("Updated {frequency}; {days} days overdue")
                      .format(frequency=frequency, days=state.overdue_days))
    else:
        result.update(state="on_time", text=tk._("Updated {frequency}; next update due by {due}")
                      .format(frequency=frequency, due=state.due))
    return result


def _link_failures(package_id: str) -> set[tuple[str, str]]:
    rows = model.Session.query(LinkCheck.resource_id, LinkCheck.target) \
        .filter(LinkCheck.package_id == package_id, LinkCheck.ok.is_(False))
    return {(row.resource_id, row.target) for row in rows}


def _metadata_score(facts: DatasetFacts) -> dict[str, Any]:
    """The dataset's metadata score (0–100, after the EU MQA), as the gap report computes it.

    :returns: ``{"score": int, "band": "excellent"|"good"|"sufficient"|"bad", "band_label": str,
      "missing": [translated criteria]}``
    """
    score = metadata_score(facts, _link_failures(facts.id))
    return {"score": score.score, "band": score.band, "band_label": tk._(BAND_LABELS[score.band]),
            "missing": [message.render(tk._) for message in score.missing]}


def zhangdian_data_dictionary(package: dict[str, Any]) -> list[dict[str, str]]:
    """The dataset's 信息项 as table rows: name, title, type (code), type_label, description, unit."""
    rows = []
    for item in info_items(package):
        code = item.get("type") or ""
        rows.append({"name": item["name"], "title": item.get("title") or "", "type": code,
                     "type_label": vocabulary_labels.label(vocab.FIELD_TYPE, code) if code else "",
                     "description": item.get("description") or "", "unit": item.get("unit") or ""})
    return rows


def zhangdian_validation_badge(package: dict[str, Any], resource: dict[str, Any]) -> dict[str, str] | None:
    """The validation badge of a resource, None when it was never validated by the harvester.

    :returns: ``{"status", "label", "report_url"}``. A file that failed validation (or was blocked for
      personal information) is published as the report itself, so its own URL is the report; a valid
      file's report summary is on its resource page.
    """
    status = resource.get("validation_status") or ""
    if status not in VALIDATION_BADGES:
        return None
    if status in ("invalid", "blocked"):
        report_url = resource.get("url") or ""
    elif resource.get("validation_report"):
        report_url = tk.h.url_for("dataset_resource.read", id=package.get("name"),
                                  resource_id=resource.get("id")) + "#zd-validation-report"
    else:
        report_url = ""
    return {"status": status, "label": tk._(VALIDATION_BADGES[status]), "report_url": report_url}


def zhangdian_validation_summary(resource: dict[str, Any]) -> dict[str, Any] | None:
    """The validator's summary stored on a resource (``validation_report`` JSON), None if absent.

    :returns: ``{"status", "rows", "format", "encoding", "sheet", "errors": {kind: count},
      "personal_information_columns": {column: {...}}}`` as written by the harvester, plus
      ``"problems": [{"title": "数据类型不符", "count": 2}, …]`` (the validator's titles of the kinds).
    """
    try:
        summary = json.loads(resource.get("validation_report") or "")
    except ValueError:
        return None
    if not isinstance(summary, dict):
        return None
    errors = summary.get("errors") if isinstance(summary.get("errors"), dict) else {}
    counts = {kind: count for kind, count in errors.items() if isinstance(count, int)}
    rows = summary.get("rows")
    return dict(summary, rows=rows if isinstance(rows, int) else None,
                problems=[{"title": validator_messages.title(kind), "count": count}
                          for kind, count in sorted(counts.items(), key=lambda item: -item[1])])


def _known_rows(resource: dict[str, Any]) -> int | None:
    summary = zhangdian_validation_summary(resource)
    return summary["rows"] if summary else None


def zhangdian_download_links(package: dict[str, Any], resource: dict[str, Any]) -> list[dict[str, str]]:
    """Links to the resource's data as CSV (UTF-8 with BOM), XLSX and JSON; empty unless the resource
    is a CSV file stored on the portal, and without XLSX when the validator counted more rows than
    ``ckanext.zhangdian.xlsx_max_rows``. ``[{"format": "csv", "label": "CSV", "url": …}, …]``"""
    if not is_convertible(resource):
        return []
    rows = _known_rows(resource)
    too_long = rows is not None and rows + 1 > xlsx_max_rows()  # + the header row
    return [{"format": fmt, "label": label,
             "url": tk.h.url_for("zhangdian_downloads.convert", id=package.get("name") or package.get("id"),
                                 resource_id=resource.get("id"), fmt=fmt)}
            for fmt, label in CONVERSIONS if not (fmt == "xlsx" and too_long)]


def zhangdian_has_conversions(package: dict[str, Any]) -> bool:
    """Does any resource of the dataset (as the viewer sees it) offer CSV/XLSX/JSON downloads?"""
    return any(is_convertible(resource) for resource in package.get("resources") or [])


def _downloads(*conditions) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(DownloadCount.count), 0)).where(*conditions)
    return int(model.Session.execute(query).scalar_one())


def zhangdian_resource_downloads(resource: dict[str, Any] | str) -> int:
    """How often a resource (dict or id) was downloaded, all formats and days together."""
    resource_id = resource if isinstance(resource, str) else resource.get("id")
    return _downloads(DownloadCount.resource_id == resource_id)


def zhangdian_dataset_downloads(package: dict[str, Any] | str) -> int:
    """How often the resources of a dataset (dict or id) were downloaded, all formats and days."""
    package_id = package if isinstance(package, str) else package.get("id")
    return _downloads(DownloadCount.package_id == package_id)


def zhangdian_total_downloads() -> int:
    """Downloads of all resources of the portal (for the home page)."""
    return _downloads(sa.true())


def zhangdian_harvest_source(package: dict[str, Any]) -> dict[str, str] | None:
    """The open-data list a harvested dataset came from, as the viewer may see it: ``{"title", "url"}``,
    ``url`` being the department's list page for those who may manage it ("" for everybody else); None
    if not harvested or the source is not visible to the viewer."""
    source = model.Package.get(package.get("harvest_source") or "")
    if source is None or source.state != "active" or not policy.current_user_may("package_show", {"id": source.id}):
        return None
    department = model.Group.get(source.owner_org or "")
    may_manage = department is not None and policy.current_user_may("zhangdian_list_check",
                                                                     {"organization_id": department.id})
    url = tk.h.url_for("zhangdian_lists.department", name=department.name) if may_manage else ""
    return {"title": source.title or source.name, "url": url}
