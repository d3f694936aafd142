"""The suite's Node projects (the TypeScript checks) and their installs, in one place.

Three projects pin their tools with a lockfile: the generated GraphQL client
(``tests/contract/graphql``), the generated OpenAPI client (``tests/contract/openapi``) and
the example site's frontend (``example_site/frontend``). Each is installed with ``npm ci``
into its own ``node_modules`` (ignored by git), and again only when ``node_modules`` no longer
matches the lockfile (:func:`is_current`).

``make test`` runs ``python -m tests.node_tools`` before the suite: the three installs run at
once, before the test processes start, instead of one after another inside them (about 20 s
of npm on a fresh checkout). The tests call :func:`ensure` too, so ``pytest`` run on its own
installs what it needs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROJECTS = (
    REPO / "tests" / "contract" / "graphql",
    REPO / "tests" / "contract" / "openapi",
    REPO / "example_site" / "frontend",
)

__all__ = ["PROJECTS", "ensure", "have_node", "is_current"]


def have_node() -> bool:
    """Whether ``node`` and ``npm`` are on the ``PATH``."""
    return bool(shutil.which("node") and shutil.which("npm"))


def is_current(project: Path) -> bool:
    """Whether ``node_modules/.package-lock.json`` (what npm installed) holds every package of
    the lockfile at its locked version."""
    installed = project / "node_modules" / ".package-lock.json"
    if not installed.exists():
        return False
    wanted = json.loads((project / "package-lock.json").read_text())["packages"]
    have = json.loads(installed.read_text())["packages"]
    return all(
        have.get(path, {}).get("version") == package.get("version")
        for path, package in wanted.items()
        if path
    )


def ensure(project: Path, timeout: int = 600) -> Path:
    """``npm ci`` in ``project`` unless it is current; its ``node_modules/.bin``. Raises
    ``RuntimeError`` with npm's output when the install fails."""
    if not is_current(project):
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"npm ci in {project} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
    return project / "node_modules" / ".bin"


def main() -> int:
    if not have_node():
        print("node/npm are missing: the TypeScript checks will be skipped")
        return 0
    stale = [project for project in PROJECTS if not is_current(project)]
    if not stale:
        return 0
    names = ", ".join(str(project.relative_to(REPO)) for project in stale)
    print(f"npm ci in {names}", flush=True)
    with ThreadPoolExecutor(len(stale)) as pool:
        failures = [
            str(error) for error in pool.map(_install_reporting, stale) if error is not None
        ]
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def _install_reporting(project: Path) -> Exception | None:
    try:
        ensure(project)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return error
    return None


if __name__ == "__main__":
    sys.exit(main())
