"""Server-rendered SVG charts for the report pages (no JavaScript, no CDN, works offline).

Each function returns one ``<svg role="img">`` string to be inserted into a page as is (mark it safe
in the template). The ``<title>`` and ``<desc>`` carry the title and a plain-text summary of every
number for screen readers; ids derive from a hash of the input, so the same chart renders
identically and different charts on one page don't share ids. Pure standard library, no CKAN.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape

FONT_FAMILY = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
TEXT_COLOUR, MUTED_COLOUR = "#333333", "#595959"  # 12.6:1 and 7:1 on white
BAR_COLOUR, TRACK_COLOUR, GRID_COLOUR, AXIS_COLOUR = "#1f4e79", "#edf1f6", "#d9d9d9", "#8c8c8c"
# Series colours, all at least 4.5:1 on white; line dash patterns cycle separately so series
# stay distinguishable without colour (WCAG 1.4.1).
SERIES_COLOURS = ("#1f4e79", "#b34700", "#2e7d32", "#7b1fa2", "#c62828", "#00796b", "#6d4c41")
SERIES_DASHES = ("", "6 3", "2 3")
NO_DATA_TEXT = "暂无数据"

PADDING = 12
TITLE_SIZE = 15
LABEL_SIZE = 13
SMALL_SIZE = 11
TITLE_BAND = 36  # room above the plot for the visible title
ROW_HEIGHT = 28
BAR_THICKNESS = 18
LABEL_MAX_EM = 14  # bar labels longer than 14 full-width characters are cut with "…"
LEGEND_ROW = 20
GRID_STEPS = 4  # 5 gridlines: 0, ¼, ½, ¾, max


def bar_chart(items: Sequence[tuple[str, float]], *, title: str, description: str = "", unit: str = "%",
              max_value: float | None = 100.0, width: int = 640) -> str:
    """Horizontal bar chart, one bar per ``(label, value)`` in the given order.

    The label sits left of its bar (cut with "…" past ~14 characters; the full label is in the
    row's ``<title>`` tooltip), the value is printed at the bar's end ("87.5%"). ``max_value``
    is the full bar length; ``None`` scales to the largest value. Values outside ``[0, max]``
    are clamped for drawing but printed as they are. The height grows by 28 px per bar.
    """
    rows = [(_clean(label), float(value)) for label, value in items]
    title, description = _clean(title), _clean(description)
    chart_id = _chart_id("bar", title, description, unit, max_value, width, rows)
    summary = "；".join(f"{label} {_format(value, unit)}" for label, value in rows)
    if not rows:
        return _no_data_svg(chart_id, title, description, width, TITLE_BAND + 2 * ROW_HEIGHT)

    scale = _scale(max_value, [value for _, value in rows])
    label_room = min(LABEL_MAX_EM * LABEL_SIZE, 0.4 * width)  # narrow charts keep room for the bars
    labels = [_fit(label, label_room, LABEL_SIZE) for label, _ in rows]
    value_texts = [_format(value, unit) for _, value in rows]
    bar_x = PADDING + max(_text_width(label, LABEL_SIZE) for label in labels) + 8
    value_area = max(_text_width(text, LABEL_SIZE) for text in value_texts) + 8
    bar_area = max(width - bar_x - value_area - PADDING, 80)
    total_width = bar_x + bar_area + value_area + PADDING
    height = TITLE_BAND + len(rows) * ROW_HEIGHT + PADDING

    parts = _svg_open(chart_id, title, f"{description} {summary}", total_width, height)
    for index, ((full_label, value), label, value_text) in enumerate(zip(rows, labels, value_texts)):
        top = TITLE_BAND + index * ROW_HEIGHT
        bar_y = top + (ROW_HEIGHT - BAR_THICKNESS) / 2
        bar_width = _clamp(value, scale) / scale * bar_area
        baseline = top + ROW_HEIGHT / 2 + LABEL_SIZE * 0.35
        parts += [
            '<g class="bar-row">',
            f"<title>{escape(full_label)}：{escape(value_text)}</title>",
            f'<rect class="track" x="{_n(bar_x)}" y="{_n(bar_y)}" width="{_n(bar_area)}" '
            f'height="{BAR_THICKNESS}" fill="{TRACK_COLOUR}"/>',
            f'<rect class="bar" x="{_n(bar_x)}" y="{_n(bar_y)}" width="{_n(bar_width)}" '
            f'height="{BAR_THICKNESS}" fill="{BAR_COLOUR}"/>',
            f'<text class="label" x="{_n(bar_x - 8)}" y="{_n(baseline)}" font-size="{LABEL_SIZE}" '
            f'text-anchor="end">{escape(label)}</text>',
            f'<text class="value" x="{_n(bar_x + bar_width + 6)}" y="{_n(baseline)}" '
            f'font-size="{LABEL_SIZE}">{escape(value_text)}</text>',
            "</g>",
        ]
    return "".join(parts + ["</svg>"])


def trend_chart(series: Mapping[str, Sequence[tuple[str, float]]], *, title: str, description: str = "",
                unit: str = "%", max_value: float | None = 100.0, width: int = 640, height: int = 240) -> str:
    """Line chart over dates: ``{series name: [("YYYY-MM-DD", value), ...]}``.

    The x axis is the union of all dates at evenly spaced positions (labels thinned when they
    would overlap); the y axis runs from 0 to ``max_value`` (``None``: a round number above the
    largest value) with 5 labelled gridlines. Each series gets a polyline (none for a single
    date) and circle markers whose ``<title>`` reads "date: value", plus a legend entry; the
    height grows when the legend wraps. No data at all renders "暂无数据".
    """
    lines = [(_clean(name), sorted((_clean(date), float(value)) for date, value in points))
             for name, points in series.items()]
    title, description = _clean(title), _clean(description)
    chart_id = _chart_id("trend", title, description, unit, max_value, width, height, lines)
    summary = "；".join(f"{name}：" + "，".join(f"{date} {_format(value, unit)}" for date, value in points)
                       for name, points in lines if points)
    dates = sorted({date for _, points in lines for date, _ in points})
    if not dates:
        return _no_data_svg(chart_id, title, description, width, height)

    values = [value for _, points in lines for _, value in points]
    top = _scale(max_value, values) if max_value is not None else _nice_top(values)
    legend, legend_height = _legend([name for name, _ in lines], width)
    total_height = height + legend_height - LEGEND_ROW
    tick_texts = [_format(top * step / GRID_STEPS, unit) for step in range(GRID_STEPS + 1)]
    date_width = max(_text_width(date, SMALL_SIZE) for date in dates)
    plot_left = PADDING + max(max(_text_width(t, SMALL_SIZE) for t in tick_texts) + 6, date_width / 2)
    plot_right = max(width - PADDING - date_width / 2, plot_left + 40)
    plot_top = TITLE_BAND + legend_height + SMALL_SIZE
    plot_bottom = total_height - PADDING - SMALL_SIZE - 8

    position = {date: index for index, date in enumerate(dates)}

    def x_of(date: str) -> float:
        if len(dates) == 1:
            return (plot_left + plot_right) / 2
        return plot_left + position[date] * (plot_right - plot_left) / (len(dates) - 1)

    def y_of(value: float) -> float:
        return plot_bottom - _clamp(value, top) / top * (plot_bottom - plot_top)

    parts = _svg_open(chart_id, title, f"{description} {summary}", width, total_height)
    parts += legend
    for step, tick_text in enumerate(tick_texts):
        y = y_of(top * step / GRID_STEPS)
        parts.append(
            f'<line class="grid" x1="{_n(plot_left)}" y1="{_n(y)}" x2="{_n(plot_right)}" y2="{_n(y)}" '
            f'stroke="{AXIS_COLOUR if step == 0 else GRID_COLOUR}" stroke-width="1"/>'
            f'<text class="tick" x="{_n(plot_left - 6)}" y="{_n(y + SMALL_SIZE * 0.35)}" '
            f'font-size="{SMALL_SIZE}" fill="{MUTED_COLOUR}" text-anchor="end">{escape(tick_text)}</text>'
        )
    spacing = (plot_right - plot_left) / max(len(dates) - 1, 1)
    label_every = max(1, math.ceil((date_width + 8) / spacing))
    for date in dates[::label_every]:
        parts.append(
            f'<text class="date" x="{_n(x_of(date))}" y="{_n(plot_bottom + SMALL_SIZE + 6)}" '
            f'font-size="{SMALL_SIZE}" fill="{MUTED_COLOUR}" text-anchor="middle">{escape(date)}</text>'
        )
    for index, (name, points) in enumerate(lines):
        colour, dash = _series_style(index)
        parts.append(f'<g class="series" data-series="{escape(name)}">')
        coordinates = " ".join(f"{_n(x_of(date))},{_n(y_of(value))}" for date, value in points)
        if len(points) > 1:
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-linejoin="round"{dash}/>'
            )
        for date, value in points:
            parts.append(
                f'<circle cx="{_n(x_of(date))}" cy="{_n(y_of(value))}" r="4" fill="{colour}" '
                f'stroke="#ffffff" stroke-width="1"><title>{escape(date)}: {escape(_format(value, unit))}'
                "</title></circle>"
            )
        parts.append("</g>")
    return "".join(parts + ["</svg>"])


def _legend(names: list[str], width: int) -> tuple[list[str], int]:
    """Legend entries (line sample + name) wrapped into rows; returns the markup and its height."""
    parts, x, row = [], PADDING, 0
    for index, name in enumerate(names):
        colour, dash = _series_style(index)
        text = _fit(name, width - 2 * PADDING - 28, SMALL_SIZE + 1)
        entry_width = 28 + _text_width(text, SMALL_SIZE + 1) + 16
        if x > PADDING and x + entry_width > width - PADDING:
            x, row = PADDING, row + 1
        y = TITLE_BAND + row * LEGEND_ROW + LEGEND_ROW / 2
        parts.append(
            f'<g class="legend-entry"><line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 22)}" y2="{_n(y)}" '
            f'stroke="{colour}" stroke-width="2"{dash}/><circle cx="{_n(x + 11)}" cy="{_n(y)}" r="3.5" '
            f'fill="{colour}"/><text x="{_n(x + 28)}" y="{_n(y + (SMALL_SIZE + 1) * 0.35)}" '
            f'font-size="{SMALL_SIZE + 1}">{escape(text)}</text></g>'
        )
        x += entry_width
    return parts, (row + 1) * LEGEND_ROW


def _series_style(index: int) -> tuple[str, str]:
    """Colour and (possibly empty) ``stroke-dasharray`` attribute of the index-th series."""
    dash = SERIES_DASHES[index % len(SERIES_DASHES)]
    return SERIES_COLOURS[index % len(SERIES_COLOURS)], f' stroke-dasharray="{dash}"' if dash else ""


def _svg_open(chart_id: str, title: str, desc: str, width: float, height: float) -> list[str]:
    """Root element, accessible name/description and the visible title."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" style="max-width:{_n(width)}px;height:auto" '
        f'font-family="{escape(FONT_FAMILY)}" fill="{TEXT_COLOUR}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc.strip())}</desc>',
        f'<text class="chart-title" x="{PADDING}" y="{PADDING + TITLE_SIZE}" font-size="{TITLE_SIZE}" '
        f'font-weight="bold">{escape(_fit(title, width - 2 * PADDING, TITLE_SIZE))}</text>',
    ]


def _no_data_svg(chart_id: str, title: str, description: str, width: int, height: int) -> str:
    """A chart frame saying "暂无数据"."""
    parts = _svg_open(chart_id, title, f"{description} {NO_DATA_TEXT}", width, height)
    parts.append(
        f'<text class="no-data" x="{_n(width / 2)}" y="{_n((TITLE_BAND + height) / 2)}" '
        f'font-size="{LABEL_SIZE}" fill="{MUTED_COLOUR}" text-anchor="middle">{NO_DATA_TEXT}</text>'
    )
    return "".join(parts + ["</svg>"])


def _chart_id(kind: str, *content: object) -> str:
    """Deterministic id prefix from the chart's whole input (same input → same id)."""
    digest = hashlib.blake2s(repr(content).encode("utf-8", "backslashreplace"), digest_size=6)
    return f"zd-{kind}-{digest.hexdigest()}"


def _scale(max_value: float | None, values: list[float]) -> float:
    """The value drawn at full length: ``max_value`` or the largest finite value; 1 instead of ≤ 0."""
    top = max_value if max_value is not None else max((v for v in values if math.isfinite(v)), default=0.0)
    return top if math.isfinite(top) and top > 0 else 1.0


def _nice_top(values: list[float]) -> float:
    """A round axis maximum ≥ the largest value whose quarters are round too (87 → 100, 3 → 4, 0 → 4)."""
    largest = max((value for value in values if math.isfinite(value)), default=0.0)
    if largest <= 0:
        return float(GRID_STEPS)
    magnitude = 10 ** math.floor(math.log10(largest / GRID_STEPS))
    return next(top for top in (m * magnitude * GRID_STEPS for m in (1, 2, 2.5, 5, 10)) if top >= largest)


def _clamp(value: float, top: float) -> float:
    return min(max(value, 0.0), top) if math.isfinite(value) else 0.0


def _format(value: float, unit: str = "") -> str:
    """At most one decimal, rounded half up (四舍五入), no trailing ".0": "87.5%", "100%", "3"."""
    try:
        rounded = Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    except InvalidOperation:  # inf, or too large for a tenth's precision
        return f"{value:g}{unit}"
    return _n(float(rounded)) + unit


def _n(number: float) -> str:
    """A number for an SVG attribute: one decimal at most."""
    text = f"{number:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _clean(text: object) -> str:
    """One line of text without the control characters XML forbids."""
    return "".join(" " if ch in "\t\r\n" else ch for ch in str(text) if ch >= " " or ch in "\t\r\n")


def _text_width(text: str, size: float) -> float:
    """Estimated rendered width: full-width (CJK) characters 1 em, others 0.6 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WFA" else 0.6 * size for ch in text)


def _fit(text: str, max_width: float, size: float) -> str:
    """``text`` cut with "…" so that it fits in ``max_width``."""
    if _text_width(text, size) <= max_width:
        return text
    text = text[: int(max_width / (0.6 * size)) + 1]
    while text and _text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text + "…"
