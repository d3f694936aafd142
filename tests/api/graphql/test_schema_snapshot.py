"""The GraphQL contract is pinned: ``docs/api/schema.graphql`` must match the live schema.

When this fails after an intended change, regenerate the file and review the diff:
``DJANGO_SETTINGS_MODULE=tests.settings python -m django export_graphql_schema``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wagtail_neuro.management.commands.export_graphql_schema import schema_sdl

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "api" / "schema.graphql"
REGENERATE = "DJANGO_SETTINGS_MODULE=tests.settings python -m django export_graphql_schema"


def test_schema_snapshot_is_current():
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: run `{REGENERATE}`"
    assert SNAPSHOT.read_text(encoding="utf-8") == schema_sdl(), (
        f"The GraphQL schema changed: run `{REGENERATE}` and review the diff."
    )


def test_contract_names_are_in_the_schema():
    sdl = schema_sdl()
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
