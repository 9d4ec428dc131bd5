"""Server-rendered SVG charts (``ckanext.zhangdian.reports.charts``): structure, scaling, escaping, a11y."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from ckanext.zhangdian.reports.charts import bar_chart, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    assert isinstance(svg, str)
    return ET.fromstring(svg)


def by_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [element for element in root.iter(SVG + tag) if element.get("class") == cls]


def bar_widths(root: ET.Element) -> list[float]:
    return [float(rect.get("width")) for rect in by_class(root, "rect", "bar")]


def track_width(root: ET.Element) -> float:
    return float(by_class(root, "rect", "track")[0].get("width"))


def texts(root: ET.Element, cls: str) -> list[str]:
    return [element.text for element in by_class(root, "text", cls)]


def desc_text(root: ET.Element) -> str:
    return root.find(SVG + "desc").text


def view_box(root: ET.Element) -> list[float]:
    return [float(part) for part in root.get("viewBox").split()]


TREND = {
    "数据目录完成率": [("2024-01-01", 40), ("2024-02-01", 55), ("2024-03-01", 61.5), ("2024-04-01", 80)],
    "更新及时率": [("2024-01-01", 20), ("2024-03-01", 35)],
    "接口可用率": [("2024-02-01", 95), ("2024-03-01", 99.2), ("2024-04-01", 100)],
}


# --- root element and accessibility ----------------------------------------------------------------


@pytest.mark.parametrize(
    "svg",
    [
        bar_chart([("交通运输局", 87.5)], title="各部门完成率", description="2024年第二季度"),
        trend_chart(TREND, title="各部门完成率", description="2024年第二季度"),
        bar_chart([], title="各部门完成率", description="2024年第二季度"),
        trend_chart({}, title="各部门完成率", description="2024年第二季度"),
    ],
    ids=["bar", "trend", "bar-empty", "trend-empty"],
)
def test_root_is_an_accessible_scalable_svg(svg):
    root = parse(svg)
    assert root.tag == SVG + "svg"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert "height:auto" in root.get("style") and root.get("height") is None
    assert len(view_box(root)) == 4 and view_box(root)[2] > 0 and view_box(root)[3] > 0
    assert root.get("font-family").startswith("'Noto Sans CJK SC'")
    assert "'Microsoft YaHei'" in root.get("font-family") and root.get("font-family").endswith("sans-serif")
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title.text == "各部门完成率"
    assert desc.text.startswith("2024年第二季度")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.get("id") != desc.get("id")
    assert list(root)[:2] == [title, desc]


def test_text_colours_have_aa_contrast_against_white():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    trend, bars = parse(trend_chart(TREND, title="t")), parse(bar_chart([("a", 1)], title="t"))
    colours = {trend.get("fill")} | {text.get("fill") for text in trend.iter(SVG + "text")} - {None}
    colours |= {rect.get("fill") for rect in by_class(bars, "rect", "bar")}
    colours |= {line.get("stroke") for line in trend.iter(SVG + "polyline")}
    assert len(colours) >= 5
    for colour in colours:
        assert (1.05) / (luminance(colour) + 0.05) >= 4.5, colour


def test_module_does_not_import_ckan():
    code = (
        "import sys, ckanext.zhangdian.reports.charts\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'ckan'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- bar chart ---------------------------------------------------------------------------------------


def test_one_bar_per_item_in_the_given_order_with_proportional_widths():
    root = parse(bar_chart([("教育局", 100), ("交通运输局", 50), ("统计局", 25)], title="完成率"))
    widths = bar_widths(root)
    assert len(widths) == 3
    assert widths[0] == pytest.approx(track_width(root))
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.1)
    assert widths[2] == pytest.approx(widths[0] / 4, abs=0.1)
    assert texts(root, "label") == ["教育局", "交通运输局", "统计局"]
    assert texts(root, "value") == ["100%", "50%", "25%"]
    assert len(by_class(root, "g", "bar-row")) == 3


def test_value_labels_sit_at_the_bar_end():
    root = parse(bar_chart([("教育局", 100), ("交通运输局", 50)], title="完成率"))
    bars, values = by_class(root, "rect", "bar"), by_class(root, "text", "value")
    for bar, value in zip(bars, values):
        assert float(value.get("x")) > float(bar.get("x")) + float(bar.get("width"))
    for label in by_class(root, "text", "label"):
        assert label.get("text-anchor") == "end" and float(label.get("x")) < float(bars[0].get("x"))


@pytest.mark.parametrize(
    "value, unit, printed",
    [(87.5, "%", "87.5%"), (100, "%", "100%"), (100.0, "%", "100%"), (3, "", "3"), (42.25, "%", "42.3%"),
     (87.45, "%", "87.5%"), (66.666, "%", "66.7%"), (12, " 个", "12 个"), (-0.04, "%", "0%")],
)
def test_numbers_have_at_most_one_decimal(value, unit, printed):
    root = parse(bar_chart([("局", value)], title="t", unit=unit, max_value=None))
    assert texts(root, "value") == [printed]
    assert f"局 {printed}" in desc_text(root)


def test_height_grows_with_the_number_of_bars():
    heights = [view_box(parse(bar_chart([(f"局{i}", i) for i in range(n)], title="t")))[3] for n in (1, 2, 10)]
    assert heights[1] - heights[0] == pytest.approx(28)
    assert heights[2] - heights[0] == pytest.approx(9 * 28)


def test_labels_and_title_are_escaped():
    label = '卫健局 <&> "x" \'y\''
    svg = bar_chart([(label, 10)], title='完成率 <script>&"', description="a < b & c")
    root = parse(svg)
    assert "<script>" not in svg
    assert texts(root, "label") == [label]
    assert root.find(SVG + "title").text == '完成率 <script>&"'
    assert desc_text(root).startswith("a < b & c")
    assert by_class(root, "g", "bar-row")[0].find(SVG + "title").text.startswith(label)


def test_control_characters_do_not_break_the_xml():
    root = parse(bar_chart([("交通\x00运输局\n二科\x1b", 10)], title="完成\x07率"))
    assert texts(root, "label") == ["交通运输局 二科"]


def test_long_labels_are_truncated_with_the_full_name_in_a_tooltip():
    full = "张店区住房和城乡建设局城市管理执法大队"  # 19 characters
    root = parse(bar_chart([(full, 60), ("教育局", 40)], title="完成率"))
    shown = texts(root, "label")[0]
    assert shown.endswith("…") and len(shown) <= 14 and full.startswith(shown[:-1])
    assert full in by_class(root, "g", "bar-row")[0].find(SVG + "title").text
    assert full in desc_text(root)
    assert texts(root, "label")[1] == "教育局"


def test_fourteen_characters_are_not_truncated():
    label = "一二三四五六七八九十一二三四"
    assert texts(parse(bar_chart([(label, 1)], title="t")), "label") == [label]


def test_empty_items_render_no_data():
    root = parse(bar_chart([], title="完成率"))
    assert bar_widths(root) == []
    assert "暂无数据" in texts(root, "no-data")
    assert "暂无数据" in desc_text(root)


@pytest.mark.parametrize("max_value", [100.0, None, 0])
def test_all_zero_values_do_not_divide_by_zero(max_value):
    root = parse(bar_chart([("教育局", 0), ("统计局", 0.0)], title="完成率", max_value=max_value))
    assert bar_widths(root) == [0, 0]
    assert texts(root, "value") == ["0%", "0%"]


def test_max_value_none_scales_to_the_largest_value():
    root = parse(bar_chart([("交通运输局", 3), ("教育局", 12)], title="问题数", unit="", max_value=None))
    widths = bar_widths(root)
    assert widths[1] == pytest.approx(track_width(root))
    assert widths[0] == pytest.approx(widths[1] / 4, abs=0.1)
    assert texts(root, "value") == ["3", "12"]


def test_values_outside_the_range_are_clamped_but_printed_as_they_are():
    root = parse(bar_chart([("统计局", 130), ("财政局", -5), ("教育局", 50)], title="完成率"))
    widths = bar_widths(root)
    assert widths[0] == pytest.approx(track_width(root))
    assert widths[1] == 0
    assert texts(root, "value") == ["130%", "-5%", "50%"]
    assert "统计局 130%；财政局 -5%；教育局 50%" in desc_text(root)


def test_custom_max_value_and_width():
    root = parse(bar_chart([("教育局", 5), ("统计局", 10)], title="t", unit="", max_value=20, width=400))
    assert view_box(root)[2] == pytest.approx(400)
    assert root.get("style").startswith("max-width:400px")
    widths = bar_widths(root)
    assert widths[1] == pytest.approx(track_width(root) / 2, abs=0.1)
    assert widths[0] == pytest.approx(widths[1] / 2, abs=0.1)


def test_bar_desc_summarises_every_number():
    root = parse(bar_chart([("交通运输局", 87.5), ("教育局", 100)], title="完成率", description="按部门"))
    assert desc_text(root) == "按部门 交通运输局 87.5%；教育局 100%"


# --- trend chart -------------------------------------------------------------------------------------


def series_groups(root: ET.Element) -> dict[str, ET.Element]:
    return {group.get("data-series"): group for group in by_class(root, "g", "series")}


def test_one_polyline_per_series_with_one_point_per_date():
    root = parse(trend_chart(TREND, title="趋势"))
    groups = series_groups(root)
    assert list(groups) == list(TREND)
    for name, points in TREND.items():
        polyline = groups[name].find(SVG + "polyline")
        assert len(polyline.get("points").split()) == len(points)
        assert len(groups[name].findall(SVG + "circle")) == len(points)


def test_x_axis_is_the_union_of_dates_and_points_line_up():
    root = parse(trend_chart(TREND, title="趋势"))
    assert texts(root, "date") == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    x_by_date = {text.text: float(text.get("x")) for text in by_class(root, "text", "date")}
    for name, points in TREND.items():
        for circle, (date, _) in zip(series_groups(root)[name].findall(SVG + "circle"), points):
            assert float(circle.get("cx")) == pytest.approx(x_by_date[date])
    xs = sorted(x_by_date.values())
    assert xs[1] - xs[0] == pytest.approx(xs[3] - xs[2], abs=0.2)


def test_markers_have_date_value_tooltips_and_are_scaled_to_the_axis():
    root = parse(trend_chart({"A": [("2024-01-01", 0), ("2024-02-01", 50), ("2024-03-01", 100)]}, title="t"))
    circles = series_groups(root)["A"].findall(SVG + "circle")
    assert [circle.find(SVG + "title").text for circle in circles] == [
        "2024-01-01: 0%", "2024-02-01: 50%", "2024-03-01: 100%"]
    y0, y50, y100 = (float(circle.get("cy")) for circle in circles)
    assert y0 > y50 > y100
    assert y0 - y50 == pytest.approx(y50 - y100, abs=0.2)


def test_gridlines_and_labels_run_from_zero_to_max():
    root = parse(trend_chart(TREND, title="t"))
    assert 3 <= len(by_class(root, "line", "grid")) <= 5
    ticks = texts(root, "tick")
    assert ticks[0] == "0%" and ticks[-1] == "100%"
    grid_ys = [float(line.get("y1")) for line in by_class(root, "line", "grid")]
    circles = series_groups(root)["接口可用率"].findall(SVG + "circle")
    assert float(circles[-1].get("cy")) == pytest.approx(min(grid_ys))  # 100 sits on the top gridline


def test_max_value_none_picks_a_round_axis_maximum():
    counts = {"问题数": [("2024-01-01", 3), ("2024-02-01", 87)]}
    root = parse(trend_chart(counts, title="t", unit="", max_value=None))
    assert texts(root, "tick") == ["0", "25", "50", "75", "100"]
    zeros = {"问题数": [("2024-01-01", 0), ("2024-02-01", 0)]}
    root = parse(trend_chart(zeros, title="t", unit="", max_value=None))
    assert texts(root, "tick")[-1] == "4"


def test_trend_values_are_clamped_for_drawing_but_printed_as_they_are():
    root = parse(trend_chart({"A": [("2024-01-01", -10), ("2024-02-01", 150)]}, title="t"))
    grid_ys = [float(line.get("y1")) for line in by_class(root, "line", "grid")]
    low, high = series_groups(root)["A"].findall(SVG + "circle")
    assert float(low.get("cy")) == pytest.approx(max(grid_ys))
    assert float(high.get("cy")) == pytest.approx(min(grid_ys))
    assert high.find(SVG + "title").text == "2024-02-01: 150%"


def test_legend_has_one_entry_per_series():
    root = parse(trend_chart(TREND, title="t"))
    entries = by_class(root, "g", "legend-entry")
    assert [entry.find(SVG + "text").text for entry in entries] == list(TREND)


def test_series_colours_are_distinct_and_cycle():
    series = {f"系列{i}": [("2024-01-01", i), ("2024-02-01", i + 1)] for i in range(8)}
    root = parse(trend_chart(series, title="t"))
    strokes = [group.find(SVG + "polyline").get("stroke") for group in by_class(root, "g", "series")]
    assert len(set(strokes[:6])) == 6
    assert len(set(strokes)) < 8  # cycles
    styles = {(g.find(SVG + "polyline").get("stroke"), g.find(SVG + "polyline").get("stroke-dasharray"))
              for g in by_class(root, "g", "series")}
    assert len(styles) == 8  # dash patterns keep cycled colours apart


def test_many_series_wrap_the_legend_and_grow_the_chart():
    few = parse(trend_chart({"A": [("2024-01-01", 1)]}, title="t"))
    many = parse(trend_chart({f"部门数据开放系列{i}": [("2024-01-01", 1)] for i in range(10)}, title="t"))
    assert len(by_class(many, "g", "legend-entry")) == 10
    assert view_box(many)[3] > view_box(few)[3]
    legend_ys = {float(entry.find(SVG + "text").get("y")) for entry in by_class(many, "g", "legend-entry")}
    assert len(legend_ys) > 1
    for entry in by_class(many, "g", "legend-entry"):
        assert float(entry.find(SVG + "line").get("x1")) < view_box(many)[2]


def test_many_dates_thin_the_axis_labels():
    series = {"A": [(f"2024-{month:02d}-{day:02d}", month) for month in range(1, 13) for day in (1, 15)]}
    root = parse(trend_chart(series, title="t"))
    dates = texts(root, "date")
    assert 2 <= len(dates) < 24 and dates[0] == "2024-01-01"
    xs = [float(text.get("x")) for text in by_class(root, "text", "date")]
    assert all(b - a >= 66 for a, b in zip(xs, xs[1:]))  # "YYYY-MM-DD" at 11 px needs ~66 px
    assert len(series_groups(root)["A"].find(SVG + "polyline").get("points").split()) == 24


def test_single_date_renders_markers_only():
    root = parse(trend_chart({"A": [("2024-01-01", 50)], "B": [("2024-01-01", 70)]}, title="t"))
    assert list(root.iter(SVG + "polyline")) == []
    assert len(list(root.iter(SVG + "circle"))) == 2 + 2  # markers + legend samples
    assert texts(root, "date") == ["2024-01-01"]


def test_series_points_are_sorted_by_date():
    root = parse(trend_chart({"A": [("2024-03-01", 30), ("2024-01-01", 10)]}, title="t"))
    titles = [c.find(SVG + "title").text for c in series_groups(root)["A"].findall(SVG + "circle")]
    assert titles == ["2024-01-01: 10%", "2024-03-01: 30%"]


@pytest.mark.parametrize("series", [{}, {"A": []}, {"A": [], "B": []}])
def test_no_trend_data_renders_no_data(series):
    root = parse(trend_chart(series, title="趋势"))
    assert texts(root, "no-data") == ["暂无数据"]
    assert list(root.iter(SVG + "polyline")) == [] and list(root.iter(SVG + "circle")) == []


def test_a_series_without_points_keeps_its_legend_entry():
    root = parse(trend_chart({"A": [("2024-01-01", 1), ("2024-02-01", 2)], "B": []}, title="t"))
    assert [entry.find(SVG + "text").text for entry in by_class(root, "g", "legend-entry")] == ["A", "B"]
    assert series_groups(root)["B"].find(SVG + "polyline") is None


def test_trend_escapes_series_names_and_dates():
    root = parse(trend_chart({'<A&"B">': [("2024-01-01", 1), ("<2024>", 2)]}, title="<t>"))
    assert list(series_groups(root)) == ['<A&"B">']
    assert by_class(root, "g", "legend-entry")[0].find(SVG + "text").text == '<A&"B">'


def test_trend_desc_summarises_every_number():
    root = parse(trend_chart(TREND, title="t", description="月度"))
    desc = desc_text(root)
    assert desc.startswith("月度 ")
    assert "数据目录完成率：2024-01-01 40%，2024-02-01 55%，2024-03-01 61.5%，2024-04-01 80%" in desc
    assert "接口可用率：2024-02-01 95%，2024-03-01 99.2%，2024-04-01 100%" in desc


# --- ids ---------------------------------------------------------------------------------------------


def ids(svg: str) -> list[str]:
    return [element.get("id") for element in parse(svg).iter() if element.get("id")]


@pytest.mark.parametrize("render", [
    lambda data: bar_chart([("教育局", data)], title="完成率"),
    lambda data: trend_chart({"A": [("2024-01-01", data)]}, title="完成率"),
])
def test_ids_are_deterministic_and_differ_between_charts(render):
    assert render(50) == render(50)
    assert ids(render(50)) == ids(render(50))
    assert set(ids(render(50))).isdisjoint(ids(render(60)))


def test_ids_differ_between_titles_and_chart_kinds():
    charts = [
        bar_chart([("教育局", 50)], title="完成率"),
        bar_chart([("教育局", 50)], title="及时率"),
        bar_chart([], title="完成率"),
        trend_chart({}, title="完成率"),
        trend_chart({"教育局": [("2024-01-01", 50)]}, title="完成率"),
    ]
    all_ids = [element_id for chart in charts for element_id in ids(chart)]
    assert len(all_ids) == len(set(all_ids)) == 2 * len(charts)
