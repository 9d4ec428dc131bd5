"""Indicators per department and for the district, and the department ranking.

- open rate = items published with data (无条件/有条件开放) ÷ items that should be open. An item is a
  resource known from the responsibility list, the open-data list or the catalog (matched by code or
  normalised title); items that should be open are all of them except 不予开放 with a valid basis.
- on-time rate = datasets updated as their frequency requires ÷ datasets with a checkable frequency.
- validation pass rate = datasets whose data files passed validation ÷ datasets with validated files.
- average metadata score; exceptions and the share of them with a valid, unexpired basis.
- index (for the ranking) = 40 % open rate + 20 % on-time + 20 % validation + 20 % metadata score,
  over the parts that have a value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import KINDS, Finding
from ckanext.zhangdian.reports.freshness import freshness
from ckanext.zhangdian.reports.text import day, normalise_title

INDEX_WEIGHTS = {"open_rate": 0.4, "on_time_rate": 0.2, "validation_pass_rate": 0.2, "metadata_score": 0.2}


@dataclass
class Indicators:
    datasets: int = 0
    should_open: int = 0
    opened: int = 0
    freshness_checked: int = 0
    on_time: int = 0
    validated: int = 0
    validation_passed: int = 0
    metadata_score_total: int = 0
    exceptions: int = 0
    exceptions_with_basis: int = 0
    findings: dict[str, int] = field(default_factory=lambda: {kind.code: 0 for kind in KINDS})

    def add(self, other: "Indicators") -> None:
        for name, value in asdict(other).items():
            if name == "findings":
                for kind, count in value.items():
                    self.findings[kind] += count
            else:
                setattr(self, name, getattr(self, name) + value)

    @staticmethod
    def _rate(numerator: int, denominator: int) -> float | None:
        return round(100 * numerator / denominator, 1) if denominator else None

    @property
    def open_rate(self) -> float | None:
        return self._rate(self.opened, self.should_open)

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.on_time, self.freshness_checked)

    @property
    def validation_pass_rate(self) -> float | None:
        return self._rate(self.validation_passed, self.validated)

    @property
    def metadata_score(self) -> float | None:
        return round(self.metadata_score_total / self.datasets, 1) if self.datasets else None

    @property
    def exception_basis_rate(self) -> float | None:
        return self._rate(self.exceptions_with_basis, self.exceptions)

    @property
    def index(self) -> float | None:
        parts = {name: getattr(self, name) for name in INDEX_WEIGHTS}
        weighted = {name: value for name, value in parts.items() if value is not None}
        if not weighted:
            return None
        total_weight = sum(INDEX_WEIGHTS[name] for name in weighted)
        return round(sum(INDEX_WEIGHTS[name] * value for name, value in weighted.items()) / total_weight, 1)

    def as_dict(self) -> dict:
        return {**asdict(self), "finding_count": sum(self.findings.values()),
                **{name: getattr(self, name) for name in (
                    "open_rate", "on_time_rate", "validation_pass_rate", "metadata_score",
                    "exception_basis_rate", "index")}}


def department_indicators(context: ReportContext, department: str, findings: list[Finding]) -> Indicators:
    result = Indicators()
    datasets = context.published_by_department.get(department, [])
    result.datasets = len(datasets)
    result.should_open, result.opened = _open_counts(context, department)
    today = context.today.isoformat()
    for dataset in datasets:
        state = freshness(dataset, context.today)
        if state is not None:
            result.freshness_checked += 1
            result.on_time += state.on_time
        statuses = {resource.validation_status for resource in dataset.resources if resource.validation_status}
        if statuses:
            result.validated += 1
            result.validation_passed += statuses == {"valid"}
        result.metadata_score_total += context.scores[dataset.id].score
        if dataset.open_attribute != "unconditional":
            result.exceptions += 1
            result.exceptions_with_basis += bool(
                dataset.legal_basis and dataset.exception_reason
                and not (dataset.review_date and day(dataset.review_date) < today))
    counts = Counter(finding.kind for finding in findings)
    result.findings = {kind.code: counts.get(kind.code, 0) for kind in KINDS}
    return result


def _open_counts(context: ReportContext, department: str) -> tuple[int, int]:
    """(items that should be open, items opened) of one department."""
    items: dict[str, dict] = {}
    by_title: dict[str, str] = {}

    def item_for(code: str, title: str) -> dict:
        key = code or by_title.get(normalise_title(title)) or f"title:{normalise_title(title)}"
        if key not in items and normalise_title(title) in by_title:
            key = by_title[normalise_title(title)]
        by_title.setdefault(normalise_title(title), key)
        return items.setdefault(key, {"dataset": None, "entry": None})

    today = context.today.isoformat()
    for dataset in context.published_by_department.get(department, []):
        item_for(dataset.resource_code, dataset.title)["dataset"] = dataset
    for entry in context.entries_by_department.get(department, []):
        item_for(entry.resource_code, entry.title)["entry"] = entry
    for required in context.required_by_department.get(department, []):
        item_for(required.resource_code, required.title)
    should_open = opened = 0
    for item in items.values():
        dataset = item["dataset"]
        if dataset is not None and dataset.open_attribute == "closed" and dataset.legal_basis \
                and dataset.exception_reason and not (dataset.review_date and day(dataset.review_date) < today):
            continue
        should_open += 1
        opened += bool(dataset is not None and dataset.open_attribute != "closed" and dataset.data_resources)
    return should_open, opened
