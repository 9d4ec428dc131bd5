"""fetch.py against a real HTTP server on 127.0.0.1 (allow-listed explicitly; refused otherwise)."""

from __future__ import annotations

import hashlib
import socket

import pytest
from list_helpers import as_table, row

from zhangdian_harvesters import (
    FetchError,
    FetchHTTPError,
    FetchOptions,
    FetchRefusedError,
    FetchTooLargeError,
    PortalErrorResponse,
    fetch,
    read_list,
)

LOCAL = FetchOptions(allow_hosts=("127.0.0.1",), backoff=0.01, connect_timeout=2, read_timeout=5)
BODY = "信息资源代码,信息资源名称\n370303-jt-0001,公交线路\n".encode("utf-8")


def _options(**changes) -> FetchOptions:
    return FetchOptions(**{**LOCAL.__dict__, **changes})


def test_fetch_returns_temp_file_hash_and_content_type(http_server, tmp_path):
    http_server.routes["/list.csv"] = (200, {"Content-Type": "text/csv; charset=utf-8"}, BODY)

    result = fetch(f"{http_server.base_url}/list.csv", LOCAL, dest_dir=tmp_path)

    assert result.path.read_bytes() == BODY and result.path.parent == tmp_path
    assert result.path.suffix == ".csv"
    assert (result.sha256, result.size, result.content_type) == (hashlib.sha256(BODY).hexdigest(), len(BODY),
                                                                 "text/csv")


def test_loopback_is_refused_unless_allow_listed(http_server):
    http_server.routes["/list.csv"] = (200, {}, BODY)

    with pytest.raises(FetchRefusedError) as raised:
        fetch(f"{http_server.base_url}/list.csv", _options(allow_hosts=()))

    assert http_server.hits["/list.csv"] == 0
    assert "解析到内部或保留地址 127.0.0.1" in raised.value.message


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/a.csv", "http://192.168.1.10/a.csv", "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/latest/meta-data/", "http://[::1]/a.csv", "http://[fd00:ec2::254]/",
    "http://0.0.0.0/a.csv", "http://224.0.0.1/a.csv", "http://240.0.0.1/a.csv", "http://[::ffff:127.0.0.1]/",
    "http://localhost/a.csv",
])
def test_internal_reserved_and_metadata_addresses_are_refused(url):
    with pytest.raises(FetchRefusedError):
        fetch(url, FetchOptions(retries=0))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.csv", "gopher://x/",
                                 "http://user:pw@example.com/a.csv"])
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(FetchRefusedError) as raised:
        fetch(url)
    assert raised.value.code == "fetch_scheme"


def test_client_errors_are_not_retried(http_server):
    with pytest.raises(FetchHTTPError) as raised:
        fetch(f"{http_server.base_url}/missing.csv", LOCAL)

    assert raised.value.status == 404
    assert http_server.hits["/missing.csv"] == 1
    assert raised.value.message.endswith("服务器返回 HTTP 404")


def test_server_errors_are_retried_with_backoff(http_server, tmp_path):
    http_server.routes["/flaky.csv"] = [(503, {}, b"busy"), (500, {}, b"oops"), (200, {}, BODY)]

    result = fetch(f"{http_server.base_url}/flaky.csv", LOCAL, dest_dir=tmp_path)

    assert result.path.read_bytes() == BODY
    assert http_server.hits["/flaky.csv"] == 3


def test_server_errors_give_up_after_the_retries(http_server):
    http_server.routes["/down.csv"] = (502, {}, b"bad gateway")

    with pytest.raises(FetchHTTPError) as raised:
        fetch(f"{http_server.base_url}/down.csv", _options(retries=2))

    assert (raised.value.status, http_server.hits["/down.csv"]) == (502, 3)


def test_connection_errors_are_retried_then_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(FetchHTTPError) as raised:
        fetch(f"http://127.0.0.1:{port}/a.csv", _options(retries=1))

    assert raised.value.code == "fetch_connection" and "已重试 2 次" in raised.value.message


def test_declared_size_over_the_cap_is_refused_before_download(http_server, tmp_path):
    http_server.routes["/big.csv"] = (200, {}, b"x" * 5000)

    with pytest.raises(FetchTooLargeError):
        fetch(f"{http_server.base_url}/big.csv", _options(max_bytes=1000), dest_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_streamed_size_over_the_cap_aborts_and_removes_the_partial_file(http_server, tmp_path):
    def stream_without_length(handler):
        handler.send_response(200)
        handler.end_headers()
        try:
            for _ in range(200):
                handler.wfile.write(b"x" * 1024)
        except OSError:
            pass

    http_server.routes["/stream.csv"] = stream_without_length

    with pytest.raises(FetchTooLargeError):
        fetch(f"{http_server.base_url}/stream.csv", _options(max_bytes=10_000), dest_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_portal_json_error_with_http_200_is_an_error(http_server, realdata, tmp_path):
    blocked = (realdata / "sd_portal_wakaka" / "download_blocked_response.json").read_bytes()
    http_server.routes["/file.csv"] = (200, {"Content-Type": "application/json"}, blocked)

    with pytest.raises(PortalErrorResponse) as raised:
        fetch(f"{http_server.base_url}/file.csv", LOCAL, dest_dir=tmp_path)

    assert "当前限制类型文件无权限下载（代码 0003）" in raised.value.message
    assert http_server.hits["/file.csv"] == 1 and list(tmp_path.iterdir()) == []


def test_json_data_files_are_not_mistaken_for_portal_errors(http_server, tmp_path):
    http_server.routes["/data.json"] = (200, {}, b'[{"code": "0003", "error": "x"}]')

    assert fetch(f"{http_server.base_url}/data.json", LOCAL, dest_dir=tmp_path).size == 32


def test_redirects_are_followed_and_every_hop_is_checked(http_server, tmp_path):
    http_server.routes["/old.csv"] = (302, {"Location": "/list.csv"}, b"")
    http_server.routes["/list.csv"] = (200, {}, BODY)
    http_server.routes["/evil.csv"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")

    assert fetch(f"{http_server.base_url}/old.csv", LOCAL, dest_dir=tmp_path).final_url == f"{http_server.base_url}/list.csv"
    with pytest.raises(FetchRefusedError):
        fetch(f"{http_server.base_url}/evil.csv", LOCAL)


def test_connects_to_the_checked_address_not_a_second_dns_answer(http_server, monkeypatch, tmp_path):
    """DNS rebinding: the name resolves to an allowed address once, then to a private one."""
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.1", "10.255.255.1", "10.255.255.1"])

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        if host == "rebind.test":
            return real_getaddrinfo(next(answers), port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    http_server.routes["/list.csv"] = (200, {}, BODY)
    port = http_server.server_address[1]

    result = fetch(f"http://rebind.test:{port}/list.csv", LOCAL, dest_dir=tmp_path)

    assert result.path.read_bytes() == BODY
    assert http_server.host_headers == [f"rebind.test:{port}"]


def test_read_list_from_url_resolves_data_files_against_the_list_url(http_server, write_csv):
    body = write_csv(as_table([row(1)])).read_bytes()
    http_server.routes["/lists/list.csv"] = (200, {"Content-Type": "text/csv"}, body)

    result = read_list(f"{http_server.base_url}/lists/list.csv", fetch_options=LOCAL)

    assert result.records[0].data_file == f"{http_server.base_url}/lists/data/bus_routes.csv"


def test_read_list_from_a_blocked_url_raises(http_server):
    http_server.routes["/lists/list.csv"] = (
        200, {}, '{"code":"0003","error":"当前限制类型文件无权限下载"}'.encode("utf-8"))

    with pytest.raises(PortalErrorResponse):
        read_list(f"{http_server.base_url}/lists/list.csv", fetch_options=LOCAL)


def test_allow_list_entry_with_a_port_allows_only_that_port(http_server, tmp_path):
    http_server.routes["/list.csv"] = (200, {"Content-Type": "text/csv"}, BODY)
    port = int(http_server.base_url.rsplit(":", 1)[1])

    allowed = fetch(f"{http_server.base_url}/list.csv", _options(allow_hosts=(f"127.0.0.1:{port}",)),
                    dest_dir=tmp_path)
    with pytest.raises(FetchRefusedError):
        fetch(f"{http_server.base_url}/list.csv", _options(allow_hosts=(f"127.0.0.1:{port + 1}",)),
              dest_dir=tmp_path)

    assert allowed.size > 0


def test_a_server_dripping_bytes_is_cut_off_at_the_total_deadline(http_server, tmp_path):
    http_server.routes["/slow.csv"] = (200, {"Content-Type": "text/csv"}, b"a,b\n" * 100_000)

    with pytest.raises(FetchError) as error:
        fetch(f"{http_server.base_url}/slow.csv", _options(total_timeout=0.0), dest_dir=tmp_path)

    assert error.value.code == "fetch_deadline"
    assert list(tmp_path.iterdir()) == []
