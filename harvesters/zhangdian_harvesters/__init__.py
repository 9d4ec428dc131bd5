"""Harvesters: turn departments' open-data lists into published, validated CKAN datasets.

CKAN-free: talks to CKAN only through ``ckanapi``. The list core (public API):

- :func:`read_list` — read and validate a list (path or URL) → :class:`ListResult`;
- :func:`to_dataset_dict`, :func:`dataset_name`, :func:`info_items_to_table_schema`;
- :func:`fetch` — safe http(s) download → :class:`FetchResult`;
- exceptions (:class:`ListError` …, :class:`FetchError` …) from :mod:`zhangdian_harvesters.errors`.

The names are imported eagerly: ``fetch`` is both a submodule and a function, and the function must win.
"""

from zhangdian_harvesters.dataset_dict import dataset_name, info_items_to_table_schema, to_dataset_dict
from zhangdian_harvesters.errors import (
    FetchError,
    FetchHTTPError,
    FetchRefusedError,
    FetchTooLargeError,
    HarvestError,
    ListEmptyError,
    ListError,
    ListHeaderError,
    ListUnreadableError,
    PortalErrorResponse,
)
from zhangdian_harvesters.fetch import FetchOptions, FetchResult, fetch
from zhangdian_harvesters.lists import read_list
from zhangdian_harvesters.records import Finding, InfoItem, ListRecord, ListResult, RowProblem

__all__ = [
    "FetchError", "FetchHTTPError", "FetchOptions", "FetchRefusedError", "FetchResult",
    "FetchTooLargeError", "Finding", "HarvestError", "InfoItem", "ListEmptyError", "ListError",
    "ListHeaderError", "ListRecord", "ListResult", "ListUnreadableError", "PortalErrorResponse",
    "RowProblem", "dataset_name", "fetch", "info_items_to_table_schema", "read_list", "to_dataset_dict",
]
