"""``/dataset/<id>/resource/<resource_id>/as/<csv|xlsx|json>``: a stored CSV file in the three formats
(``conversions.py``), and the download counter.

The data gate applies: ``resource_show`` runs the extension's chained auth (open / conditional /
closed), exactly as for CKAN's own ``/download``. Each successful download — of these three formats and
of CKAN's ``/download`` (format ``file``; for a linked file its redirect) — adds one to
:class:`~ckanext.zhangdian.model.DownloadCount` for the day, in an atomic upsert. Refusals, errors, HEAD
and range requests and the validation reports published in place of failed files are not counted.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib.uploader import get_resource_uploader
from flask import Blueprint, Response, request, send_file
from sqlalchemy.dialects.postgresql import insert

from ckanext.zhangdian import clock, conversions, policy
from ckanext.zhangdian.model import DownloadCount

log = logging.getLogger(__name__)

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
FILE_FORMAT = "file"  # CKAN's own /download of the stored file, in the counts
TOO_LARGE_FOR_EXCEL = {
    "rows": "The data has more rows than the portal converts to Excel: download it as CSV or JSON.",
    "columns": "The data has more columns than an Excel worksheet holds: download it as CSV or JSON.",
    "cell": "A cell is longer than Excel allows (32,767 characters): download the data as CSV or JSON.",
}

downloads = Blueprint("zhangdian_downloads", __name__)

__all__ = ["downloads", "count_download"]


def _xlsx_cache() -> Path:
    return Path(tk.config.get("ckan.storage_path")) / "zhangdian_xlsx"


@downloads.route("/dataset/<id>/resource/<resource_id>/as/<fmt>")
def convert(id: str, resource_id: str, fmt: str):
    """The resource's data as ``fmt`` — 403 behind the data gate, 404 without a stored CSV, 422 when
    the file cannot be read or does not fit in Excel."""
    if fmt not in MIMETYPES:
        return tk.abort(404, tk._("Downloads are offered as CSV, XLSX and JSON."))
    try:
        resource = tk.get_action("resource_show")(policy.current_context(), {"id": resource_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource not found"))
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error) or tk._("You may not download the data of this dataset."))
    package = model.Package.get(id)
    if package is None or package.id != resource.get("package_id"):
        return tk.abort(404, tk._("Resource not found"))
    if not conversions.is_convertible(resource):
        return tk.abort(404, tk._("Only data files stored on the portal as CSV can be converted."))
    path = get_resource_uploader(resource).get_path(resource["id"])
    if not os.path.isfile(path):
        return tk.abort(404, tk._("The data file is missing."))
    title = package.title or package.name
    several = sum(1 for res in package.resources if conversions.is_convertible(
        {"url_type": res.url_type, "format": res.format})) > 1
    filename = conversions.download_filename(title, resource.get("name", "") if several else "", fmt)
    headers = {"Content-Disposition": conversions.content_disposition(filename, f"{package.name}.{fmt}")}
    try:
        if fmt == "xlsx":
            cached = conversions.cached_xlsx(path, _xlsx_cache(), resource["id"], title,
                                                conversions.xlsx_max_rows())
            response = send_file(cached, mimetype=MIMETYPES[fmt], conditional=False, etag=False)
            response.headers.update(headers)
            return response
        encoding = conversions.encoding_of(path)  # CSV and JSON need no shape: they fit any size
    except conversions.UnreadableFile:
        return tk.abort(422, tk._("The data file is not text in UTF-8, UTF-16 or GB18030 and cannot be "
                                  "converted: download the original file."))
    except conversions.TooLargeForExcel as error:
        return tk.abort(422, tk._(TOO_LARGE_FOR_EXCEL[error.limit]))
    chunks = conversions.csv_chunks if fmt == "csv" else conversions.json_chunks
    return Response(chunks(path, encoding), content_type=MIMETYPES[fmt], headers=headers)


# Counting


def count_download(resource_id: str, package_id: str, fmt: str, day: datetime.date | None = None) -> None:
    """Add one download of ``resource_id`` in ``fmt`` on ``day`` (today): one atomic upsert, in its own
    transaction (the request's session is left alone)."""
    table = DownloadCount.__table__
    statement = insert(table).values(resource_id=resource_id, package_id=package_id, format=fmt,
                                     day=day or clock.today(), count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.resource_id, table.c.format, table.c.day],
        set_={"count": table.c["count"] + 1, "package_id": statement.excluded.package_id})
    with model.meta.engine.begin() as connection:
        connection.execute(statement)


def _counted_format(status: int) -> str | None:
    """The format a request downloaded, None when it was not a successful download."""
    endpoint = request.endpoint or ""
    if endpoint == "zhangdian_downloads.convert" and status == 200:
        return (request.view_args or {}).get("fmt")
    if (endpoint == "resource.download" or endpoint.endswith("_resource.download")) and status in (200, 302):
        return FILE_FORMAT  # 302: a linked file, sent on to its address
    return None


def _is_validation_report(resource: model.Resource) -> bool:
    """The harvester publishes a failed file's report in place of its data: reading it is no download."""
    return (resource.extras or {}).get("validation_status") in ("invalid", "blocked")


@downloads.after_app_request
def _count_successful_downloads(response: Response) -> Response:
    """Count a download once its response starts successfully (not ranges, HEAD or errors)."""
    if request.method != "GET" or request.range is not None:
        return response
    fmt = _counted_format(response.status_code)
    resource_id = (request.view_args or {}).get("resource_id")
    if fmt is None or not resource_id:
        return response
    try:
        resource = model.Resource.get(resource_id)
        if resource is not None and not _is_validation_report(resource):
            count_download(resource.id, resource.package_id, fmt)
    except sa.exc.SQLAlchemyError:  # a counter must never break a download
        log.exception("could not count a download of resource %s", resource_id)
    return response
