"""``manage.py export_openapi_schema``: write the OpenAPI document of ``/api/v3/`` (the REST
contract) to a file, for code generators and for review in pull requests.

``--check`` compares instead of writing and exits non-zero when the file is stale, for CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_PATH = Path("docs") / "api" / "openapi.json"
DEFAULT_PREFIX = "/api/v3/"


def schema_json(path_prefix: str = DEFAULT_PREFIX) -> str:
    """The document ``/api/v3/openapi.json`` serves, as stable, indented JSON."""
    from wagtail_neuro.api.openapi import build_schema

    schema = build_schema(path_prefix=path_prefix)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema of /api/v3/ to docs/api/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", default=str(DEFAULT_PATH), help=f"Default: {DEFAULT_PATH}"
        )
        parser.add_argument(
            "--prefix",
            default=DEFAULT_PREFIX,
            help=f"Where the v3 API is mounted. Default: {DEFAULT_PREFIX}",
        )
        parser.add_argument(
            "--check", action="store_true", help="Fail when the file differs; write nothing."
        )

    def handle(self, *args: Any, output: str, prefix: str, check: bool, **options: Any) -> None:
        path = Path(output)
        document = schema_json(prefix)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != document:
                raise CommandError(
                    f"{path} is stale: run `manage.py export_openapi_schema -o {path}`."
                )
            self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {path} ({document.count(chr(10))} lines).")
