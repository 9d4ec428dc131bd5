"""Checking download links for finding 7: each resource's source URL (where the department publishes
the file) and its mirrored copy in the portal's storage.

URLs go through the harvester's own safe downloader (address checks, allow-list, portal error pages
recognised), reading at most the first 64 KB: a file larger than that is reachable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
from typing import Callable, Iterator

import ckan.model as model
from ckan.lib.uploader import get_resource_uploader
from zhangdian_harvesters.errors import FetchError, FetchTooLargeError
from zhangdian_harvesters.fetch import fetch

from ckanext.zhangdian import harvest_settings
from ckanext.zhangdian.model import LinkCheck

PROBE_BYTES = 64 * 1024


@dataclasses.dataclass(frozen=True)
class Target:
    resource_id: str
    package_id: str
    target: str  # "source" | "file"
    url: str


def _targets(package_id: str | None) -> Iterator[Target]:
    resources = (model.Session.query(model.Resource).join(model.Package)
                 .filter(model.Resource.state == "active", model.Package.state == "active"))
    if package_id:
        resources = resources.filter(model.Resource.package_id == package_id)
    for resource in resources:
        extras = resource.extras or {}
        source = extras.get("source_url") or ("" if resource.url_type == "upload" else resource.url)
        if source and source.startswith(("http://", "https://")):
            yield Target(resource.id, resource.package_id, "source", source)
        if resource.url_type == "upload":
            yield Target(resource.id, resource.package_id, "file", resource.url)


def probe_url(url: str) -> tuple[bool, str]:
    options = dataclasses.replace(harvest_settings.fetch_options(), max_bytes=PROBE_BYTES, retries=1,
                                  total_timeout=30.0, read_timeout=20.0)
    try:
        result = fetch(url, options)
    except FetchTooLargeError:
        return True, "OK"
    except FetchError as error:
        return False, error.message
    result.path.unlink(missing_ok=True)
    return True, "OK"


def probe_file(resource_id: str) -> tuple[bool, str]:
    path = get_resource_uploader({"id": resource_id, "url_type": "upload"}).get_path(resource_id)
    if os.path.isfile(path):
        return True, "OK"
    return False, "存储中找不到文件"


def check_links(progress: Callable[[int], contextlib.AbstractContextManager] | None = None, package_id: str | None = None
                ) -> dict[str, int]:
    """Check every resource link (or one dataset's), store the results, return {"checked", "broken"}.
    ``progress(total)`` returns a context manager with ``update(n)`` (a click progress bar)."""
    targets = list(_targets(package_id))
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    bar = progress(len(targets)) if progress else contextlib.nullcontext(None)
    with bar as advance:
        broken = _check_all(targets, now, advance)
    if package_id is None:
        _forget_removed(targets)
    model.Session.commit()
    return {"checked": len(targets), "broken": broken}


def _check_all(targets: list[Target], now: datetime.datetime, advance) -> int:
    broken = 0
    for target in targets:
        ok, status = probe_file(target.resource_id) if target.target == "file" else probe_url(target.url)
        broken += not ok
        stored = model.Session.get(LinkCheck, (target.resource_id, target.target)) or LinkCheck(
            resource_id=target.resource_id, target=target.target)
        stored.package_id, stored.url, stored.status, stored.checked_at = (
            target.package_id, target.url, status, now)
        stored.failing_since = None if ok else (stored.failing_since if stored.ok is False else now)
        stored.ok = ok
        model.Session.add(stored)
        if advance is not None:
            advance.update(1)
    return broken


def _forget_removed(targets: list[Target]) -> None:
    """Results of links that no longer exist (resource deleted, file replaced) are dropped."""
    known = {(target.resource_id, target.target) for target in targets}
    for stale in model.Session.query(LinkCheck):
        if (stale.resource_id, stale.target) not in known:
            model.Session.delete(stale)
