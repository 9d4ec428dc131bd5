"""1. Required by the responsibility list (责任清单) but absent from the department's open-data list."""

from __future__ import annotations

from typing import Iterator

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.text import day, normalise_title


def check(context: ReportContext) -> Iterator[Finding]:
    for item in context.inputs.responsibilities:
        codes, titles = context.known_by_department[item.department]
        if (item.resource_code and item.resource_code in codes) or normalise_title(item.title) in titles:
            continue
        if item.department in context.inputs.departments_with_list:
            problem = Message.of("Required by the responsibility list but not in the department's "
                                 "open-data list.")
        else:
            problem = Message.of("Required by the responsibility list; the department has not "
                                 "registered an open-data list yet.")
        yield Finding(
            "missing_from_list", item.department, item.resource_code, item.title, problem,
            Message.of("Add the resource to the open-data list with its data file, or state the legal "
                       "basis if it cannot be opened."),
            day(item.created), details=(("basis", item.basis),) if item.basis else ())
