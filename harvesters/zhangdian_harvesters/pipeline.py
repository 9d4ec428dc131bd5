"""From a read list to publications — the stages every harvest runs, in and outside CKAN.

1. :func:`plan_datasets` — list records → :class:`PlannedDataset` (dataset dict + where the data is);
2. :func:`prepare_publication` — fetch the data file, validate it (``zhangdian_validators``), and pick
   the files to mirror → :class:`~zhangdian_harvesters.publish.Publication`;
3. :class:`~zhangdian_harvesters.publish.CatalogPublisher` — write to CKAN.

Policy (open by default, closed by exception): 不予开放 rows publish metadata only (their data file is
never fetched); rows whose exception has no basis are not published (a finding, and a withdrawal if
they were published before); files failing validation are not published as data — the dataset gets
the validation report instead; personal-information hits block the data outright.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from zhangdian_harvesters.dataset_dict import info_items_to_table_schema, to_dataset_dict
from zhangdian_harvesters.errors import FetchError
from zhangdian_harvesters.fetch import FetchOptions, fetch
from zhangdian_harvesters.file_check import check_data_file, sha256_of
from zhangdian_harvesters.lists import is_url
from zhangdian_harvesters.publish import (
    CREATED, UNCHANGED, UPDATED, WITHDRAWN, CatalogPublisher, Publication, PublishedFile, completed_fingerprint)
from zhangdian_harvesters.records import ListResult

CLOSED = "closed"
NO_BASIS_REASON = "开放属性为有条件开放或不予开放，但清单未写明依据，暂不发布（请补充依据后重新提交清单）"
REMOVED_REASON = "已从部门数据开放清单中移除"
SKIPPED = "skipped"


@dataclass(frozen=True)
class PlannedDataset:
    """One list row, ready for the fetch stage; JSON-serialisable (it travels in harvest objects)."""

    resource_code: str
    row: int
    dataset: dict[str, Any]
    data_file: str | None
    data_format: str
    table_schema: dict[str, Any]
    policy_problem: str | None = None

    @property
    def open_attribute(self) -> str:
        return self.dataset.get("open_attribute") or "unconditional"

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "PlannedDataset":
        return cls(**json.loads(text))


def plan_datasets(result: ListResult, owner_org: str) -> list[PlannedDataset]:
    """Every record of a read list as a :class:`PlannedDataset` (policy problems included, flagged)."""
    return [
        PlannedDataset(
            resource_code=record.code, row=record.row, dataset=to_dataset_dict(record, owner_org),
            data_file=record.data_file, data_format=record.data_format,
            table_schema=info_items_to_table_schema(record.info_items),
            policy_problem=record.policy_problem,
        )
        for record in result.records
    ]


@dataclass
class Prepared:
    """The publication, plus what went wrong on the way (Chinese, for the job report)."""

    publication: Publication
    problems: list[str]


def _local_copy(data_file: str, workdir: Path, options: FetchOptions) -> tuple[Path, str]:
    """The data file as a local path and the source URL to record."""
    if is_url(data_file):
        fetched = fetch(data_file, options, dest_dir=workdir)
        return fetched.path, data_file
    path = Path(data_file)
    if not path.is_file():
        raise FileNotFoundError(data_file)
    return path, path.name


def _previous_files(previous: dict[str, Any] | None) -> tuple[PublishedFile, ...]:
    """The files already published for a dataset, as they are (kept when a download fails)."""
    return tuple(PublishedFile(None, r["name"], r["format"], r.get("content_hash") or "",
                               r.get("validation_status") or "", r.get("validation_report") or "",
                               r.get("source_url") or "") for r in (previous or {}).get("resources") or [])


def _reusable_files(previous: dict[str, Any] | None, planned: PlannedDataset, content_hash: str,
                    source_url: str) -> tuple[PublishedFile, ...] | None:
    """The previously published files, when the same bytes were validated against the same schema."""
    resources = (previous or {}).get("resources") or []
    if not resources or previous.get("open_attribute") != planned.open_attribute:
        return None
    if info_items_to_table_schema(previous.get("info_items") or []) != planned.table_schema:
        return None
    if any(r.get("content_hash") != content_hash or (r.get("source_url") or "") != source_url for r in resources):
        return None
    return _previous_files(previous)


def prepare_publication(planned: PlannedDataset, workdir: Path, fetch_options: FetchOptions | None = None,
                        previous: dict[str, Any] | None = None) -> Prepared:
    """Fetch and validate the data file of a planned dataset and decide what to mirror.

    ``previous`` (the dataset as published) lets an unchanged file skip validation: the same bytes
    under the same schema get the same result.
    """
    dataset, problems = planned.dataset, []
    if planned.open_attribute == CLOSED:
        return Prepared(Publication(dataset), problems)
    if not planned.data_file:
        problems.append(f"第{planned.row}行：清单未给出数据文件，只发布目录信息。")
        return Prepared(Publication(dataset), problems)
    workdir.mkdir(parents=True, exist_ok=True)
    file_name = Path(urlsplit(planned.data_file).path).name or planned.data_file
    try:
        path, source_url = _local_copy(planned.data_file, workdir, fetch_options or FetchOptions())
    except (FetchError, FileNotFoundError) as error:
        # The location is not repeated: job reports are shown more widely than the data may be.
        reason = "文件不存在" if isinstance(error, FileNotFoundError) else getattr(error, "message", str(error))
        reason = reason.replace(planned.data_file, file_name).rstrip("。")
        problems.append(f"第{planned.row}行：数据文件“{file_name}”无法获取（{reason}），"
                        + ("保留已发布的数据。" if previous and previous.get("resources") else "只发布目录信息。"))
        return Prepared(Publication(dataset, _previous_files(previous)), problems)
    reused = _reusable_files(previous, planned, sha256_of(path), source_url)
    if reused is not None:
        return Prepared(Publication(dataset, reused), problems)
    check = check_data_file(path, planned.table_schema, planned.open_attribute, workdir,
                            source_url=source_url)
    if check.problem:
        problems.append(f"第{planned.row}行：{check.problem}")
    return Prepared(Publication(dataset, tuple(check.files)), problems)


def is_unchanged(planned: PlannedDataset, previous: dict[str, Any] | None, workdir: Path,
                 fetch_options: FetchOptions | None = None) -> bool:
    """Would publishing ``planned`` change nothing? Downloads and hashes the file, never validates it."""
    if previous is None or previous.get("private") or planned.policy_problem:
        return False
    expected = completed_fingerprint(previous)
    if not expected:
        return False
    if planned.open_attribute == CLOSED or not planned.data_file:
        return Publication(planned.dataset).fingerprint() == expected
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        path, source_url = _local_copy(planned.data_file, workdir, fetch_options or FetchOptions())
    except (FetchError, FileNotFoundError):
        return False
    try:
        reused = _reusable_files(previous, planned, sha256_of(path), source_url)
    finally:
        if path.parent == workdir:
            path.unlink(missing_ok=True)
    return reused is not None and Publication(planned.dataset, reused).fingerprint() == expected


@dataclass(frozen=True)
class PlannedChange:
    """What a harvest would do with one resource code (dry run: nothing is written)."""

    resource_code: str
    row: int | None
    action: str  # created / updated / unchanged / withdrawn / skipped
    detail: str = ""


def preview_changes(result: ListResult, owner_org: str, publisher: CatalogPublisher,
                    workdir: Path, fetch_options: FetchOptions | None = None) -> list[PlannedChange]:
    """Compare a read list with the catalog: per resource code, what a harvest would change.

    Data files are fetched and validated (into ``workdir``) so that "unchanged" is exact.
    """
    published = publisher.published_codes()
    changes = []
    for planned in plan_datasets(result, owner_org):
        existing = published.pop(planned.resource_code, None)
        if planned.policy_problem:
            action = WITHDRAWN if existing and not existing.get("private") else SKIPPED
            changes.append(PlannedChange(planned.resource_code, planned.row, action, NO_BASIS_REASON))
            continue
        prepared = prepare_publication(planned, workdir / planned.dataset["name"], fetch_options, existing)
        detail = "；".join(prepared.problems)
        if existing is None:
            action = CREATED
        elif (completed_fingerprint(existing) == prepared.publication.fingerprint()
              and not existing.get("private")):
            action = UNCHANGED
        else:
            action = UPDATED
        changes.append(PlannedChange(planned.resource_code, planned.row, action, detail))
    for code, dataset in published.items():
        if not dataset.get("private"):
            changes.append(PlannedChange(code, None, WITHDRAWN, REMOVED_REASON))
    return changes
