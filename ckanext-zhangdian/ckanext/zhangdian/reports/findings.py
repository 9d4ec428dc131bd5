"""Findings of the gap report: the eight kinds, and one finding = department, resource, what is wrong,
what to do, since when.

User-facing text is kept as :class:`Message` (an English msgid plus parameters) and translated where it
is shown (pages, API, downloads) with CKAN's i18n; the msgids are in the extension's ``i18n`` catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

Gettext = Callable[[str], str]


def identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Message:
    msgid: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msgid: str, **params: object) -> "Message":
        return cls(msgid, tuple(sorted(params.items())))

    def render(self, gettext: Gettext = identity) -> str:
        return gettext(self.msgid).format(**{key: _rendered(value, gettext) for key, value in self.params})


def _rendered(value, gettext: Gettext):
    """Parameters may be messages themselves, or tuples of them (joined with the Chinese list comma)."""
    if isinstance(value, Message):
        return value.render(gettext)
    if isinstance(value, tuple):
        return "、".join(str(_rendered(item, gettext)) for item in value)
    return value


@dataclass(frozen=True, slots=True)
class FindingKind:
    code: str
    number: int
    label: str  # msgid
    description: str  # msgid


KINDS: tuple[FindingKind, ...] = (
    FindingKind("missing_from_list", 1, "Missing from the open-data list",
                "Required by the responsibility list but absent from the department's open-data list."),
    FindingKind("not_published", 2, "Listed but not published",
                "Listed as open but not published, published without data, or its data failed validation."),
    FindingKind("exception_basis", 3, "Exception without valid basis",
                "Conditionally open or not open without a legal basis, or past its re-review date."),
    FindingKind("stale", 4, "Not updated on time",
                "The last data update is older than the declared update frequency allows."),
    FindingKind("metadata_incomplete", 5, "Metadata incomplete",
                "The metadata score is below the required minimum."),
    FindingKind("not_machine_readable", 6, "Not machine-readable",
                "Tabular data only as PDF, Word or images, or only as Excel workbooks."),
    FindingKind("broken_link", 7, "Broken download link",
                "The source URL or the mirrored file of a resource cannot be downloaded."),
    FindingKind("repeated_reporting", 8, "Repeated reporting",
                "The same resource is registered by another department or already open at a higher level."),
)
KIND_BY_CODE = {kind.code: kind for kind in KINDS}


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    department: str  # organization id
    resource_code: str
    resource_title: str
    problem: Message
    action: Message
    since: str  # ISO date
    dataset: str = ""  # dataset name, when the resource is published
    details: tuple[tuple[str, str], ...] = field(default=())

    def as_dict(self, gettext: Gettext = identity) -> dict:
        kind = KIND_BY_CODE[self.kind]
        return {
            "kind": self.kind, "kind_number": kind.number, "kind_label": gettext(kind.label),
            "department": self.department, "resource_code": self.resource_code,
            "resource_title": self.resource_title, "dataset": self.dataset,
            "problem": self.problem.render(gettext), "action": self.action.render(gettext),
            "since": self.since, **dict(self.details),
        }
