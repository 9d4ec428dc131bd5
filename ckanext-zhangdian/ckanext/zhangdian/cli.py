"""Commands: ``ckan zhangdian …`` and ``ckan harvest …`` (also installed as the ``harvest`` command).

Registered through ``tk.blanket.cli``; the logic lives in ``harvest_runs.py`` and
``zhangdian_harvesters``. Errors are reported with ``tk.error_shout`` and a non-zero exit.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import click
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanapi import LocalCKAN
from zhangdian_harvesters import HarvestError, read_list
from zhangdian_harvesters.pipeline import preview_changes
from zhangdian_harvesters.publish import CatalogPublisher

from ckanext.zhangdian import demo, harvest_runs, harvest_settings

__all__ = ["zhangdian", "harvest"]

SOURCE_TYPE = "zhangdian_list"
ACTION_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变化", "withdrawn": "撤回",
                 "skipped": "不发布", "failed": "失败"}


def _site_context() -> dict:
    return {"user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]}


def _abort(message: str):
    tk.error_shout(message)
    raise click.Abort()


@click.group(short_help="张店区公共数据开放平台 commands")
def zhangdian():
    """Commands of the Zhangdian open data portal."""


@zhangdian.command("demo-data")
@click.option("--lists-url", default="http://127.0.0.1:8765", show_default=True,
              help="Where the demo lists are served (deploy/scripts/demo.sh).")
def demo_data(lists_url):
    """Load the demo departments and datasets (idempotent; clearly labelled as demo data)."""
    created, existing = demo.load_demo_data(lists_url.rstrip("/"))
    click.secho(f"demo data: {created} created, {existing} already present", fg="green")


@click.group(short_help="Harvest departments' open-data lists")
def harvest():
    """Register, check and run the harvest of departments' open-data lists (数据开放清单)."""


def _sources() -> list[dict]:
    """The registered department lists as harvest source datasets (name, organization, status)."""
    context = _site_context()
    listed = tk.get_action("harvest_source_list")(context, {"source_type": SOURCE_TYPE})
    return [tk.get_action("harvest_source_show")(context, {"id": source["id"]}) for source in listed]


@harvest.command("sources")
def list_sources():
    """List the registered department lists and their last job."""
    sources = _sources()
    if not sources:
        click.echo("尚未登记任何部门清单。用 `harvest register` 登记。")
    for source in sources:
        last = (source.get("status") or {}).get("last_job") or {}
        click.echo(f"{source['name']}\t{(source.get('organization') or {}).get('title', '')}\t{source['url']}"
                   f"\t上次：{last.get('status', '未运行')}")


@harvest.command("register")
@click.argument("department")
@click.argument("url")
@click.option("--name", help="Source name (ASCII); default: <department>-list.")
@click.option("--title", help="Title; default: <department title>数据开放清单.")
@click.option("--frequency", default="MANUAL",
              type=click.Choice(["MANUAL", "DAILY", "WEEKLY", "BIWEEKLY", "MONTHLY"]))
@click.option("--config", "source_config", help='JSON, e.g. {"defaults": {"更新周期": "每月"}}')
def register(department, url, name, title, frequency, source_config):
    """Register DEPARTMENT's open-data list at URL (http(s), or a local path in the allowed folder)."""
    context = _site_context()
    try:
        org = tk.get_action("organization_show")(context, {"id": department})
        source = tk.get_action("harvest_source_create")(context, {
            "name": name or f"{org['name']}-list", "title": title or f"{org['title']}数据开放清单",
            "url": url, "source_type": SOURCE_TYPE, "owner_org": org["id"], "frequency": frequency,
            "config": source_config or "",
        })
    except tk.ObjectNotFound:
        _abort(f"找不到部门“{department}”。")
    except tk.ValidationError as error:
        _abort(f"登记失败：{error.error_summary}")
    click.secho(f"已登记 {source['name']}（{org['title']}）：{url}", fg="green")


@harvest.command("check")
@click.argument("list_location")
@click.option("--department", help="Compare with this department's catalog (what would change).")
@click.option("--source", help="The source the list belongs to (to show withdrawals).")
def check(list_location, department, source):
    """Dry run: read LIST_LOCATION, print every error and what a harvest would do. Writes nothing."""
    try:
        result = read_list(list_location,
                           code_pattern=tk.config.get("ckanext.zhangdian.resource_code_pattern"),
                           fetch_options=harvest_settings.list_fetch_options())
    except (HarvestError, ValueError) as error:
        _abort(str(error))
    click.echo(result.summary())
    for problem in result.problems:
        click.secho(f"错误 {problem.message}（{problem.hint}）", fg="red")
    for finding in result.findings:
        click.secho(f"提示 {finding.message}（{finding.hint}）", fg="yellow")
    if department:
        org = tk.get_action("organization_show")(_site_context(), {"id": department})
        source_id = tk.get_action("harvest_source_show")(_site_context(), {"id": source})["id"] \
            if source else f"check:{org['name']}"
        with tempfile.TemporaryDirectory() as workdir:
            changes = preview_changes(result, org["id"], CatalogPublisher(LocalCKAN(), source_id),
                                      Path(workdir), harvest_settings.fetch_options())
        for change in changes:
            row = f"第{change.row}行 " if change.row else ""
            click.echo(f"{ACTION_LABELS[change.action]}\t{change.resource_code}\t{row}{change.detail}")
    if not result.ok:
        raise SystemExit(1)


def _print_report(report: harvest_runs.RunReport) -> None:
    counts = "，".join(f"{ACTION_LABELS[k]} {v}" for k, v in report.counts.items())
    click.echo(f"任务 {report.job_id}（{report.status}，{report.started} – {report.finished} UTC）：{counts}")
    for message in report.gather_errors:
        click.secho(f"  清单：{message}", fg="red")
    for code, message in report.object_errors:
        click.secho(f"  {code}：{message}", fg="red")


@harvest.command("run")
@click.argument("sources", nargs=-1)
@click.option("--all", "run_all", is_flag=True, help="Run every registered list.")
def run(sources, run_all):
    """Harvest SOURCES now (or --all), showing progress; exits 1 if any job failed."""
    if run_all:
        sources = [source["name"] for source in _sources()]
    if not sources:
        _abort("请指定要运行的清单，或使用 --all。")
    failed = False
    for source in sources:
        click.echo(f"采集 {source} …")
        try:
            report = harvest_runs.run_source(
                source, lambda total: click.progressbar(length=total, label="发布", show_pos=True))
        except harvest_runs.SourceBusyError:
            _abort(f"{source} 正在由另一个进程采集，请稍后再试。")
        except tk.ObjectNotFound:
            _abort(f"找不到清单“{source}”。")
        _print_report(report)
        failed = failed or report.failed
    if failed:
        raise SystemExit(1)


@harvest.command("jobs")
@click.argument("source")
def jobs(source):
    """Show SOURCE's job history, newest first."""
    context = _site_context()
    source_id = tk.get_action("harvest_source_show")(context, {"id": source})["id"]
    for job in tk.get_action("harvest_job_list")(context, {"source_id": source_id}):
        _print_report(harvest_runs.job_report(job["id"]))


@harvest.command("job")
@click.argument("job_id")
def job(job_id):
    """Show one job: counts and every error with its list row and cell."""
    try:
        _print_report(harvest_runs.job_report(job_id))
    except tk.ObjectNotFound:
        _abort(f"找不到任务 {job_id}。")


@harvest.command("report")
@click.option("--department", help="Only this department (name or title).")
@click.option("--format", "file_format", default="html", show_default=True,
              type=click.Choice(["xlsx", "csv", "json", "html"]))
@click.option("--output", type=click.Path(dir_okay=False, writable=True),
              help="File to write; default: 查缺补漏报告-<date>.<format> in the current folder.")
@click.option("--snapshot/--no-snapshot", default=True, show_default=True,
              help="Also store today's indicators (the data points of the trend lines).")
@click.pass_context
def report(ctx, department, file_format, output, snapshot):
    """Write the gap report (查缺补漏): indicators, ranking and every finding with what to fix."""
    from ckanext.zhangdian.reports import reporting_cli

    with ctx.meta["flask_app"].test_request_context():
        try:
            result, content = reporting_cli.render_report(department, file_format, snapshot)
        except tk.ObjectNotFound as error:
            _abort(str(error.message or error))
    path = Path(output or f"查缺补漏报告-{result['date']}.{file_format}")
    path.write_bytes(content)
    overall = result["overall"]
    click.echo(f"{path}：{len(result['departments'])} 个部门，{overall['finding_count']} 条问题，"
               f"开放率 {overall['open_rate'] if overall['open_rate'] is not None else '—'}%")
    for kind in result["finding_kinds"]:
        count = sum(d["indicators"]["findings"][kind["code"]] for d in result["departments"])
        click.echo(f"  {kind['number']}. {kind['label']}：{count}")


@harvest.command("check-links")
@click.option("--dataset", help="Only this dataset (name or id).")
def check_links(dataset):
    """Check every download link (source URL and mirrored file) for the gap report."""
    from ckanext.zhangdian.reports import linkcheck

    package_id = None
    if dataset:
        package = model.Package.get(dataset)
        if package is None:
            _abort(f"找不到数据集“{dataset}”。")
        package_id = package.id
    counts = linkcheck.check_links(
        lambda total: click.progressbar(length=total, label="检查链接", show_pos=True), package_id)
    click.echo(f"已检查 {counts['checked']} 个链接，失效 {counts['broken']} 个。")
    if counts["broken"]:
        raise SystemExit(1)


def _import_file(run, path: str) -> dict:
    from ckanext.zhangdian.reports.importing import ImportProblem

    try:
        return run(Path(path))
    except ImportProblem as problem:
        model.Session.rollback()
        with click.get_current_context().meta["flask_app"].test_request_context():  # the portal's language
            messages = problem.render(tk._)
        for message in messages:
            tk.error_shout(message)
        raise click.Abort()


@harvest.command("import-responsibility")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_responsibility(path):
    """Import responsibility lists (责任清单, CSV/XLSX from the template); replaces the named departments'."""
    from ckanext.zhangdian.logic.report_actions import import_responsibility_list

    result = _import_file(lambda p: import_responsibility_list(p, None), path)
    click.secho(f"已导入 {result['items']} 项，涉及 {result['departments']} 个部门。", fg="green")


@harvest.command("import-higher-level")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_higher_level(path):
    """Import higher-level catalog entries (上级已开放目录, CSV/XLSX from the template)."""
    from ckanext.zhangdian.logic.report_actions import import_higher_level_catalog

    result = _import_file(import_higher_level_catalog, path)
    click.secho(f"已导入 {result['entries']} 条，涉及 {result['catalogs']} 个目录。", fg="green")
