"""6. Not machine-readable: tabular data only as PDF/Word/images; Excel ranks below CSV/JSON."""

from __future__ import annotations

from typing import Iterator

from ckanext.zhangdian.reports import formats
from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.text import day


def check(context: ReportContext) -> Iterator[Finding]:
    for dataset in context.published:
        resources = dataset.data_resources
        if not resources or dataset.open_attribute == "closed":
            continue
        found = sorted({formats.normalise(resource.format) for resource in resources} - {""})
        best = formats.best_class(found)
        since = day(min(resource.created for resource in resources))
        if best == "not_machine_readable":
            yield Finding(
                "not_machine_readable", dataset.department, dataset.resource_code, dataset.title,
                Message.of("Only published as {formats}, which programs cannot read.", formats=", ".join(found)),
                Message.of("Publish the table as CSV (UTF-8) or JSON; keep the document as an attachment if "
                           "needed."),
                since, dataset.name, (("formats", ", ".join(found)),))
        elif best == "proprietary":
            yield Finding(
                "not_machine_readable", dataset.department, dataset.resource_code, dataset.title,
                Message.of("Only published as {formats} (Excel ranks below CSV/JSON).", formats=", ".join(found)),
                Message.of("Also publish CSV (UTF-8) or JSON."),
                since, dataset.name, (("formats", ", ".join(found)),))
