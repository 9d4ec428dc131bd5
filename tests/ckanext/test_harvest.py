"""Harvesting department lists into the real catalog: policy, validation, idempotency, withdrawal,
broken lists, locking and crash safety (kill -9 mid-run, then re-run)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ckan.tests import helpers

from ckanext.zhangdian import harvest_runs
from harvest_fixtures import GOOD_DATA, catalog_snapshot, list_row, list_server, register_source  # noqa: F401

pytestmark = pytest.mark.usefixtures("clean_portal")
BASIS = {"不予开放依据类型": "涉及敏感信息", "法律法规依据": "《中华人民共和国个人信息保护法》第二十八条"}


def _datasets(source: dict) -> dict[str, dict]:
    result = helpers.call_action("package_search", fq=f'harvest_source:"{source["id"]}"', rows=1000,
                                 include_private=True, context={"ignore_auth": True})
    return {d["resource_code"]: d for d in result["results"]}


def _counts(**counts) -> dict[str, int]:
    return dict(dict.fromkeys(harvest_runs.OUTCOMES, 0), **counts)


@pytest.fixture
def source(sysadmin, department, list_server):
    url = list_server.write_list([list_row(1)])
    list_server.write_file("data1.csv", GOOD_DATA)
    return register_source(sysadmin, department["org"], url)


def test_first_harvest_publishes_each_row_as_the_policy_says(list_server, source):
    list_server.write_list([
        list_row(1),
        list_row(2, 开放属性="不予开放", 数据文件="", **BASIS),
        list_row(3, 开放属性="有条件开放", 开放条件="签署数据利用协议", **BASIS),
        list_row(4, 开放属性="不予开放"),  # no basis: a finding, not published
    ])
    list_server.write_file("data3.csv", GOOD_DATA)

    report = harvest_runs.run_source(source["name"])

    assert report.counts == _counts(created=3)
    assert any("370303-hv-0004" in message and "法律法规依据" in message for message in report.gather_errors)
    datasets = _datasets(source)
    assert set(datasets) == {"370303-hv-0001", "370303-hv-0002", "370303-hv-0003"}
    opened = helpers.call_action("package_show", context={"ignore_auth": True}, id=datasets["370303-hv-0001"]["id"])
    assert [(r["format"], r["validation_status"]) for r in opened["resources"]] == [("CSV", "valid")]
    assert opened["resources"][0]["source_url"].endswith("/data1.csv")
    closed = datasets["370303-hv-0002"]
    assert (closed["open_attribute"], closed["resources"]) == ("closed", [])
    conditional = helpers.call_action("package_show", context={"ignore_auth": False},
                                      id=datasets["370303-hv-0003"]["id"])
    assert (conditional["open_attribute"], conditional["data_access"]) == ("conditional", "restricted")


def test_mirrored_file_is_the_normalised_csv(app, list_server, source):
    list_server.write_file("data1.csv", GOOD_DATA.replace("\n", "\r\n"), encoding="gbk")
    harvest_runs.run_source(source["name"])
    resource = _datasets(source)["370303-hv-0001"]["resources"][0]

    downloaded = app.get(resource["url"]).data

    assert downloaded == ("\ufeffline,length\n1路,12.5\n2路,8\n").encode("utf-8")


def test_unchanged_reharvest_skips_without_writing(source):
    harvest_runs.run_source(source["name"])
    before = _datasets(source)["370303-hv-0001"]["metadata_modified"]

    report = harvest_runs.run_source(source["name"])

    assert report.counts == _counts(unchanged=1)
    assert _datasets(source)["370303-hv-0001"]["metadata_modified"] == before


def test_changed_row_updates_in_place_and_removed_row_is_withdrawn_then_restored(list_server, source):
    list_server.write_list([list_row(1), list_row(2)])
    list_server.write_file("data2.csv", GOOD_DATA)
    harvest_runs.run_source(source["name"])
    first_id = _datasets(source)["370303-hv-0001"]["id"]

    list_server.write_list([list_row(1, 信息资源名称="张店区公交线路（更新）")])
    report = harvest_runs.run_source(source["name"])

    assert report.counts == _counts(updated=1, withdrawn=1)
    datasets = _datasets(source)
    assert (datasets["370303-hv-0001"]["id"], datasets["370303-hv-0001"]["title"]) == (first_id, "张店区公交线路（更新）")
    withdrawn = datasets["370303-hv-0002"]
    assert (withdrawn["private"], withdrawn["withdrawn_reason"]) == (True, "已从部门数据开放清单中移除")
    assert helpers.call_action("package_search", q="*:*")["count"] == 1

    list_server.write_list([list_row(1, 信息资源名称="张店区公交线路（更新）"), list_row(2)])
    report = harvest_runs.run_source(source["name"])

    assert report.counts == _counts(updated=1, unchanged=1)
    assert _datasets(source)["370303-hv-0002"]["private"] is False


def test_file_failing_validation_publishes_the_report_not_the_data(list_server, source):
    list_server.write_file("data1.csv", "line,length\n1路,十二公里\n")

    report = harvest_runs.run_source(source["name"])

    (resource,) = _datasets(source)["370303-hv-0001"]["resources"]
    assert (resource["name"], resource["format"], resource["validation_status"]) == ("校验报告", "HTML", "invalid")
    assert '"type-error": 1' in resource["validation_report"]
    assert report.object_errors == [("370303-hv-0001", "第2行：数据文件未通过校验，未作为数据发布（见校验报告）。")]


def test_personal_information_blocks_the_data_and_is_never_echoed(app, list_server, source):
    list_server.write_list([list_row(1, 信息项="name|姓名|字符型；id|证件号|字符型")])
    list_server.write_file("data1.csv", "name,id\n王伟,11010519491231002X\n")

    harvest_runs.run_source(source["name"])

    (resource,) = _datasets(source)["370303-hv-0001"]["resources"]
    assert resource["validation_status"] == "blocked"
    page = app.get(resource["url"]).body
    assert "第2行第2列含未脱敏的身份证号：“110105********002X”" in page
    assert "11010519491231002X" not in page


def test_missing_data_file_is_reported_and_metadata_still_listed(list_server, source):
    (list_server.folder / "data1.csv").unlink()

    report = harvest_runs.run_source(source["name"])

    assert report.counts == _counts(created=1)
    assert _datasets(source)["370303-hv-0001"]["resources"] == []
    (code, message), = report.object_errors
    assert code == "370303-hv-0001" and "HTTP 404" in message


@pytest.mark.parametrize("write, expected", [
    (lambda server: server.write_list([{"名称": "x"}], headers=["名称", "备注"]), "信息资源代码"),
    (lambda server: (server.folder / "清单.csv").unlink(), "404"),
    (lambda server: server.write_file("清单.csv", ""), "空"),
])
def test_broken_list_fails_the_job_with_the_reason(list_server, source, write, expected):
    write(list_server)

    report = harvest_runs.run_source(source["name"])

    assert report.failed
    assert sum(report.counts.values()) == 0
    assert any(expected in message for message in report.gather_errors), report.gather_errors
    assert _datasets(source) == {}


def test_two_runs_of_one_source_cannot_overlap(source):
    with harvest_runs.source_lock(source["id"]):
        with pytest.raises(harvest_runs.SourceBusyError):
            harvest_runs.run_source(source["name"])


def test_job_left_running_by_a_dead_run_is_closed_with_an_error(source, sysadmin):
    from ckanext.harvest.model import HarvestJob

    stale = helpers.call_action("harvest_job_create", context={"user": sysadmin["name"]},
                                source_id=source["id"], run=False)
    job = HarvestJob.get(stale["id"])
    job.status = "Running"
    job.save()

    report = harvest_runs.run_source(source["name"])

    assert report.counts == _counts(created=1)
    closed = harvest_runs.job_report(stale["id"])
    assert closed.status == "Finished"
    assert "运行中断（进程已退出），本次任务作废。" in closed.gather_errors


def test_job_queued_from_the_web_is_the_one_that_runs(source, sysadmin):
    queued = helpers.call_action("harvest_job_create", context={"user": sysadmin["name"]},
                                 source_id=source["id"], run=False)

    report = harvest_runs.run_source(source["name"])

    assert (report.job_id, report.counts) == (queued["id"], _counts(created=1))


def test_failed_download_keeps_the_published_data(list_server, source):
    harvest_runs.run_source(source["name"])
    (list_server.folder / "data1.csv").unlink()

    report = harvest_runs.run_source(source["name"])

    assert [r["validation_status"] for r in _datasets(source)["370303-hv-0001"]["resources"]] == ["valid"]
    (code, message), = report.object_errors
    assert message == "第2行：数据文件“data1.csv”无法获取（下载“data1.csv”失败：服务器返回 HTTP 404），保留已发布的数据。"


def test_killed_run_then_rerun_ends_with_exactly_the_clean_catalog(list_server, source, sysadmin, repo_dir):
    rows = [list_row(n) for n in range(1, 31)]
    list_server.write_list(rows)
    for n in range(1, 31):
        list_server.write_file(f"data{n}.csv", GOOD_DATA.replace("12.5", f"{n}.5"))
    assert harvest_runs.run_source(source["name"]).counts == _counts(created=30)
    clean = catalog_snapshot(source["id"])
    for dataset in _datasets(source).values():
        helpers.call_action("dataset_purge", context={"user": sysadmin["name"]}, id=dataset["id"])
    assert catalog_snapshot(source["id"]) == []

    harvest = Path(sys.executable).with_name("harvest")
    process = subprocess.Popen([str(harvest), "-c", str(repo_dir / ".run" / "test.ini"), "run", source["name"]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(catalog_snapshot(source["id"])) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = catalog_snapshot(source["id"])
    assert 5 <= len(partial) < 30, "the run must be killed midway"

    harvest_runs.run_source(source["name"])

    assert catalog_snapshot(source["id"]) == clean


def test_ckanext_harvest_commands_work_for_our_sources(cli, source):
    from ckan.cli.cli import ckan

    listed = cli.invoke(ckan, ["harvester", "sources"])
    assert listed.exit_code == 0 and source["id"] in listed.output

    ran = cli.invoke(ckan, ["harvester", "run-test", source["name"]])
    assert ran.exit_code == 0, ran.output
    assert set(_datasets(source)) == {"370303-hv-0001"}


def test_harvest_check_is_a_dry_run_that_says_what_would_change(cli, list_server, source, department):
    from ckan.cli.cli import ckan

    list_server.write_list([list_row(1), list_row(2, 更新周期="每两周")])
    result = cli.invoke(ckan, ["harvest", "check", f"{list_server.url}/清单.csv",
                               "--department", department["org"]["name"], "--source", source["name"]])

    assert result.exit_code == 1
    assert "第3行“更新周期”（I3）：“每两周”不是可选值" in result.output
    assert "新建\t370303-hv-0001" in result.output
    assert _datasets(source) == {}


def test_harvest_run_jobs_and_job_commands(cli, source):
    from ckan.cli.cli import ckan

    ran = cli.invoke(ckan, ["harvest", "run", source["name"]])
    jobs = cli.invoke(ckan, ["harvest", "jobs", source["name"]])

    assert ran.exit_code == 0, ran.output
    assert "新建 1" in ran.output and "新建 1" in jobs.output
    job_id = jobs.output.split("任务 ")[1].split("（")[0]
    assert "新建 1" in cli.invoke(ckan, ["harvest", "job", job_id]).output


def test_harvest_records_are_shown_to_the_department_only(app, source, department):
    harvest_runs.run_source(source["name"])
    (object_id,) = helpers.call_action("harvest_object_list", context={"ignore_auth": True},
                                       source_id=source["id"])
    url = f"/api/3/action/harvest_object_show?id={object_id}"

    anonymous = app.get(url, status=403)
    editor = app.get(url, headers={"Authorization": department["editor"]["token"]}, status=200)

    assert anonymous.json["error"]["message"].endswith("采集记录仅对数据提供部门可见。")
    assert editor.json["result"]["guid"] == "370303-hv-0001"
