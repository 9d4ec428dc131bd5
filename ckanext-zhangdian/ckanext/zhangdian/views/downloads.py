"""Downloads of a resource's data as CSV, XLSX and JSON, and the download counter.

``/dataset/<id>/resource/<resource_id>/as/<fmt>`` converts the stored CSV of an uploaded resource (the
harvester mirrors every valid data file as normalised UTF-8 CSV):

- ``csv``: the file as UTF-8 with a byte order mark, so Excel opens Chinese text correctly; streamed;
- ``xlsx``: one worksheet, every cell text (18-digit codes and leading zeros stay intact, and a value
  starting with ``=`` is never a formula); built with openpyxl's write-only mode in a temporary file;
- ``json``: an array of objects keyed by the header row; streamed.

The data gate applies: the extension's chained ``resource_show`` auth decides (open / conditional /
closed), exactly as for CKAN's own ``/download``. Each successful download — of these three formats
and of CKAN's ``/download`` of the stored file (format ``file``) — adds one to
:class:`~ckanext.zhangdian.model.DownloadCount` for the day, in an atomic upsert.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import json
import logging
import os
import re
import tempfile
from typing import IO, Iterable, Iterator
from urllib.parse import quote

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib.uploader import get_resource_uploader
from flask import Blueprint, Response, request
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy.dialects.postgresql import insert
from werkzeug.wsgi import wrap_file

from ckanext.zhangdian import policy
from ckanext.zhangdian.model import DownloadCount

log = logging.getLogger(__name__)

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
FILE_FORMAT = "file"  # CKAN's own /download of the stored file, in the counts
CHUNK = 64 * 1024
SNIFF = 1024 * 1024  # bytes read to tell UTF-8 from GB18030
XLSX_MAX_ROWS = 1_048_576
_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')
_UNSAFE_IN_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]+")

downloads = Blueprint("zhangdian_downloads", __name__)

__all__ = ["downloads", "count_download", "is_convertible", "MIMETYPES"]


class TooManyRows(Exception):
    """The data does not fit in one worksheet."""


def is_convertible(resource: dict) -> bool:
    """An uploaded (mirrored) CSV file: what the conversions read. Validation reports are HTML/TXT."""
    return resource.get("url_type") == "upload" and (resource.get("format") or "").strip().upper() == "CSV"


# Reading the stored CSV


def _encoding(path: str) -> str:
    """``utf-8-sig`` for UTF-8 (a BOM is dropped), else GB18030 (files uploaded by hand from Excel)."""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _open_text(path: str) -> IO[str]:
    return open(path, encoding=_encoding(path), errors="replace", newline="")


def _rows(path: str) -> Iterator[list[str]]:
    """The CSV's rows; blank lines are not rows."""
    with _open_text(path) as handle:
        yield from (row for row in csv.reader(handle) if row)


def _encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    """Text pieces as UTF-8 chunks of about :data:`CHUNK` bytes."""
    buffer, size = [], 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


# The three formats


def csv_chunks(path: str) -> Iterator[bytes]:
    """The file as UTF-8 with one byte order mark, whatever its stored encoding."""
    def pieces() -> Iterator[str]:
        yield "\ufeff"
        with _open_text(path) as handle:
            yield from iter(lambda: handle.read(CHUNK), "")
    return _encoded(pieces())


def json_chunks(path: str) -> Iterator[bytes]:
    """``[{header: value, …}, …]``; short rows are padded with "", cells beyond the header dropped."""
    def pieces() -> Iterator[str]:
        rows = _rows(path)
        header = next(rows, [])
        yield "["
        for number, row in enumerate(rows):
            record = dict(zip(header, row + [""] * (len(header) - len(row))))
            yield ("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]\n"
    return _encoded(pieces())


def xlsx_file(path: str, sheet_title: str) -> IO[bytes]:
    """The rows in one worksheet of a new workbook (a temporary file, positioned at its start)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_UNSAFE_IN_SHEET_TITLE.sub("", sheet_title)[:31] or "Sheet1")
    for number, row in enumerate(_rows(path), start=1):
        if number > XLSX_MAX_ROWS:
            raise TooManyRows
        sheet.append([_text_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle


def _text_cell(sheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # text, even when it starts with "=" (no formula injection)
    return cell


# The route


def download_filename(title: str, resource_name: str, fmt: str) -> str:
    """``张店区公交线路信息.csv``, or ``<title>-<resource name>.csv`` when the name is given."""
    parts = [part for part in (title, resource_name) if part]
    stem = _UNSAFE_IN_FILENAME.sub("_", "-".join(parts)).strip(" .") or "data"
    return f"{stem[:120]}.{fmt}"


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment named ``filename`` (RFC 6266/5987), with an ASCII ``fallback`` for old clients."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _csv_resources_of(package: model.Package) -> int:
    return sum(1 for resource in package.resources if is_convertible(
        {"url_type": resource.url_type, "format": resource.format}))


@downloads.route("/dataset/<id>/resource/<resource_id>/as/<fmt>")
def convert(id: str, resource_id: str, fmt: str):
    """The resource's data as ``fmt`` (csv, xlsx, json) — 403 behind the data gate, 404 if none."""
    if fmt not in MIMETYPES:
        return tk.abort(404, tk._("Downloads are offered as CSV, XLSX and JSON."))
    context = policy.current_context()
    try:
        tk.check_access("resource_show", dict(context), {"id": resource_id})
        resource = tk.get_action("resource_show")(dict(context), {"id": resource_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource not found"))
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error) or tk._("You may not download the data of this dataset."))
    package = model.Package.get(id)
    if package is None or package.id != resource.get("package_id"):
        return tk.abort(404, tk._("Resource not found"))
    if not is_convertible(resource):
        return tk.abort(404, tk._("Only data files stored on the portal as CSV can be converted."))
    path = get_resource_uploader(resource).get_path(resource["id"])
    if not os.path.isfile(path):
        return tk.abort(404, tk._("The data file is missing."))

    title = package.title or package.name
    filename = download_filename(title, resource.get("name", "") if _csv_resources_of(package) > 1 else "",
                                 fmt)
    headers = {"Content-Disposition": content_disposition(filename, f"{package.name}.{fmt}")}
    if fmt == "xlsx":
        try:
            handle = xlsx_file(path, title)
        except TooManyRows:
            return tk.abort(404, tk._("The data has more rows than an Excel worksheet holds: download "
                                      "it as CSV."))
        headers["Content-Length"] = str(os.fstat(handle.fileno()).st_size)
        return Response(wrap_file(request.environ, handle), content_type=MIMETYPES[fmt], headers=headers,
                        direct_passthrough=True)
    chunks = csv_chunks(path) if fmt == "csv" else json_chunks(path)
    return Response(chunks, content_type=MIMETYPES[fmt], headers=headers)


# Counting


def count_download(resource_id: str, package_id: str, fmt: str, day: datetime.date | None = None) -> None:
    """Add one download of ``resource_id`` in ``fmt`` on ``day`` (today): one atomic upsert, in its own
    transaction (the request's session is left alone)."""
    table = DownloadCount.__table__
    statement = insert(table).values(resource_id=resource_id, package_id=package_id, format=fmt,
                                     day=day or datetime.date.today(), count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.resource_id, table.c.format, table.c.day],
        set_={"count": table.c["count"] + 1, "package_id": statement.excluded.package_id})
    with model.meta.engine.begin() as connection:
        connection.execute(statement)


def _counted_format() -> str | None:
    """The format a successful request downloaded, None when it was not a download."""
    endpoint = request.endpoint or ""
    if endpoint == "zhangdian_downloads.convert":
        return (request.view_args or {}).get("fmt")
    if endpoint == "resource.download" or endpoint.endswith("_resource.download"):
        return FILE_FORMAT
    return None


def _is_validation_report(resource: model.Resource) -> bool:
    """The harvester publishes a failed file's report in place of its data: reading it is no download."""
    return (resource.extras or {}).get("validation_status") in ("invalid", "blocked")


@downloads.after_app_request
def _count_successful_downloads(response: Response) -> Response:
    """Count a download once its response starts successfully (200; not ranges, HEAD or errors)."""
    if request.method != "GET" or response.status_code != 200:
        return response
    fmt = _counted_format()
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
