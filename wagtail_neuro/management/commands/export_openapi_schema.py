"""``manage.py export_openapi_schema``: write the OpenAPI document of ``/api/v3/`` (the REST
contract) to a file, for code generators and for review in pull requests.

``--check`` compares instead of writing and exits non-zero when the file is stale, for CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from ._snapshot import SnapshotCommand

DEFAULT_PATH = Path("docs") / "api" / "openapi.json"
DEFAULT_PREFIX = "/api/v3/"


def schema_json(path_prefix: str = DEFAULT_PREFIX) -> str:
    """The document ``/api/v3/openapi.json`` serves, as stable, indented JSON."""
    from wagtail_neuro.api.openapi import build_schema

    schema = build_schema(path_prefix=path_prefix)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(SnapshotCommand):
    help = "Write the OpenAPI schema of /api/v3/ to docs/api/openapi.json."
    default_path = DEFAULT_PATH

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--prefix",
            default=DEFAULT_PREFIX,
            help=f"Where the v3 API is mounted. Default: {DEFAULT_PREFIX}",
        )

    def render(self, *, prefix: str = DEFAULT_PREFIX, **options: Any) -> str:
        return schema_json(prefix)
