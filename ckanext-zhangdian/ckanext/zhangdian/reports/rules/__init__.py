"""One rule per finding kind (``findings.KINDS``); each is ``check(context) -> Iterable[Finding]``."""

from __future__ import annotations

from ckanext.zhangdian.reports.rules import (
    broken_link, exception_basis, metadata_incomplete, missing_from_list, not_machine_readable,
    not_published, repeated_reporting, stale)

RULES = {
    "missing_from_list": missing_from_list.check,
    "not_published": not_published.check,
    "exception_basis": exception_basis.check,
    "stale": stale.check,
    "metadata_incomplete": metadata_incomplete.check,
    "not_machine_readable": not_machine_readable.check,
    "broken_link": broken_link.check,
    "repeated_reporting": repeated_reporting.check,
}
