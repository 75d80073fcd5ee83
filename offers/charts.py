"""A server-rendered, accessible SVG bar chart (no JavaScript, nothing from a CDN).

``stacked_bars`` turns series into geometry; ``offers/includes/bar_chart.html`` draws it as
``<svg role="img">`` with a title, a description and a ``<title>`` per bar segment, next to a
data table with the same numbers (the table is the accessible alternative, the chart the
overview). Colours reach 3:1 against white (WCAG 1.4.11) and segments are separated by white
lines, so that neighbouring colours need not be told apart by hue alone; the legend names each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Colours with at least 4.5:1 contrast on white, distinct in lightness as well as hue.
PALETTE = ["#004b87", "#8a4b00", "#2e6b30", "#6a2c91", "#a4000f", "#005f66"]

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


@dataclass
class Segment:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass
class Tick:
    y: float
    value: int


@dataclass
class Column:
    x: float
    centre: float
    label: str
    total: int
    segments: list[Segment]
    #: Long periods label every second (third …) column, so that labels never overlap.
    show_label: bool = True


@dataclass
class Chart:
    width: int
    height: int
    left: int
    baseline: float
    plot_right: float
    columns: list[Column]
    ticks: list[Tick]
    legend: list[tuple[str, str]]


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return int(math.ceil(top))
    return value


def stacked_bars(
    *, labels: list[str], series: list[tuple[str, list[int]]], unit: str = ""
) -> Chart:
    """Columns for ``labels`` (e.g. months), each stacked from ``series`` = [(name, values)]."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    totals = [sum(values[i] for _name, values in series) for i in range(len(labels))]
    top = _nice_max(max(totals, default=0))
    slot = plot_width / max(len(labels), 1)
    bar = slot * 0.64
    baseline = TOP + plot_height
    label_step = max(1, math.ceil(len(labels) / 12))
    columns = []
    for i, label in enumerate(labels):
        x = LEFT + i * slot + (slot - bar) / 2
        y = baseline
        segments = []
        for index, (name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            height = plot_height * value / top
            y -= height
            segments.append(
                Segment(
                    x=round(x, 1),
                    y=round(y, 1),
                    width=round(bar, 1),
                    height=round(height, 1),
                    colour=PALETTE[index % len(PALETTE)],
                    label=f"{label}: {name} {value}{(' ' + unit) if unit else ''}",
                )
            )
        columns.append(
            Column(
                x=round(x, 1),
                centre=round(x + bar / 2, 1),
                label=label,
                total=totals[i],
                segments=segments,
                show_label=i % label_step == 0,
            )
        )
    ticks = [
        Tick(y=round(baseline - plot_height * step / 4, 1), value=round(top * step / 4))
        for step in range(5)
    ]
    legend = [(PALETTE[i % len(PALETTE)], name) for i, (name, _values) in enumerate(series)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        baseline=baseline,
        plot_right=WIDTH - RIGHT,
        columns=columns,
        ticks=ticks,
        legend=legend,
    )
