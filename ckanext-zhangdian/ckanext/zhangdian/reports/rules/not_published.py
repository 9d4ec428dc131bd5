"""2. Listed as open but not published; published without data; data failed validation."""

from __future__ import annotations

from typing import Iterator

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.text import day


def check(context: ReportContext) -> Iterator[Finding]:
    yield from _listed_not_published(context)
    for dataset in context.published:
        if dataset.open_attribute == "closed":
            continue
        reports = [resource for resource in dataset.resources if resource.is_validation_report]
        if dataset.data_resources:
            continue
        if reports:
            blocked = any(resource.validation_status == "blocked" for resource in reports)
            yield Finding(
                "not_published", dataset.department, dataset.resource_code, dataset.title,
                Message.of("The data file contains unmasked personal information and was not published.")
                if blocked else Message.of("The data file failed validation and was not published."),
                Message.of("Open the validation report, fix the file by row and column, then harvest again."),
                day(max(resource.last_modified or resource.created for resource in reports)),
                dataset.name, (("validation_status", "blocked" if blocked else "invalid"),))
        else:
            yield Finding(
                "not_published", dataset.department, dataset.resource_code, dataset.title,
                Message.of("Published without a data file."),
                Message.of("Give the data file (数据文件) in the open-data list so it can be published."),
                day(dataset.metadata_created), dataset.name)


def _listed_not_published(context: ReportContext) -> Iterator[Finding]:
    for entry in context.inputs.list_entries:
        if entry.policy_problem or (entry.department, entry.resource_code) in context.published_by_code:
            continue  # a missing legal basis is finding 3
        yield Finding(
            "not_published", entry.department, entry.resource_code, entry.title,
            Message.of("In the open-data list (row {row}) but not published.", row=entry.row or "?"),
            Message.of("Check the harvest job's errors for this row, fix the list or the data file, "
                       "then harvest again."),
            day(entry.first_listed))
