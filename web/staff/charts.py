"""Chart geometry for the dashboard, drawn on the server as inline SVG.

These functions only compute numbers and labels; ``templates/_charts.html``
turns them into SVG elements (with autoescaping, like every template).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, List, Optional, Sequence, Tuple

from bot.staff.stats import STAGES, AlertWeek, Week


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str


@dataclass
class Tick:
    pos: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    title: str
    bars: List[Bar] = field(default_factory=list)
    x_labels: List[Tick] = field(default_factory=list)
    y_ticks: List[Tick] = field(default_factory=list)
    legend: List[Tuple[str, str]] = field(default_factory=list)
    #: Horizontal charts: one row per value.
    rows: List[dict] = field(default_factory=list)
    plot_left: float = 0
    plot_top: float = 0
    plot_width: float = 0
    plot_height: float = 0


def nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5, 10, 20, 50, ...)."""
    if value <= 0:
        return 1
    magnitude = 10 ** int(math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def funnel_chart(weeks: Sequence[Week], width: int = 860, height: int = 300) -> Chart:
    """The weekly funnel: one bar per stage in each week's group."""
    series = [(f"stage-{name}", label, [week.stage(name) for week in weeks]) for name, label in STAGES]
    return weekly_bars("Weekly funnel", [week.start for week in weeks], series, width=width, height=height)


def bar_chart(title: str, pairs: Sequence[Tuple[str, int]], width: int = 420, row_height: int = 22) -> Chart:
    """Horizontal bars, one row per (label, count)."""
    label_w, right = 170, 50
    height = max(1, len(pairs)) * row_height + 8
    chart = Chart(width, height, title, plot_left=label_w, plot_width=width - label_w - right)
    top_value = max((n for _, n in pairs), default=0) or 1
    for i, (label, n) in enumerate(pairs):
        y = 4 + i * row_height
        w = chart.plot_width * n / top_value
        chart.rows.append(
            {
                "label": label if len(label) <= 26 else label[:25] + "…",
                "full": f"{label}: {n}",
                "y": y,
                "text_y": y + row_height * 0.68,
                "w": round(max(w, 1 if n else 0), 1),
                "h": row_height - 6,
                "value": n,
                "value_x": round(label_w + w + 6, 1),
            }
        )
    return chart


#: A series of a weekly chart: (css class, label, one value per week or None).
Series = Tuple[str, str, Sequence[Optional[float]]]


def weekly_bars(
    title: str,
    starts: Sequence[date],
    series: Sequence[Series],
    fmt: Callable[[float], str] = lambda v: f"{v:,}",
    width: int = 860,
    height: int = 220,
) -> Chart:
    """Grouped vertical bars, one group per week and one bar per series (the
    funnel and the alert charts); a week without a value (None) gets no bar."""
    left, right, top, bottom = 48, 10, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max((v for _, _, values in series for v in values if v is not None), default=0)
    step = nice_max(max(1, math.ceil(highest / 4)))
    ticks = max(1, math.ceil(highest / step))
    top_value = step * ticks
    chart = Chart(width, height, title, plot_left=left, plot_top=top, plot_width=plot_w, plot_height=plot_h)
    chart.legend = [(css, label) for css, label, _ in series]
    for i in range(ticks + 1):
        chart.y_ticks.append(Tick(round(top + plot_h - plot_h * i / ticks, 1), f"{step * i:,}"))
    if not starts or not series:
        return chart
    group = plot_w / len(starts)
    bar_w = max(1.0, (group * 0.8) / len(series))
    for i, start in enumerate(starts):
        x0 = left + i * group + group * 0.1
        for j, (css, label, values) in enumerate(series):
            value = values[i]
            if value is None:
                continue
            h = plot_h * max(value, 0) / top_value
            chart.bars.append(
                Bar(
                    round(x0 + j * bar_w, 1),
                    round(top + plot_h - h, 1),
                    round(bar_w - 1, 1),
                    round(h, 1),
                    css,
                    f"Week of {start:%b %-d}: {label} {fmt(value)}",
                )
            )
        chart.x_labels.append(Tick(round(left + i * group + group / 2, 1), f"{start:%b %-d}"))
    return chart


def _minutes(value: float) -> str:
    return f"{value:,.1f} min"


def _times_chart(title: str, starts: Sequence[date], median: List[Optional[float]], p90: List[Optional[float]]) -> Chart:
    return weekly_bars(
        title, starts, [("stage-location", "Median", median), ("stage-saved", "90th percentile", p90)], _minutes
    )


def alert_time_charts(weeks: Sequence[AlertWeek]) -> List[Chart]:
    """The dashboard's alert charts: delivery time, acknowledgement time (median
    and 90th percentile, minutes) and alert counts, per week. The colours are
    the funnel's (``staff.css``): lighter for the median, darker for the 90th."""
    starts = [w.start for w in weeks]
    return [
        _times_chart("Alert delivery time (minutes)", starts, [w.delivery_median for w in weeks], [w.delivery_p90 for w in weeks]),
        _times_chart("Acknowledgement time (minutes)", starts, [w.ack_median for w in weeks], [w.ack_p90 for w in weeks]),
        weekly_bars(
            "Urgent and safety alerts",
            starts,
            [
                ("stage-started", "Raised", [w.raised for w in weeks]),
                ("stage-booked", "Acknowledged", [w.acknowledged for w in weeks]),
                ("stage-saved", "Unacknowledged", [w.unacknowledged for w in weeks]),
            ],
        ),
    ]
