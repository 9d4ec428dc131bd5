"""Settings of the ``zhangdian_list`` harvester, read from CKAN's config and each source's config."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from zhangdian_harvesters.fetch import FetchOptions
from zhangdian_harvesters.lists import DEFAULT_LIST_MAX_BYTES


def validate_source_config(config: str | None) -> str | None:
    """A source's config is optional JSON: ``{"defaults": {"更新周期": "每月", …}}``."""
    if not config:
        return config
    try:
        parsed = json.loads(config)
    except ValueError as error:
        raise ValueError(tk._("The source configuration is not valid JSON: {error}").format(error=error))
    defaults = parsed.get("defaults", {}) if isinstance(parsed, dict) else None
    if not isinstance(defaults, dict) or not all(isinstance(v, str) for v in defaults.values()):
        raise ValueError(tk._('The source configuration must look like {"defaults": {"column": "value"}}.'))
    return config


def source_defaults(config: str | None) -> dict[str, str]:
    return json.loads(config).get("defaults", {}) if config else {}


def list_location(url: str) -> str:
    """An http(s) URL as is; a local list (path or file:// URL) only inside the allowed folder or
    among the lists departments uploaded through the portal."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return url
    resolved = Path(parts.path if parts.scheme == "file" else url).resolve()
    if resolved.is_relative_to(uploaded_lists_root().resolve()):
        return str(resolved)
    root = tk.config.get("ckanext.zhangdian.harvest_local_root")
    if not root:
        raise ValueError(tk._("Local lists are not enabled on this portal; give an http(s) URL."))
    allowed = Path(root).resolve()
    if not resolved.is_relative_to(allowed):
        raise ValueError(tk._("Local lists must be inside {folder}.").format(folder=allowed))
    return str(resolved)


def uploaded_lists_root() -> Path:
    """Where lists uploaded in the browser are kept (one folder per department)."""
    return Path(tk.config.get("ckan.storage_path")) / "zhangdian_lists"


def fetch_options() -> FetchOptions:
    """Download settings for data files."""
    return FetchOptions(
        allow_hosts=tuple(tk.config.get("ckanext.zhangdian.harvest_allow_hosts")),
        max_bytes=tk.config.get("ckanext.zhangdian.harvest_max_file_mb") * 1024 * 1024,
    )


def list_fetch_options() -> FetchOptions:
    """Download settings for lists: the same allow-list, the (smaller) list size cap."""
    return dataclasses.replace(fetch_options(), max_bytes=DEFAULT_LIST_MAX_BYTES)


def workdir(harvest_object_id: str) -> Path:
    """Where a harvest object's downloaded and normalised files wait between fetch and import."""
    return Path(tk.config.get("ckan.storage_path")) / "zhangdian_harvest" / harvest_object_id
