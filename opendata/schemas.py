"""The JSON Schemas of the datasets' JSON pages, shipped as files in `schemas/` (one per
dataset), served at /opendata/schema/<dataset>.json and used by the tests."""

import functools
import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "schemas"


@functools.cache
def text(slug):
    return (FOLDER / f"{slug}.schema.json").read_text(encoding="utf-8")


def load(slug):
    return json.loads(text(slug))
