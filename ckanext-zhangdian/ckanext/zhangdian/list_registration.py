"""Department staff register their open-data list in the browser: upload a file or give a URL, see
every error by row and column, preview what a harvest would change, then publish now or on a schedule.

The same core as ``harvest check`` / ``harvest register`` / ``harvest run``: ``read_list`` and
``preview_changes`` from ``zhangdian_harvesters``, ckanext-harvest sources, ``harvest_runs.run_source``.
Uploaded lists are kept under ``<storage>/zhangdian_lists/<department>/`` and harvested from there.
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import ckan.plugins.toolkit as tk
from ckanapi import LocalCKAN
from zhangdian_harvesters import HarvestError, read_list
from zhangdian_harvesters.lists import DEFAULT_LIST_MAX_BYTES
from zhangdian_harvesters.pipeline import preview_changes
from zhangdian_harvesters.publish import CatalogPublisher

from ckanext.zhangdian import harvest_runs, harvest_settings

SOURCE_TYPE = "zhangdian_list"
FREQUENCIES = ("MANUAL", "DAILY", "WEEKLY", "BIWEEKLY", "MONTHLY")
LIST_SUFFIXES = (".csv", ".xlsx", ".xls", ".json")


@dataclass
class ListCheck:
    """The outcome of reading a list: its errors, hints, and (when readable) the planned changes."""

    location: str
    summary: str = ""
    error: str = ""
    problems: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and not self.problems

    def as_dict(self) -> dict:
        return dict(asdict(self), ok=self.ok)


def save_upload(department: str, upload) -> str:
    """Store an uploaded list for the department; return its location (a path the harvester may read)."""
    filename = Path(getattr(upload, "filename", "") or "").name
    if not filename.lower().endswith(LIST_SUFFIXES):
        raise tk.ValidationError({"upload": [tk._("Upload the list as CSV, XLSX, XLS or JSON.")]})
    folder = harvest_settings.uploaded_lists_root() / department / uuid.uuid4().hex
    folder.mkdir(parents=True)
    target = folder / filename
    stream = getattr(upload, "stream", None) or upload
    with target.open("wb") as handle:
        written = 0
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            written += len(chunk)
            if written > DEFAULT_LIST_MAX_BYTES:
                handle.close()
                target.unlink()
                raise tk.ValidationError({"upload": [tk._("The list is larger than {size} MB.").format(
                    size=DEFAULT_LIST_MAX_BYTES // 2**20)]})
            handle.write(chunk)
    return str(target)


def check_location(location: str, department: str) -> str:
    """A list location the department may use: an http(s) URL, or one of its own uploaded files."""
    if location.startswith(("http://", "https://")):
        return location
    path = Path(location).resolve()
    if not path.is_relative_to((harvest_settings.uploaded_lists_root() / department).resolve()) or not path.is_file():
        raise tk.ValidationError({"location": [tk._("Upload the list again or give its URL.")]})
    return str(path)


def existing_source(organization_id: str) -> dict | None:
    context = harvest_runs._site_context()
    for source in tk.get_action("harvest_source_list")(context, {"source_type": SOURCE_TYPE}):
        shown = tk.get_action("harvest_source_show")(context, {"id": source["id"]})
        if shown.get("owner_org") == organization_id:
            return shown
    return None


def check_list(location: str, organization: dict) -> ListCheck:
    """Read and validate the list; when it has no errors, preview what a harvest would change."""
    check = ListCheck(location)
    try:
        result = read_list(harvest_settings.list_location(location),
                           code_pattern=tk.config.get("ckanext.zhangdian.resource_code_pattern"),
                           fetch_options=harvest_settings.list_fetch_options())
    except (HarvestError, ValueError) as error:
        check.error = str(error)
        return check
    check.summary = result.summary().replace(location, Path(location).name)
    check.problems = [{"row": p.row, "cell": p.cell, "column": p.column, "value": p.value,
                       "message": p.message, "hint": p.hint} for p in result.problems]
    check.findings = [{"message": f.message, "hint": f.hint, "rows": list(f.rows)} for f in result.findings]
    if result.ok:
        source = existing_source(organization["id"])
        publisher = CatalogPublisher(LocalCKAN(), source["id"] if source else f"check:{organization['name']}")
        with tempfile.TemporaryDirectory() as workdir:
            changes = preview_changes(result, organization["id"], publisher, Path(workdir),
                                      harvest_settings.fetch_options())
        check.changes = [asdict(change) for change in changes]
    return check


def register(organization: dict, location: str, frequency: str) -> dict:
    """Create the department's harvest source, or point its existing one at the new list."""
    context = harvest_runs._site_context()
    source = existing_source(organization["id"])
    if source is None:
        return tk.get_action("harvest_source_create")(context, {
            "name": f"{organization['name']}-list", "title": f"{organization['title']}数据开放清单",
            "url": location, "source_type": SOURCE_TYPE, "owner_org": organization["id"],
            "frequency": frequency})
    return tk.get_action("harvest_source_patch")(context, {"id": source["id"], "url": location,
                                                           "frequency": frequency})
