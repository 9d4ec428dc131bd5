"""Exceptions of the list harvester. Each carries a Chinese ``message`` and a fix ``hint``.

A broken list never yields a "successful" empty result: reading raises one of the :class:`ListError`
subclasses instead.
"""

from __future__ import annotations

from zhangdian_harvesters.messages import Message


class HarvestError(Exception):
    """Base class: ``message`` says what is wrong, ``hint`` what to do, ``code`` is stable."""

    def __init__(self, message: Message, **values):
        self.code = message.code
        self.message, self.hint = message.render(**values)
        self.values = values
        super().__init__(f"{self.message}。{self.hint}")


class ListError(HarvestError):
    """The list as a whole cannot be harvested."""


class ListUnreadableError(ListError):
    """Not a CSV/XLSX/JSON file we can decode."""


class ListEmptyError(ListError):
    """A header but no data rows."""


class ListHeaderError(ListError):
    """No header row found, or required columns missing/duplicated.

    ``missing`` lists the Chinese labels of the missing required columns; ``found`` the headers seen.
    """

    def __init__(self, message: Message, missing=(), found=(), header_row=None, **values):
        self.missing = tuple(missing)
        self.found = tuple(found)
        self.header_row = header_row
        super().__init__(message, **values)


class FetchError(HarvestError):
    """A list or data file could not be fetched."""


class FetchRefusedError(FetchError):
    """The URL is not allowed (scheme, or the host resolves to an internal/reserved address)."""


class FetchTooLargeError(FetchError):
    """The response is larger than the size cap."""


class FetchHTTPError(FetchError):
    """The server answered with an error status (``status``) or could not be reached."""

    def __init__(self, message: Message, status: int | None = None, **values):
        self.status = status
        super().__init__(message, status=status, **values)


class PortalErrorResponse(FetchError):
    """HTTP 200 whose body is the portal's JSON error (e.g. ``{"code":"0003","error":"…无权限下载"}``)."""
