"""What reading a list produces: records, row problems, findings — plain frozen dataclasses, no logic.

- :class:`ListRecord` — one valid resource (one row, or several rows in the 1272 layout). Records whose
  open attribute breaks the policy (有条件开放 without conditions, exceptions without a legal basis …) are
  still records, with ``policy_problem`` set: they must not be published as open data.
- :class:`RowProblem` — an error in a row; a row with problems yields no record.
- :class:`Finding` — something about the list as a whole (unknown columns, policy problems, skipped
  comment rows).
- :class:`ListResult` — all of the above plus where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from zhangdian_harvesters.messages import Message, located


@dataclass(frozen=True)
class InfoItem:
    """One 信息项 (field of the data file); ``type`` is a FIELD_TYPE code (``string``, ``integer`` …)."""

    name: str
    title: str = ""
    type: str = "string"
    description: str = ""
    unit: str = ""
    open_attribute: str | None = None  # only when the list gives one per 信息项

    def as_dict(self) -> dict[str, str]:
        """The CKAN ``info_items`` subfield dict."""
        return {"name": self.name, "title": self.title, "type": self.type,
                "description": self.description, "unit": self.unit}


@dataclass(frozen=True)
class RowProblem:
    """A broken cell: list row number, the list's own cell reference (``C7``, ``信息项导入!B5``,
    ``记录3.联系电话``), the column as the list names it, the value, a Chinese message and a fix hint."""

    row: int
    cell: str
    column: str
    value: str
    code: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.message}。{self.hint}"


@dataclass(frozen=True)
class Finding:
    """A list-level observation (not an error of one row)."""

    code: str
    message: str
    hint: str
    rows: tuple[int, ...] = ()
    cells: tuple[str, ...] = ()
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.message}。{self.hint}"


@dataclass(frozen=True)
class ListRecord:
    """A valid list entry, normalised: vocabulary *codes*, ISO dates, resolved data-file location."""

    row: int
    code: str
    title: str
    theme: str
    update_frequency: str
    open_attribute: str
    rows: tuple[int, ...] = ()
    notes: str = ""
    keywords: tuple[str, ...] = ()
    open_conditions: str = ""
    exception_reason: str | None = None
    legal_basis: str = ""
    review_date: str | None = None
    data_updated: str | None = None
    spatial_code: str | None = None
    temporal_start: str | None = None
    temporal_end: str | None = None
    issued: str | None = None
    contact_name: str = ""
    contact_phone: str | None = None
    contact_email: str | None = None
    row_count: int | None = None
    info_items: tuple[InfoItem, ...] = ()
    data_file: str | None = None  # http(s) URL or a local path inside the list's folder
    data_format: str = ""
    provider: str = ""
    provider_code: str = ""
    share_attribute: str = ""
    source_url: str = ""
    extras: Mapping[str, str] = field(default_factory=dict)  # recognised-but-unpublished and unknown columns
    policy_problem: str | None = None  # Chinese; set ⇒ must not be published as open data
    policy_problems: tuple[RowProblem, ...] = ()

    @property
    def publishable_as_open(self) -> bool:
        return self.policy_problem is None


@dataclass(frozen=True)
class ListResult:
    source: str
    file_format: str
    encoding: str | None
    sheet: str | None
    header_row: int
    columns: Mapping[str, str]  # header as written → column key ("" for unknown)
    records: tuple[ListRecord, ...]
    problems: tuple[RowProblem, ...]
    findings: tuple[Finding, ...]
    unknown_columns: tuple[str, ...] = ()
    comment_rows: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        """No row errors (policy problems and unknown columns are findings, not errors)."""
        return not self.problems

    @property
    def publishable(self) -> tuple[ListRecord, ...]:
        return tuple(r for r in self.records if r.publishable_as_open)

    def summary(self) -> str:
        policy = sum(1 for r in self.records if not r.publishable_as_open)
        return (f"清单“{self.source}”：{len(self.records)} 个信息资源通过校验（其中 {policy} 个开放属性有问题），"
                f"{len(self.problems)} 处错误，{len(self.findings)} 条提示。")


def row_problem(message: Message, *, row: int, row_label: str, column: str, cell: str,
                value: str = "", **values) -> RowProblem:
    """A :class:`RowProblem` whose message starts with its location: ``第7行“更新周期”（K7）：…``."""
    text, hint = message.render(value=value, column=column, **values)
    return RowProblem(row, cell, column, value, message.code, located(row_label, column, cell, text), hint)
