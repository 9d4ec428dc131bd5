"""The public pages answer anonymous users, in Chinese by default, with English still selectable."""

import pytest

pytestmark = pytest.mark.usefixtures("clean_portal")


@pytest.mark.parametrize("path", ["/", "/dataset/", "/organization/"])
def test_public_page_answers_anonymous_users_in_chinese(app, path):
    response = app.get(path)

    assert response.status_code == 200
    assert '<html lang="zh-Hans-CN"' in response.body
    assert "张店区公共数据开放平台" in response.body
    assert "数据集" in response.body


def test_english_remains_selectable(app):
    response = app.get("/en/dataset/")

    assert response.status_code == 200
    assert '<html lang="en"' in response.body
    assert '<span class="zd-portal-name">Zhangdian District Public Data Open Platform</span>' in response.body
    assert "Datasets" in response.body
