"""Indexes over the report's inputs, built once and shared by every rule and the indicators."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ckanext.zhangdian.reports.facts import (
    DatasetFacts, ListEntry, ReportInputs, ResourceFacts, ResponsibilityFacts)
from ckanext.zhangdian.reports.metadata_score import MetadataScore, metadata_score
from ckanext.zhangdian.reports.text import normalise_title


@dataclass(frozen=True, slots=True)
class Settings:
    metadata_score_minimum: int = 55


class ReportContext:
    def __init__(self, inputs: ReportInputs, settings: Settings = Settings()):
        self.inputs = inputs
        self.settings = settings
        self.today = inputs.today
        self.departments = {department.id: department for department in inputs.departments}

    @cached_property
    def published(self) -> tuple[DatasetFacts, ...]:
        """Datasets the public sees in the catalog (private ones are drafts or withdrawn)."""
        return tuple(dataset for dataset in self.inputs.datasets if not dataset.private)

    @cached_property
    def published_by_department(self) -> dict[str, list[DatasetFacts]]:
        grouped: dict[str, list[DatasetFacts]] = defaultdict(list)
        for dataset in self.published:
            grouped[dataset.department].append(dataset)
        return grouped

    @cached_property
    def entries_by_department(self) -> dict[str, list[ListEntry]]:
        grouped: dict[str, list[ListEntry]] = defaultdict(list)
        for entry in self.inputs.list_entries:
            grouped[entry.department].append(entry)
        return grouped

    @cached_property
    def required_by_department(self) -> dict[str, list[ResponsibilityFacts]]:
        grouped: dict[str, list[ResponsibilityFacts]] = defaultdict(list)
        for item in self.inputs.responsibilities:
            grouped[item.department].append(item)
        return grouped

    @cached_property
    def published_by_code(self) -> dict[tuple[str, str], DatasetFacts]:
        """(department, resource code) → published dataset."""
        return {(dataset.department, dataset.resource_code): dataset for dataset in self.published
                if dataset.resource_code}

    @cached_property
    def known_by_department(self) -> dict[str, tuple[set[str], set[str]]]:
        """department → (resource codes, normalised titles) in its list or its published catalog."""
        known: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for item in (*self.inputs.list_entries, *self.published):
            codes, titles = known[item.department]
            if item.resource_code:
                codes.add(item.resource_code)
            titles.add(normalise_title(item.title))
        return known

    @cached_property
    def link_failures(self) -> frozenset[tuple[str, str]]:
        return frozenset((check.resource_id, check.target) for check in self.inputs.link_checks
                         if not check.ok)

    @cached_property
    def dataset_of_resource(self) -> dict[str, tuple[DatasetFacts, ResourceFacts]]:
        return {resource.id: (dataset, resource) for dataset in self.inputs.datasets
                for resource in dataset.resources}

    @cached_property
    def scores(self) -> dict[str, MetadataScore]:
        failures = self.link_failures
        return {dataset.id: metadata_score(dataset, failures) for dataset in self.published}
