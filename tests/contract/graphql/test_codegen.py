"""A frontend's generated GraphQL client compiles under ``tsc --strict``.

graphql-codegen (pinned with its lockfile here) generates the types of the documented operations
(``operations.graphql``) from the schema ``/graphql/`` serves with the README's setup
(``tests.agency_settings``, asked by introspection in a process of its own), and ``consumer.ts``
renders every block of every stream with a ``switch`` on ``__typename`` ending in a ``never``
check. So a block type added to a stream without the frontend handling it, a scalar without a
TypeScript mapping, or a field that turns into ``any``/``unknown`` fails here.

Needs ``npm`` (Node 20); ``npm ci`` runs only when ``node_modules`` does not match the lockfile.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import node_tools
from tests.api.graphql.test_schema_snapshot import SERVED, run_django

HERE = Path(__file__).resolve().parent
SOURCES = ("codegen.yml", "operations.graphql", "consumer.ts", "json.ts", "tsconfig.json")
#: codegen's own helper types (``Exact<T extends { [key: string]: unknown }>`` …), not the API's
CODEGEN_HELPERS = re.compile(r"^(export )?type (Exact|Incremental|Make\w+)<.*$", re.MULTILINE)


def run(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def tools() -> Path:
    if not node_tools.have_node():
        pytest.skip("node/npm are missing: install Node 20 to check the generated GraphQL client")
    return node_tools.ensure(HERE)


@pytest.fixture(scope="module")
def served_sdl() -> str:
    result = run_django("tests.agency_settings", SERVED)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])["served"]


@pytest.fixture
def project(tmp_path, tools, served_sdl) -> Path:
    """The consumer project in a scratch directory, with the served schema."""
    for name in SOURCES:
        shutil.copy(HERE / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(HERE / "node_modules")
    (tmp_path / "schema.graphql").write_text(served_sdl, encoding="utf-8")
    result = run(str(tools / "graphql-codegen"), "--config", "codegen.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path


def tsc(project: Path) -> subprocess.CompletedProcess:
    tools = HERE / "node_modules" / ".bin"
    return run(str(tools / "tsc"), "--strict", "--noEmit", "-p", "tsconfig.json", cwd=project)


def test_the_consumer_compiles_strictly_and_handles_every_block(project):
    result = tsc(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_generated_types_hold_no_any_or_unknown(project):
    generated = (project / "generated" / "graphql.ts").read_text()
    api_types = CODEGEN_HELPERS.sub("", generated)
    loose = re.findall(r".*\b(?:any|unknown)\b.*", api_types)
    assert not loose, "\n".join(loose[:10])
    # the typed shapes the issue asked for, as a frontend sees them
    assert (
        "openingHoursSpecification: Array<{ __typename: 'OpeningHoursSpecification', "
        "dayOfWeek: DayOfWeek | null" in generated
    )
    assert "level: HeadingBlockLevel" in generated
    assert "jsonld: JsonValue" in generated


def test_a_block_without_a_case_fails_the_build(project):
    """The ``never`` check works: dropping the quote case of the article renderer is an error."""
    consumer = project / "consumer.ts"
    source = consumer.read_text()
    case = (
        '    case "QuoteBlock":\n      return `<blockquote>${escape(block.quote)}</blockquote>`;\n'
    )
    assert source.count(case) == 1
    consumer.write_text(source.replace(case, ""))
    result = tsc(project)
    assert result.returncode != 0
    assert "QuoteBlock" in result.stdout and "never" in result.stdout


def test_the_tools_are_pinned_with_a_lockfile():
    package = json.loads((HERE / "package.json").read_text())
    assert (HERE / "package-lock.json").exists(), "npm ci needs package-lock.json"
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"pin {name} exactly, not {version}"
