"""7. Broken download links: a resource's source URL or its mirrored file failed the last link check."""

from __future__ import annotations

from typing import Iterator

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.text import day


def check(context: ReportContext) -> Iterator[Finding]:
    for link in context.inputs.link_checks:
        if link.ok or link.resource_id not in context.dataset_of_resource:
            continue
        dataset, resource = context.dataset_of_resource[link.resource_id]
        if dataset.private:
            continue
        if link.target == "file":
            problem = Message.of("The mirrored file of “{resource}” is missing ({status}).",
                                 resource=resource.name, status=link.status)
            action = Message.of("Harvest the list again to mirror the file, or ask the platform "
                                "administrator to restore it.")
        else:
            problem = Message.of("The source link of “{resource}” cannot be downloaded: {url} ({status}).",
                                 resource=resource.name, url=link.url, status=link.status)
            action = Message.of("Fix the data file link in the open-data list or restore the file on the "
                                "department's server.")
        yield Finding("broken_link", dataset.department, dataset.resource_code, dataset.title, problem,
                      action, day(link.failing_since), dataset.name,
                      (("url", link.url), ("status", link.status)))
