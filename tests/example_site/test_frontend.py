"""The reference frontend's committed bundle is what its sources build to, and the sources
type-check against types generated from the current OpenAPI snapshot.

``make demo`` serves the committed ``static/frontend/app.js`` (no Node needed to run the demo);
these tests keep it honest. They need ``npm`` (the pinned tools come from the npm registry
through ``npm ci``, once) and skip with a clear message where it is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests import node_tools

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "example_site" / "frontend"
BUNDLE = FRONTEND / "static" / "frontend" / "app.js"
OPENAPI = REPO / "docs" / "api" / "openapi.json"


def run(*args: str, cwd: Path = FRONTEND, timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def tools() -> Path:
    """``node_modules/.bin`` with the pinned esbuild, tsc and openapi-typescript."""
    if not node_tools.have_node():
        pytest.skip("npm is missing: install Node 20 to check the reference frontend's bundle")
    return node_tools.ensure(FRONTEND)


def test_the_committed_bundle_is_built_from_the_sources(tools, tmp_path):
    built = tmp_path / "app.js"
    script = run("npm", "pkg", "get", "scripts.bundle").stdout.strip().strip('"')
    args = [arg for arg in script.split()[1:] if not arg.startswith("--outfile=")]
    run(str(tools / "esbuild"), *args, f"--outfile={built}")
    assert built.read_text() == BUNDLE.read_text(), (
        "static/frontend/app.js is stale: run `npm run build` in example_site/frontend and "
        "commit the result"
    )


def test_the_sources_type_check_against_the_current_openapi_schema(tools, tmp_path):
    """Types are regenerated from the snapshot: a schema change the frontend does not handle
    (a renamed field, a new block type) fails here, not in a visitor's browser."""
    shutil.copytree(FRONTEND / "src", tmp_path / "src")
    shutil.copy(FRONTEND / "tsconfig.json", tmp_path / "tsconfig.json")
    (tmp_path / "node_modules").symlink_to(FRONTEND / "node_modules")
    run(
        str(tools / "openapi-typescript"),
        str(OPENAPI),
        "--output",
        str(tmp_path / "src" / "schema.d.ts"),
        cwd=tmp_path,
    )
    run(str(tools / "tsc"), "--noEmit", "-p", str(tmp_path / "tsconfig.json"), cwd=tmp_path)


def test_the_pinned_tools_come_with_a_lockfile():
    lock = FRONTEND / "package-lock.json"
    assert lock.exists(), "npm ci needs package-lock.json"
    package = (FRONTEND / "package.json").read_text()
    for tool in ("esbuild", "typescript", "openapi-typescript"):
        assert f'"{tool}": "' in package and f'"{tool}": "^' not in package, f"pin {tool} exactly"
