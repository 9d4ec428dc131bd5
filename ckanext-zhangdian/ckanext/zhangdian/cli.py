"""``ckan zhangdian ...`` commands (registered through ``tk.blanket.cli``)."""

from __future__ import annotations

import click

from ckanext.zhangdian import demo

__all__ = ["zhangdian"]


@click.group(short_help="张店区公共数据开放平台 commands")
def zhangdian():
    """Commands of the Zhangdian open data portal."""


@zhangdian.command("demo-data")
def demo_data():
    """Load the demo departments and datasets (idempotent; clearly labelled as demo data)."""
    created, existing = demo.load_demo_data()
    click.secho(f"demo data: {created} created, {existing} already present", fg="green")
