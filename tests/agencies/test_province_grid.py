"""The tile-grid map's positions: every province once, no two on one square, one country."""

import pytest

from agencies import provincegrid
from agencies.models import Province


@pytest.mark.django_db
def test_grid_places_every_province_exactly_once():
    assert set(provincegrid.places()) == set(Province.objects.values_list("code", flat=True))


def test_no_two_provinces_share_a_square():
    squares = [(p.row, p.col) for p in provincegrid.places().values()]
    assert len(squares) == len(set(squares)) == 77


def test_every_square_touches_another_so_the_country_is_one_piece():
    squares = {(p.row, p.col) for p in provincegrid.places().values()}
    for row, col in squares:
        around = {(row + dr, col + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)} - {(row, col)}
        assert around & squares, (row, col)


def test_short_names_are_unique_in_both_languages():
    grid = provincegrid.places().values()
    assert len({p.abbreviation for p in grid}) == len({p.abbreviation_en for p in grid}) == 77


def test_north_is_above_the_south_and_the_north_east_right_of_the_west():
    grid = provincegrid.places()
    chiang_rai, bangkok, narathiwat = grid[57], grid[10], grid[96]
    ubon, kanchanaburi = grid[34], grid[71]
    assert chiang_rai.row < bangkok.row < narathiwat.row
    assert kanchanaburi.col < bangkok.col < ubon.col
