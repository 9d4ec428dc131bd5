"""8. Repeated reporting: the same resource registered by more than one department, or already open at
a higher level (city/provincial catalogs) — the grassroots complaint this portal exists to end.

Matched on resource code, normalised title and field-set similarity (``matching``). Among departments
the authoritative source is the one whose responsibility list names the resource, else the one that
registered it first; every other registration gets a finding naming it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.matching import Entry, Match, matches
from ckanext.zhangdian.reports.text import day, normalise_title

HIGHER = "level:"
BASIS_LABELS = {"code": "same resource code", "title": "same title", "fields": "fields alike: {percent}%"}


def _registrations(context: ReportContext) -> tuple[list[Entry], dict[str, tuple[str, str]]]:
    """Entries for published datasets, list rows not (yet) published and higher-level entries, plus
    each entry's (since, dataset name)."""
    entries, about = [], {}
    for dataset in context.published:
        entries.append(Entry(f"d:{dataset.id}", dataset.department, dataset.resource_code, dataset.title,
                             dataset.field_names))
        about[f"d:{dataset.id}"] = (day(dataset.metadata_created), dataset.name)
    for entry in context.inputs.list_entries:
        if (entry.department, entry.resource_code) not in context.published_by_code:
            key = f"l:{entry.department}:{entry.resource_code}"
            entries.append(Entry(key, entry.department, entry.resource_code, entry.title))
            about[key] = (day(entry.first_listed), "")
    for number, higher in enumerate(context.inputs.higher_level):
        entries.append(Entry(f"h:{number}", f"{HIGHER}{number}", higher.resource_code, higher.title,
                             higher.field_names))
    return entries, about


def _basis(match: Match) -> Message:
    return Message.of(BASIS_LABELS[match.basis], percent=round(match.similarity * 100))


def check(context: ReportContext) -> Iterator[Finding]:
    entries, about = _registrations(context)
    between_departments: dict[str, list[tuple[Entry, Match]]] = defaultdict(list)
    for match in matches(entries):
        left_higher, right_higher = (e.owner.startswith(HIGHER) for e in (match.left, match.right))
        if left_higher and right_higher:
            continue
        if left_higher or right_higher:
            registration, higher = (match.right, match.left) if left_higher else (match.left, match.right)
            yield _higher_level_finding(context, registration, higher, match, about)
        else:
            between_departments[match.left.key].append((match.right, match))
            between_departments[match.right.key].append((match.left, match))
    required = {(item.department, item.resource_code) for item in context.inputs.responsibilities} | {
        (item.department, normalise_title(item.title)) for item in context.inputs.responsibilities}
    by_key = {entry.key: entry for entry in entries}
    for key, others in between_departments.items():
        entry = by_key[key]
        authority, match = min(((other, m) for other, m in others), key=lambda pair: _priority(
            pair[0], required, about, context))
        if _priority(entry, required, about, context) < _priority(authority, required, about, context):
            continue  # this registration is the authoritative one
        department = context.departments.get(authority.owner)
        since, dataset_name = about[key]
        yield Finding(
            "repeated_reporting", entry.owner, entry.resource_code, entry.title,
            Message.of("Also registered by {department} as “{title}” ({basis}).",
                       department=department.title if department else authority.owner,
                       title=authority.title, basis=_basis(match)),
            Message.of("Use {department}'s resource as the authoritative source: withdraw this "
                       "registration or link to it instead of reporting the data again.",
                       department=department.title if department else authority.owner),
            since, dataset_name, (("authoritative_department", department.name if department else ""),))


def _priority(entry: Entry, required, about, context: ReportContext) -> tuple:
    """Lower is more authoritative: named by a responsibility list, then registered first."""
    is_required = (entry.owner, entry.resource_code) in required or (
        entry.owner, normalise_title(entry.title)) in required
    department = context.departments.get(entry.owner)
    return (not is_required, about[entry.key][0] or "9999", department.name if department else entry.owner)


def _higher_level_finding(context: ReportContext, registration: Entry, higher_entry: Entry, match: Match,
                          about) -> Finding:
    higher = context.inputs.higher_level[int(higher_entry.owner[len(HIGHER):])]
    since, dataset_name = about[registration.key]
    return Finding(
        "repeated_reporting", registration.owner, registration.resource_code, registration.title,
        Message.of("Already open in {catalog} as “{title}”{publisher} ({basis}).", catalog=higher.catalog,
                   title=higher.title, publisher=f"（{higher.publisher}）" if higher.publisher else "",
                   basis=_basis(match)),
        Message.of("Link to the {catalog} entry instead of reporting the data again; keep only data "
                   "specific to the district here.", catalog=higher.catalog),
        since, dataset_name, (("higher_level_url", higher.url),))
