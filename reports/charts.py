"""The month-by-month trend as an SVG bar chart, drawn on the server (no JavaScript).

`trend(rows)` gives the bars' geometry and labels; templates/reports/pdf/_trend.svg draws
them. Scale ticks are round numbers so the axis reads well in print.
"""

import math
from dataclasses import dataclass

from core import thaidate

WIDTH, HEIGHT = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 16, 4  # room for the axis and value labels


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    label_x: float


@dataclass
class Tick:
    y: float
    value: int


@dataclass
class Chart:
    bars: list
    ticks: list
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


def nice_top(value):
    """The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def trend(rows):
    """Bars of `rows` (activities.figures.Row keyed by (year, month)) by activities."""
    top = nice_top(max((r.activities for r in rows), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(rows), 1)
    bars = []
    for index, row in enumerate(rows):
        height = plot_height * row.activities / top
        x = LEFT + index * slot + slot * 0.15
        _year, month = row.key
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                value=row.activities,
                label=thaidate.month_name(month, short=True),
                label_x=round(x + slot * 0.35, 1),
            )
        )
    ticks = [
        Tick(y=round(HEIGHT - BOTTOM - plot_height * n / 4, 1), value=top * n // 4)
        for n in range(5)
        if top * n % 4 == 0
    ]
    return Chart(bars=bars, ticks=ticks)
