"""The GraphQL contract is pinned: ``docs/api/schema.graphql`` is the schema an agency's project
serves, and nothing (an app order, the test suite's own apps) makes the served one differ.

The snapshot is the schema of the README's setup (``tests.agency_settings``: the package's apps
only, in the README's order), asked in a process started with those settings, both as the
export command writes it and as ``/graphql/`` answers an introspection query. When this fails
after an intended change, regenerate the file and review the diff:
``DJANGO_SETTINGS_MODULE=tests.agency_settings python -m django export_graphql_schema``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from graphql import build_schema, print_schema

from wagtail_neuro.management.commands.export_graphql_schema import IMPLEMENTS, schema_sdl

REPO = Path(__file__).resolve().parents[3]
SNAPSHOT = REPO / "docs" / "api" / "schema.graphql"
REGENERATE = "DJANGO_SETTINGS_MODULE=tests.agency_settings python -m django export_graphql_schema"

#: Run in a fresh process: the exported SDL, and the SDL of what ``/graphql/`` answers.
SERVED = """
import json
import django
django.setup()
from django.test import Client
from graphql import build_client_schema, get_introspection_query, print_schema
from wagtail_neuro.management.commands.export_graphql_schema import schema_sdl
query = get_introspection_query(descriptions=True, input_value_deprecation=True)
response = Client().post("/graphql/", json.dumps({"query": query}), "application/json")
assert response.status_code == 200, response.content
served = print_schema(build_client_schema(response.json()["data"]))
print(json.dumps({"exported": schema_sdl(), "served": served}))
"""


def run_django(settings_module: str, code: str, extra_path: Path | None = None):
    path = [str(REPO), *([str(extra_path)] if extra_path else [])]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": os.pathsep.join(path),
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180
    )


def normalised(sdl: str) -> str:
    """The SDL as graphql-core prints it, interfaces A–Z (their order is a set's in grapple)."""
    printed = print_schema(build_schema(sdl)).rstrip("\n") + "\n"
    return IMPLEMENTS.sub(lambda m: " implements " + " & ".join(sorted(m[1].split(" & "))), printed)


@pytest.fixture(scope="module")
def agency_schema() -> dict[str, str]:
    result = run_django("tests.agency_settings", SERVED)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_snapshot_is_the_schema_of_the_readme_setup(agency_schema):
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: run `{REGENERATE}`"
    assert SNAPSHOT.read_text(encoding="utf-8") == agency_schema["exported"], (
        f"The GraphQL schema changed: run `{REGENERATE}` and review the diff."
    )


def test_the_snapshot_is_what_the_server_answers(agency_schema):
    """Introspection of ``/graphql/`` (descriptions included) prints the snapshot's schema."""
    assert normalised(agency_schema["served"]) == normalised(SNAPSHOT.read_text("utf-8"))


def test_the_snapshot_holds_no_test_app_types():
    sdl = SNAPSHOT.read_text(encoding="utf-8")
    assert "ClinicArticlePage" not in sdl and "FaqBlock" not in sdl
    assert "type Author implements SnippetInterface" in sdl  # the snippets are typed


def test_grapple_before_wagtail_snippets_is_refused(tmp_path):
    """With ``grapple`` before ``wagtail.snippets`` grapple types no snippet (``snippets``
    answers ``[]``, the schema loses ~200 lines): system check E049 stops the project."""
    (tmp_path / "grapple_first_settings.py").write_text(
        "from tests.agency_settings import *  # noqa\n"
        "INSTALLED_APPS = [a for a in INSTALLED_APPS if a not in ('grapple', 'graphene_django')]\n"
        "INSTALLED_APPS[1:1] = ['grapple', 'graphene_django']\n"
    )
    code = "from django.core.management import execute_from_command_line as run; run(['', 'check'])"
    result = run_django("grapple_first_settings", code, extra_path=tmp_path)
    assert result.returncode != 0
    assert "wagtail_neuro.E049" in result.stderr
    assert "Author, Category, ClinicHoursSnippet" in result.stderr
    assert "after 'wagtail.snippets'" in result.stderr


def test_the_app_order_check_passes_in_the_readme_order(agency_schema):
    from wagtail_neuro.checks import check_graphql_app_order

    assert check_graphql_app_order() == []


def test_contract_names_are_in_the_schema():
    sdl = SNAPSHOT.read_text(encoding="utf-8")
    for name in (
        "article(id: ID, slug: String, urlPath: String): ArticleInterface",
        "): [ArticleInterface!]!",
        "type ArticlePage implements ArticleInterface & PageInterface",
        "type SymptomListBlock implements StreamFieldInterface",
        "type ReferenceCitationBlock implements StreamFieldInterface",
        "type ConditionListBlock implements StreamFieldInterface",
        "isOpenNow: Boolean!",
        "allClinicHours(",
    ):
        assert name in sdl


def test_the_command_writes_and_checks(tmp_path):
    target = tmp_path / "schema.graphql"
    call_command("export_graphql_schema", output=str(target))
    assert target.read_text(encoding="utf-8") == schema_sdl()
    call_command("export_graphql_schema", output=str(target), check=True)
    target.write_text("type Stale { id: ID }\n", encoding="utf-8")
    with pytest.raises(CommandError, match="is stale"):
        call_command("export_graphql_schema", output=str(target), check=True)


def test_the_agency_settings_follow_the_readme_order():
    """The snapshot's settings list the apps the README names, in the README's order."""
    import re

    from tests import agency_settings

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"INSTALLED_APPS = \[(.*?)\n\]", readme, re.DOTALL)
    assert block, "README.md has no INSTALLED_APPS example"
    named = re.findall(r'^\s*"([\w.]+)",', block[1], re.MULTILINE)
    assert "grapple" in named and "wagtail_neuro" in named
    positions = [agency_settings.INSTALLED_APPS.index(app) for app in named]
    assert positions == sorted(positions), named
