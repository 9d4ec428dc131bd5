"""Metadata score (0–100) of a dataset, modelled on the EU data.europa.eu Metadata Quality Assessment.

MQA's 405 points over five dimensions, each criterion mapped to our fields (docs/reports.md has the
table). Criteria about the data files do not apply to 不予开放 datasets (their data is not published):
their score is over the criteria that apply. MQA's "DCAT-AP compliance" (30 points) is replaced by our
equivalent, a data dictionary (信息项) for the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Collection

from ckanext.zhangdian.reports import formats
from ckanext.zhangdian.reports.facts import DatasetFacts
from ckanext.zhangdian.reports.findings import Message

OPEN_LICENSES = frozenset({"cc-by", "cc-by-sa", "cc-zero", "cc-nc", "odc-by", "odc-odbl", "odc-pddl",
                           "other-open", "other-pd", "other-at", "gfdl", "uk-ogl"})


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    dimension: str
    label: str  # msgid
    points: int
    needs_data: bool
    met: Callable[[DatasetFacts, Collection[tuple[str, str]]], bool]


def _formats(dataset: DatasetFacts) -> set[str]:
    return {formats.normalise(resource.format) for resource in dataset.data_resources if resource.format}


def _reachable(dataset: DatasetFacts, failures: Collection[tuple[str, str]], target: str) -> bool:
    return bool(dataset.data_resources) and not any(
        (resource.id, target) in failures for resource in dataset.data_resources)


def _rights_stated(dataset: DatasetFacts) -> bool:
    if dataset.open_attribute == "conditional":
        return bool(dataset.open_conditions)
    if dataset.open_attribute == "closed":
        return bool(dataset.legal_basis)
    return bool(dataset.license_id)


CRITERIA: tuple[Criterion, ...] = (
    Criterion("keywords", "findability", "keywords", 30, False, lambda d, f: d.tag_count > 0),
    Criterion("theme", "findability", "theme", 30, False, lambda d, f: bool(d.theme)),
    Criterion("spatial", "findability", "spatial coverage", 20, False, lambda d, f: bool(d.spatial_code)),
    Criterion("temporal", "findability", "temporal coverage", 20, False,
              lambda d, f: bool(d.temporal_start or d.temporal_end)),
    Criterion("access_url", "accessibility", "reachable source link", 50, True,
              lambda d, f: _reachable(d, f, "source")),
    Criterion("download_url", "accessibility", "data file", 20, True, lambda d, f: bool(d.data_resources)),
    Criterion("download_reachable", "accessibility", "downloadable data file", 30, True,
              lambda d, f: _reachable(d, f, "file")),
    Criterion("format", "interoperability", "file format", 20, True,
              lambda d, f: bool(d.data_resources) and all(r.format for r in d.data_resources)),
    Criterion("media_type", "interoperability", "media type", 10, True,
              lambda d, f: bool(d.data_resources) and all(r.mimetype or formats.normalise(r.format)
                                                          in formats.KNOWN for r in d.data_resources)),
    Criterion("format_vocabulary", "interoperability", "format from the controlled vocabulary", 10, True,
              lambda d, f: bool(_formats(d)) and _formats(d) <= formats.KNOWN),
    Criterion("non_proprietary", "interoperability", "non-proprietary format", 20, True,
              lambda d, f: bool(_formats(d) & formats.OPEN_MACHINE_READABLE)),
    Criterion("machine_readable", "interoperability", "machine-readable format", 20, True,
              lambda d, f: bool(_formats(d) & (formats.OPEN_MACHINE_READABLE
                                               | formats.PROPRIETARY_MACHINE_READABLE))),
    Criterion("data_dictionary", "interoperability", "data dictionary", 30, False,
              lambda d, f: bool(d.field_names)),
    Criterion("license", "reusability", "licence", 20, False, lambda d, f: bool(d.license_id)),
    Criterion("license_vocabulary", "reusability", "open licence", 10, False,
              lambda d, f: d.license_id.lower() in OPEN_LICENSES),
    Criterion("access_rights", "reusability", "open attribute", 10, False, lambda d, f: bool(d.open_attribute)),
    Criterion("access_rights_vocabulary", "reusability", "basis of the open attribute", 5, False,
              lambda d, f: d.open_attribute == "unconditional"
              or bool(d.exception_reason and d.legal_basis)),
    Criterion("contact", "reusability", "contact point", 20, False,
              lambda d, f: bool(d.contact_name and (d.contact_phone or d.contact_email))),
    Criterion("publisher", "reusability", "provider department", 10, False, lambda d, f: bool(d.department)),
    Criterion("rights", "contextuality", "usage rights", 5, False, lambda d, f: _rights_stated(d)),
    Criterion("byte_size", "contextuality", "file size", 5, True,
              lambda d, f: bool(d.data_resources) and all(r.size for r in d.data_resources)),
    Criterion("issued", "contextuality", "publish date", 5, False, lambda d, f: bool(d.issued)),
    Criterion("modified", "contextuality", "last data update", 5, False, lambda d, f: bool(d.data_updated)),
)
MAXIMUM_POINTS = sum(criterion.points for criterion in CRITERIA)  # 405, as in MQA


@dataclass(frozen=True, slots=True)
class MetadataScore:
    score: int  # 0–100
    points: int
    applicable_points: int
    missing: tuple[Message, ...]

    @property
    def band(self) -> str:
        """MQA's bands (excellent 351–405, good 221–350, sufficient 121–220, bad 0–120), scaled to 100."""
        if self.score >= 87:
            return "excellent"
        if self.score >= 55:
            return "good"
        if self.score >= 30:
            return "sufficient"
        return "bad"


def metadata_score(dataset: DatasetFacts, link_failures: Collection[tuple[str, str]] = ()) -> MetadataScore:
    """``link_failures``: (resource id, "source"|"file") pairs whose last link check failed."""
    applies = [c for c in CRITERIA if not (c.needs_data and dataset.open_attribute == "closed")]
    met = {c.code for c in applies if c.met(dataset, link_failures)}
    points = sum(c.points for c in applies if c.code in met)
    possible = sum(c.points for c in applies)
    missing = tuple(Message.of(c.label) for c in applies if c.code not in met)
    return MetadataScore(round(100 * points / possible), points, possible, missing)
