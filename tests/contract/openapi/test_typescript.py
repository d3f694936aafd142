"""A generated TypeScript client compiles, under ``--strict``, against the schema the API serves.

As a frontend team would: openapi-typescript (pinned in ``package.json``, locked in
``package-lock.json``) turns ``/api/v3/openapi.json`` (fetched through the test client, not
the snapshot in docs/) into ``schema.d.ts``, and ``tsc --strict`` compiles ``consumer.ts``, which
narrows the page union on ``type`` and renders every block type with an exhaustive ``switch``
(a ``never`` in the default branch). The compiled consumer then renders the demo's pages, so the
types and the data agree. The package's own types must not contain ``any`` or ``unknown``.

``npm ci`` runs into ``tests/contract/openapi/node_modules`` (ignored by git) when it does not
match ``package-lock.json`` (:mod:`tests.node_tools`; ``make test`` does it first). Without ``node``/``npm`` the tests skip, saying so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from wagtail.models import Page

from tests import node_tools
from wagtail_neuro.models import ClinicHoursSnippet

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
REF = "#/components/schemas/"
#: The package's routes whose answers are the package's own types (with the page union).
PACKAGE_ROUTES = (
    "/api/v3/pages/{page_id}/",
    "/api/v3/articles/",
    "/api/v3/conditions/",
    "/api/v3/clinic-hours/",
    "/api/v3/clinic-hours/{hours_id}/",
    "/api/v3/preview/",
)


def run(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"`{' '.join(args)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


@pytest.fixture(scope="module")
def bin_dir() -> Path:
    """``node_modules/.bin`` with the pinned openapi-typescript and tsc (:mod:`tests.node_tools`)."""
    if not node_tools.have_node():
        pytest.skip(
            "node/npm are missing: install Node 20 (Debian's nodejs and npm packages or "
            "nodejs.org) to compile the generated TypeScript client"
        )
    return node_tools.ensure(HERE)


@pytest.fixture(scope="module")
def served(demo_home_pk, django_db_blocker) -> dict[str, Any]:
    """The document ``/api/v3/openapi.json`` serves (inside the demo's module transaction)."""
    from django.test import Client, override_settings

    with django_db_blocker.unblock(), override_settings(ROOT_URLCONF="tests.api.rest.urls"):
        response = Client().get("/api/v3/openapi.json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.fixture(scope="module")
def generated(bin_dir, served, tmp_path_factory) -> Path:
    """A directory with ``consumer.ts``, ``tsconfig.json`` and ``schema.d.ts`` generated from
    the served document (once per module: openapi-typescript takes a few seconds)."""
    directory = tmp_path_factory.mktemp("openapi-typescript")
    (directory / "openapi.json").write_text(json.dumps(served))
    for name in ("consumer.ts", "tsconfig.json", "render.mjs"):
        shutil.copy(HERE / name, directory / name)
    run(
        str(bin_dir / "openapi-typescript"),
        "openapi.json",
        "--output",
        "schema.d.ts",
        cwd=directory,
    )
    return directory


def demo_fixture(client, demo_home_pk: int) -> dict[str, Any]:
    """Real answers: every demo page's detail, the article cards and the clinic hours."""
    pages = Page.objects.get(pk=demo_home_pk).get_descendants(inclusive=True).live()
    details = [client.get(f"/api/v3/pages/{page.pk}/").json() for page in pages]
    hours = ClinicHoursSnippet.objects.get(name="Office Hours")
    return {
        "pages": details,
        "articles": client.get("/api/v3/articles/").json(),
        "hours": [client.get(f"/api/v3/clinic-hours/{hours.pk}/").json()],
    }


def block_types(node: Any) -> set[str]:
    """The ``type`` of every stream item in a page's JSON (nested streams included)."""
    found: set[str] = set()
    if isinstance(node, dict):
        if {"type", "id", "value"} <= set(node):
            found.add(node["type"])
        for value in node.values():
            found |= block_types(value)
    elif isinstance(node, list):
        for value in node:
            found |= block_types(value)
    return found


def test_the_consumer_compiles_strict_and_renders_the_demo(
    client, demo_home_pk, bin_dir, generated
):
    # type-checks, and emits out/consumer.js to run on the demo's answers below
    run(str(bin_dir / "tsc"), "-p", "tsconfig.json", "--strict", cwd=generated)
    out = generated / "out"
    (out / "package.json").write_text('{"type": "module"}')
    fixture = demo_fixture(client, demo_home_pk)
    (generated / "fixture.json").write_text(json.dumps(fixture))
    rendered = json.loads(
        run("node", "render.mjs", str(out / "consumer.js"), "fixture.json", cwd=generated).stdout
    )
    for page, html in zip(fixture["pages"], rendered["pages"], strict=True):
        assert f'data-type="{page["type"]}"' in html
        for kind in block_types(page) - {"citation"}:
            assert f'data-block="{kind}"' in html, f"{page['title']}: {kind} not rendered"
    kinds = set().union(*(block_types(page) for page in fixture["pages"]))
    assert {"heading", "paragraph", "section", "symptom_list"} <= kinds, kinds
    assert f"{fixture['articles']['count']} articles" in rendered["cards"]
    assert "Open now" in rendered["hours"][0] or "Closed" in rendered["hours"][0]


def package_components(schema: dict[str, Any]) -> set[str]:
    """Components the package's routes answer with, through ``$ref`` (blocks, cards, hours,
    SEO, the page schemas of the union and their meta)."""
    components = schema["components"]["schemas"]
    roots = [
        schema["paths"][path]["get"]["responses"]["200"]
        for path in PACKAGE_ROUTES
        if path in schema["paths"]
    ]
    seen: set[str] = set()
    stack: list[Any] = roots
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            name = ref[len(REF) :]
            if ref.startswith(REF) and name not in seen:
                seen.add(name)
                stack.append(components[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return seen


def declarations(d_ts: str) -> dict[str, str]:
    """``components["schemas"]``'s members in openapi-typescript's output, by name, without
    comments (each starts at eight spaces of indent inside ``schemas: {``)."""
    section = d_ts.split("\n    schemas: {\n", 1)[1].split("\n    };\n", 1)[0]
    bodies: dict[str, list[str]] = {}
    current = None
    for line in section.splitlines():
        match = re.match(r"^ {8}(\w+): ", line)
        if match:
            current = match.group(1)
            bodies[current] = []
        stripped = line.strip()
        if current and not stripped.startswith(("/*", "*")):
            bodies[current].append(line)
    return {name: "\n".join(lines) for name, lines in bodies.items()}


def test_no_any_or_unknown_in_the_package_types(generated, served):
    types = declarations((generated / "schema.d.ts").read_text())
    names = package_components(served)
    assert {"ArticlePageSchema", "ArticleBodyBlockItem", "ClinicHoursData"} <= names
    loose = {
        name: sorted(set(re.findall(r"\b(any|unknown)\b", types[name])))
        for name in sorted(names)
        if re.search(r"\b(any|unknown)\b", types[name])
    }
    assert not loose, (
        "openapi-typescript gives these package types `any`/`unknown` (an untyped field, an "
        "open object or a block that declares no api_schema); type them exactly: "
        + ", ".join(f"{name} ({'/'.join(words)})" for name, words in loose.items())
    )
