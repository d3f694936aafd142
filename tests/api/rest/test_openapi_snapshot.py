"""The REST contract is pinned: ``docs/api/openapi.json`` must match the live v3 schema.

When this fails after an intended change, regenerate the file and review the diff:
``DJANGO_SETTINGS_MODULE=tests.settings python -m django export_openapi_schema``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wagtail_neuro.management.commands.export_openapi_schema import schema_json

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.json"
REGENERATE = "DJANGO_SETTINGS_MODULE=tests.settings python -m django export_openapi_schema"


def test_schema_snapshot_is_current():
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: run `{REGENERATE}`"
    assert SNAPSHOT.read_text(encoding="utf-8") == schema_json(), (
        f"The OpenAPI schema changed: run `{REGENERATE}` and review the diff."
    )


def test_the_snapshot_is_what_the_endpoint_serves(client, db):
    """Served through the response cache, which reads the content version (a database row)."""
    served = client.get("/api/v3/openapi.json").json()
    assert served == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_contract_names_are_in_the_schema():
    schema = json.loads(schema_json())
    components = schema["components"]["schemas"]
    for name in ("SymptomListBlock", "ReferenceCitationBlock", "ConditionListBlock", "ArticleCard"):
        assert name in components, name
    for path in ("/api/v3/articles/", "/api/v3/conditions/", "/api/v3/clinic-hours/"):
        assert path in schema["paths"], path


def test_the_command_writes_and_checks(tmp_path):
    target = tmp_path / "openapi.json"
    call_command("export_openapi_schema", output=str(target))
    assert target.read_text(encoding="utf-8") == schema_json()
    call_command("export_openapi_schema", output=str(target), check=True)
    target.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="is stale"):
        call_command("export_openapi_schema", output=str(target), check=True)
