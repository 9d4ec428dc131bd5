"""The portal's days turn over at midnight in its own time zone (ckan.display_timezone), not the server's."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from ckanext.zhangdian import clock


@pytest.mark.ckan_config("ckan.display_timezone", "Asia/Shanghai")
def test_today_is_the_date_in_zhangdian(ckan_config):
    assert clock.today() == datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()


@pytest.mark.ckan_config("ckan.display_timezone", "server")
def test_server_means_the_servers_own_date(ckan_config):
    assert clock.today() == datetime.date.today()
