"""Where each province sits on the tile-grid map of Thailand: one square per province.

The grid (`data/province_grid.csv`: code, row, col and the short names printed in the
squares) was laid out by hand from the provincial capitals' positions, so the north, the
north-east, the centre, the east and the southern peninsula keep their shape; the crowded
centre is spread out and the long peninsula drawn shorter. Codes are Province.code (the
Ministry of Interior's two digits, the same numbers as ISO 3166-2:TH).
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from core.language import is_english

GRID_FILE = Path(__file__).resolve().parent / "data" / "province_grid.csv"


@dataclass(frozen=True)
class Place:
    code: int
    row: int
    col: int
    abbreviation: str  # the Royal Institute's Thai abbreviation (ชม, กทม)
    abbreviation_en: str

    @property
    def label(self):
        return self.abbreviation_en if is_english() else self.abbreviation


@functools.cache
def places():
    """{province code: Place} for the 77 provinces."""
    with GRID_FILE.open(encoding="utf-8") as f:
        return {
            int(r["code"]): Place(
                int(r["code"]),
                int(r["row"]),
                int(r["col"]),
                r["abbreviation"],
                r["abbreviation_en"],
            )
            for r in csv.DictReader(f)
        }


def size():
    """(rows, columns) of the grid."""
    grid = places().values()
    return max(p.row for p in grid) + 1, max(p.col for p in grid) + 1
