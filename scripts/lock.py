"""Write requirements.lock: the exact versions of the runtime dependencies in this venv.

    .venv/bin/python scripts/lock.py > requirements.lock

Walks the `dependencies` of pyproject.toml through the installed distributions (their
own requirements, markers evaluated for Linux and Python 3.13, the Docker image's
Python), so the image installs what the tests ran against and nothing from `dev`.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

TARGET = {
    "python_version": "3.13",
    "python_full_version": "3.13.0",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "platform_machine": "x86_64",
}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(requirements):
    seen = {}
    pending = [(Requirement(text), "") for text in requirements]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({**TARGET, "extra": extra}):
            continue
        name = canonical(requirement.name)
        extras = set(requirement.extras)
        if name in seen and extras <= seen[name][1]:
            continue
        dist = metadata.distribution(requirement.name)
        known = seen.get(name, (dist, set()))[1]
        seen[name] = (dist, known | extras)
        for text in dist.requires or []:
            for wanted in {""} | extras:
                pending.append((Requirement(text), wanted))
    return seen


def main():
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    found = closure(project["project"]["dependencies"])
    print("# Runtime dependencies, pinned: regenerate with `python scripts/lock.py`.")
    for name in sorted(found):
        print(f"{name}=={found[name][0].version}")


if __name__ == "__main__":
    sys.exit(main())
