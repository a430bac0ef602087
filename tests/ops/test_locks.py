"""The lock files say what pyproject.toml asks for (refresh them with `make lock`)."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def pins(lock):
    """{name: version} of a lock file written by `uv pip compile`."""
    text = (ROOT / lock).read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, re.M)
    }


def wanted(requirements):
    return [Requirement(text) for text in requirements]


def test_every_dependency_is_locked_in_a_version_pyproject_allows():
    locked = pins("requirements.lock")
    for requirement in wanted(PROJECT["project"]["dependencies"]):
        version = locked.get(canonicalize_name(requirement.name))
        assert version and requirement.specifier.contains(version), requirement


def test_every_test_tool_is_locked_in_a_version_pyproject_allows():
    locked = pins("requirements-dev.lock")
    for requirement in wanted(PROJECT["dependency-groups"]["dev"]):
        version = locked.get(canonicalize_name(requirement.name))
        assert version and requirement.specifier.contains(version), requirement


def test_the_test_tools_share_the_sites_versions():
    site, tools = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: tools[name] for name in site.keys() & tools.keys()} == {
        name: site[name] for name in site.keys() & tools.keys()
    }


def test_every_locked_file_has_its_hash():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
        assert all("--hash=sha256:" in entry for entry in entries if "==" in entry), lock
