import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _thai():
    """The desk is used in Thai; earlier tests must not leave another language active."""
    translation.activate("th")
    yield
    translation.deactivate()
