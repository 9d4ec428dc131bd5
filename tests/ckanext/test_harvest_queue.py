"""The zhangdian_list harvester through ckanext-harvest's real Redis queues (what its gather and fetch
consumer processes do), not only the synchronous `harvest run`."""

from __future__ import annotations

import pytest
from ckan.tests import helpers
from ckanext.harvest import queue

from ckanext.zhangdian import harvest_runs
from harvest_fixtures import GOOD_DATA, list_row, list_server, register_source  # noqa: F401

pytestmark = pytest.mark.usefixtures("clean_portal")


@pytest.fixture
def empty_queues():
    queue.purge_queues()
    yield
    queue.purge_queues()


def _consume(consumer, queue_name: str, callback, messages: int) -> None:
    """Take ``messages`` messages off a real queue and hand them to ckanext-harvest's callback."""
    stream = consumer.consume(queue_name)
    for _ in range(messages):
        method, channel, body = next(stream)
        callback(channel, method, None, body)


@pytest.mark.usefixtures("empty_queues")
def test_queued_job_is_gathered_fetched_and_imported_by_the_consumers(list_server, sysadmin, department):
    list_server.write_list([list_row(1), list_row(2, 开放属性="不予开放", 数据文件="",
                                                     不予开放依据类型="法律法规", 法律法规依据="《统计法》第二十五条")])
    list_server.write_file("data1.csv", GOOD_DATA)
    source = register_source(sysadmin, department["org"], f"{list_server.url}/清单.csv")

    job = helpers.call_action("harvest_job_create", context={"user": sysadmin["name"]},
                              source_id=source["id"], run=True)
    _consume(queue.get_gather_consumer(), queue.get_gather_queue_name(), queue.gather_callback, 1)
    _consume(queue.get_fetch_consumer(), queue.get_fetch_queue_name(), queue.fetch_callback, 2)
    helpers.call_action("harvest_jobs_run", context={"user": sysadmin["name"]}, source_id=source["id"])

    report = harvest_runs.job_report(job["id"])
    assert (report.status, report.counts["created"], report.counts["failed"]) == ("Finished", 2, 0)
    names = {d["resource_code"] for d in helpers.call_action("package_search", q="*:*")["results"]}
    assert names == {"370303-hv-0001", "370303-hv-0002"}
