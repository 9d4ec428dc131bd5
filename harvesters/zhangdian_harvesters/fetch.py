"""Fetch a list or data file over http(s) without becoming a proxy into the portal's own network.

- Only ``http``/``https``; no credentials in URLs; proxies from the environment are ignored.
- The host is resolved once; **every** address it resolves to must be public (not loopback, private,
  link-local, multicast, reserved, unspecified or shared/CGNAT — which covers the cloud metadata
  endpoints 169.254.169.254, 100.100.100.200 and fd00:ec2::254), unless the host or address is in
  ``allow_hosts`` (host names, IP addresses or networks such as ``127.0.0.1`` or ``10.0.0.0/8``, each
  optionally with ``:port`` to allow that port only, e.g. ``127.0.0.1:8765``).
- The connection goes to the address that was checked (``Host`` header and TLS SNI/certificate check
  keep the original name), so a second DNS answer cannot redirect it (DNS rebinding). Redirects are
  followed by hand and every hop is checked again.
- Timeouts; a size cap enforced while streaming; retries with exponential backoff on 5xx and connection
  errors, never on 4xx.
- A small JSON body such as ``{"code":"0003","error":"当前限制类型文件无权限下载"}`` served with HTTP 200 in
  place of the file (data.sd.gov.cn does this) raises :class:`PortalErrorResponse`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import re
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from zhangdian_harvesters import messages as msg
from zhangdian_harvesters.errors import (
    FetchError,
    FetchHTTPError,
    FetchRefusedError,
    FetchTooLargeError,
    PortalErrorResponse,
)

BLOCKED_HOST_NAMES = frozenset({"metadata", "metadata.google.internal", "instance-data",
                                "instance-data.ec2.internal", "metadata.tencentyun.com"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PORTAL_ERROR_MAX_BYTES = 4096
CHUNK_BYTES = 64 * 1024
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchOptions:
    allow_hosts: tuple[str, ...] = ()
    max_bytes: int = 200 * 1024 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    retries: int = 3
    total_timeout: float = 600.0  # seconds for the whole download: a server dripping bytes is cut off
    backoff: float = 0.5  # seconds; waits backoff, 2·backoff, 4·backoff …
    max_redirects: int = 5
    user_agent: str = "zhangdian-harvester/0.1 (+https://data.zhangdian.gov.cn)"


@dataclass(frozen=True)
class FetchResult:
    """The downloaded bytes in ``path`` (a temp file the caller deletes), their SHA-256 and type."""

    path: Path
    sha256: str
    content_type: str | None
    size: int
    url: str
    final_url: str


class _PinnedAdapter(HTTPAdapter):
    """Connects to an IP literal while TLS still verifies the original host name."""

    def __init__(self, server_hostname: str):
        self._server_hostname = server_hostname
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = self._server_hostname
            pool_kwargs["assert_hostname"] = self._server_hostname
        return host_params, pool_kwargs


def _allowed_by_list(host: str, ip: IPAddress, port: int, allow_hosts: tuple[str, ...]) -> bool:
    """An entry is a host, an IP address or a network, optionally with ``:port`` (then only that port)."""
    for entry in allow_hosts:
        entry_host, _, entry_port = entry.rpartition(":") if entry.count(":") == 1 else (entry, "", "")
        if entry_port and entry_port != str(port):
            continue
        if entry_host.lower() == host:
            return True
        try:
            if ip in ipaddress.ip_network(entry_host, strict=False):
                return True
        except ValueError:
            continue
    return False


def is_public_address(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def checked_address(url: str, options: FetchOptions) -> tuple[str, int, IPAddress]:
    """(host, port, the address to connect to) — or :class:`FetchRefusedError`."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or parts.username:
        raise FetchRefusedError(msg.FETCH_SCHEME, url=url)
    host = parts.hostname.lower().rstrip(".")
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(msg.FETCH_DNS, url=url, host=host) from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))
    for ip in addresses:
        allowed = _allowed_by_list(host, ip, port, options.allow_hosts)
        if not allowed and (host in BLOCKED_HOST_NAMES or not is_public_address(ip)):
            raise FetchRefusedError(msg.FETCH_BLOCKED_ADDRESS, url=url, host=host, ip=str(ip))
    return host, port, addresses[0]


def _pinned_url(url: str, ip: IPAddress) -> str:
    parts = urlsplit(url)
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    return parts._replace(netloc=netloc).geturl()


def _suffix(url: str) -> str:
    suffix = PurePosixPath(urlsplit(url).path).suffix
    return suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix) else ""


def _portal_error(path: Path, size: int) -> dict | None:
    if size > PORTAL_ERROR_MAX_BYTES:
        return None
    body = path.read_bytes().lstrip(b"\xef\xbb\xbf").strip()
    if not body.startswith(b"{"):
        return None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or any(isinstance(v, (list, dict)) for v in data.values()):
        return None
    if "error" in data or "errmsg" in data or ("code" in data and ({"msg", "message"} & data.keys())):
        return data
    return None


class _Download:
    def __init__(self, url: str, options: FetchOptions, dest_dir: str | Path | None):
        self.url = url
        self.options = options
        self.dest_dir = dest_dir
        self.deadline = time.monotonic() + options.total_timeout

    def run(self) -> FetchResult:
        current = self.url
        for _ in range(self.options.max_redirects + 1):
            outcome = self._with_retries(current)
            if isinstance(outcome, FetchResult):
                return outcome
            current = outcome
        raise FetchHTTPError(msg.FETCH_REDIRECTS, url=self.url)

    def _with_retries(self, url: str) -> FetchResult | str:
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            try:
                return self._once(url)
            except _Retryable as error:
                if attempt + 1 == attempts:
                    raise error.final(url, attempts) from None
                time.sleep(self.options.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _once(self, url: str) -> FetchResult | str:
        host, _port, ip = checked_address(url, self.options)
        with requests.Session() as session:
            session.trust_env = False
            adapter = _PinnedAdapter(host)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            netloc = urlsplit(url).netloc.rsplit("@", 1)[-1]
            headers = {"Host": netloc, "User-Agent": self.options.user_agent}
            try:
                response = session.get(_pinned_url(url, ip), headers=headers, stream=True,
                                       allow_redirects=False,
                                       timeout=(self.options.connect_timeout, self.options.read_timeout))
            except (requests.ConnectionError, requests.Timeout) as error:
                raise _Retryable(reason=type(error).__name__) from None
            with response:
                if response.status_code in REDIRECT_STATUSES and response.headers.get("Location"):
                    return urljoin(url, response.headers["Location"])
                if response.status_code >= 500:
                    raise _Retryable(status=response.status_code)
                if response.status_code >= 400:
                    raise FetchHTTPError(msg.FETCH_HTTP, status=response.status_code, url=url)
                return self._save(url, response)

    def _save(self, url: str, response: requests.Response) -> FetchResult:
        limit = self.options.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchTooLargeError(msg.FETCH_TOO_LARGE, url=url, limit=limit)
        handle, name = tempfile.mkstemp(prefix="zd-fetch-", suffix=_suffix(url), dir=self.dest_dir)
        path, digest, size = Path(name), hashlib.sha256(), 0
        try:
            with os.fdopen(handle, "wb") as out:
                try:
                    for chunk in response.iter_content(CHUNK_BYTES):
                        if time.monotonic() > self.deadline:
                            raise FetchError(msg.FETCH_DEADLINE, url=url, seconds=int(self.options.total_timeout))
                        size += len(chunk)
                        if size > limit:
                            raise FetchTooLargeError(msg.FETCH_TOO_LARGE, url=url, limit=limit)
                        digest.update(chunk)
                        out.write(chunk)
                except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                    raise _Retryable(reason=type(error).__name__) from None
            portal_error = _portal_error(path, size)
            if portal_error is not None:
                raise PortalErrorResponse(
                    msg.FETCH_PORTAL_ERROR, url=url, code=portal_error.get("code", ""),
                    error=portal_error.get("error") or portal_error.get("errmsg")
                    or portal_error.get("msg") or portal_error.get("message"))
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip() or None
        return FetchResult(path, digest.hexdigest(), content_type, size, self.url, url)


class _Retryable(Exception):
    def __init__(self, status: int | None = None, reason: str = ""):
        super().__init__(status or reason)
        self.status = status
        self.reason = reason

    def final(self, url: str, attempts: int) -> FetchHTTPError:
        if self.status:
            return FetchHTTPError(msg.FETCH_HTTP, status=self.status, url=url)
        return FetchHTTPError(msg.FETCH_CONNECTION, url=url, reason=self.reason, attempts=attempts)


def fetch(url: str, options: FetchOptions | None = None, *, dest_dir: str | Path | None = None) -> FetchResult:
    """Download ``url`` safely into a temp file (in ``dest_dir``); the caller deletes ``result.path``."""
    return _Download(url, options or FetchOptions(), dest_dir).run()
