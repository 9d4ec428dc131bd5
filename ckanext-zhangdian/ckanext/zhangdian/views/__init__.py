"""The extension's pages, one blueprint per module (registered by ``plugin.get_blueprint``)."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    from ckanext.zhangdian.views.downloads import downloads
    from ckanext.zhangdian.views.lists import lists
    from ckanext.zhangdian.views.report import report

    return [report, lists, downloads]
