"""The tile-grid map of Thailand's 77 provinces coloured by the number of activities.

`build(counts, link=...)` turns {province id: (activities, participants)} into squares with
positions, colours and links, which `templates/activities/_province_map.html` draws as an
SVG (no tiles, no JavaScript) on /stats/, an agency's page and the committee's PDF. The
positions are data (agencies/provincegrid.py); the counts come from activities.figures.
"""

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from agencies import provincegrid
from agencies.models import Province

from .figures import grouped

SQUARE = 30  # px (1 px = 0.75 pt in the PDF)
GAP = 3
LEVELS = 5
# Level 0 (nothing) then five steps of the site's navy; text is dark on the light ones.
FILLS = ["#edf0f4", "#d4e0f2", "#a9c1e6", "#6f95cf", "#3b65ad", "#142c57"]
INKS = ["#565e66", "#1f2328", "#1f2328", "#0b1a33", "#ffffff", "#ffffff"]
FADED = "#f7f8fa"  # provinces outside the region an agency's map is about


@dataclass
class Square:
    code: int
    name: str
    label: str
    x: int
    y: int
    activities: int = 0
    participants: int = 0
    level: int = 0
    url: str = ""
    in_focus: bool = True

    @property
    def fill(self):
        return FILLS[self.level] if self.in_focus else FADED

    @property
    def ink(self):
        return INKS[self.level] if self.in_focus else "#8a939c"

    @property
    def text_x(self):
        return self.x + SQUARE / 2

    @property
    def text_y(self):
        return self.y + SQUARE / 2

    # Said and written here rather than in the template: 77 {% blocktranslate %} and
    # |intcomma were most of the time a map took to draw (24 ms of a statistics page).
    @property
    def spoken(self):
        """The square's link as a screen reader says it: "เชียงใหม่: 3 กิจกรรม"."""
        words = ngettext(
            "%(name)s: %(counter)s activity", "%(name)s: %(counter)s activities", self.activities
        )
        return words % {"name": self.name, "counter": self.activities}

    @property
    def count(self):
        return grouped(self.activities)

    @property
    def markup(self):
        """The square as SVG, written here too: 77 squares of a dozen template variables
        each (every number localized on its way out) took 10 ms of a page to draw."""
        shape = format_html(
            '<g{}><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" rx="3" '
            'fill="{}"></rect><text x="{}" y="{}" fill="{}" text-anchor="middle" '
            'dominant-baseline="central">{}</text></g>',
            "" if self.url else mark_safe(' aria-hidden="true"'),
            self.name,
            self.count,
            self.x,
            self.y,
            SQUARE,
            SQUARE,
            self.fill,
            self.text_x,
            self.text_y,
            self.ink,
            self.label,
        )
        if not self.url:
            return shape
        return format_html('<a href="{}" aria-label="{}">{}</a>', self.url, self.spoken, shape)


@dataclass
class Step:
    fill: str
    label: str


@dataclass
class ProvinceMap:
    title: str
    squares: list
    width: int
    height: int
    legend: list = field(default_factory=list)
    size: int = SQUARE

    @property
    def rows(self):
        """The provinces the map is about with something in them, busiest first (the table)."""
        shown = [s for s in self.squares if s.in_focus and s.activities]
        return sorted(shown, key=lambda s: (-s.activities, s.name))

    @property
    def total(self):
        return sum(s.activities for s in self.squares if s.in_focus)


def level(count, top):
    return math.ceil(LEVELS * count / top) if count and top else 0


def legend(top):
    """The count range of each colour, e.g. 1–4, 5–8, …; steps that would be empty are left out."""
    steps = [Step(FILLS[0], "0")]
    low = 1
    for number in range(1, LEVELS + 1):
        high = math.floor(top * number / LEVELS)
        if high >= low:
            steps.append(
                Step(
                    FILLS[number],
                    grouped(low) if low == high else f"{grouped(low)}–{grouped(high)}",
                )
            )
            low = high + 1
    return steps


def feed_link(**filters):
    """Link maker: the public feed filtered by the province (and the given filters)."""

    feed = reverse("activities:feed")  # once, not for each of the 77

    def link(province):
        return f"{feed}?{urlencode({**filters, 'province': province.slug})}"

    return link


def build(counts, *, title, link=None, region=None, provinces=None):
    """The map of `counts` ({province id: (activities, participants)}); with `region`, only
    that education region's provinces are coloured and linked. `provinces`: the 77 rows when
    the caller has them already."""
    grid = provincegrid.places()
    if provinces is None:
        provinces = Province.objects.only("pk", "code", "slug", "name", "name_en", "region")
    in_focus = {p.pk: region is None or p.region == region for p in provinces}
    top = max((c[0] for pk, c in counts.items() if in_focus.get(pk)), default=0)
    squares = []
    for province in provinces:
        place = grid[province.code]
        activities, participants = counts.get(province.pk, (0, 0))
        focus = in_focus[province.pk]
        squares.append(
            Square(
                code=province.code,
                name=province.display_name,
                label=place.label,
                x=place.col * (SQUARE + GAP),
                y=place.row * (SQUARE + GAP),
                activities=activities,
                participants=participants,
                level=level(activities, top) if focus else 0,
                url=link(province) if link and focus else "",
                in_focus=focus,
            )
        )
    rows, cols = provincegrid.size()
    return ProvinceMap(
        title=title,
        squares=sorted(squares, key=lambda s: (s.y, s.x)),
        width=cols * (SQUARE + GAP) - GAP,
        height=rows * (SQUARE + GAP) - GAP,
        legend=legend(top),
    )
