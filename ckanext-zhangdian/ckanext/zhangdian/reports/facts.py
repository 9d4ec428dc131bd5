"""The inputs of the gap report as plain, immutable records (read by ``gather``, or built by tests
and the benchmark). Dates are ISO strings (``YYYY-MM-DD``); departments are organization ids."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str
    title: str


@dataclass(frozen=True, slots=True)
class ResourceFacts:
    id: str
    name: str = ""
    format: str = ""
    url: str = ""
    url_type: str = ""
    mimetype: str = ""
    size: int | None = None
    validation_status: str = ""
    created: str = ""
    last_modified: str = ""

    @property
    def is_validation_report(self) -> bool:
        """The harvester publishes a report instead of the data when a file fails validation."""
        return self.validation_status in ("invalid", "blocked")


@dataclass(frozen=True, slots=True)
class DatasetFacts:
    id: str
    name: str
    title: str
    department: str
    resource_code: str = ""
    open_attribute: str = "unconditional"
    exception_reason: str = ""
    legal_basis: str = ""
    open_conditions: str = ""
    review_date: str = ""
    update_frequency: str = ""
    data_updated: str = ""
    issued: str = ""
    metadata_created: str = ""
    metadata_modified: str = ""
    theme: str = ""
    spatial_code: str = ""
    temporal_start: str = ""
    temporal_end: str = ""
    tag_count: int = 0
    license_id: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    notes: str = ""
    field_names: tuple[str, ...] = ()
    resources: tuple[ResourceFacts, ...] = ()
    private: bool = False

    @property
    def data_resources(self) -> tuple[ResourceFacts, ...]:
        return tuple(resource for resource in self.resources if not resource.is_validation_report)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One row of a department's registered open-data list, as last read."""

    department: str
    resource_code: str
    title: str
    open_attribute: str = "unconditional"
    row: int | None = None
    policy_problem: str = ""
    first_listed: str = ""


@dataclass(frozen=True, slots=True)
class ResponsibilityFacts:
    """An item of a department's responsibility list (责任清单): a resource it must open."""

    department: str
    title: str
    resource_code: str = ""
    basis: str = ""
    created: str = ""


@dataclass(frozen=True, slots=True)
class HigherLevelFacts:
    """A resource already open in a city/provincial/national catalog."""

    level: str
    catalog: str
    title: str
    resource_code: str = ""
    publisher: str = ""
    field_names: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """The last check of a resource's link (``target``: "source" URL or mirrored "file")."""

    resource_id: str
    target: str
    url: str
    ok: bool
    status: str = ""
    failing_since: str = ""


@dataclass(frozen=True)
class ReportInputs:
    today: datetime.date
    departments: tuple[Department, ...]
    datasets: tuple[DatasetFacts, ...] = ()
    list_entries: tuple[ListEntry, ...] = ()
    responsibilities: tuple[ResponsibilityFacts, ...] = ()
    higher_level: tuple[HigherLevelFacts, ...] = ()
    link_checks: tuple[LinkFacts, ...] = ()
    departments_with_list: frozenset[str] = field(default_factory=frozenset)
