"""``manage.py export_graphql_schema``: write the GraphQL SDL (the API contract) to a file.

``--check`` compares instead of writing and exits non-zero when the file is stale, for CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_PATH = Path("docs") / "api" / "schema.graphql"


def schema_sdl() -> str:
    """The SDL of the schema ``/graphql/`` serves, ending with one newline."""
    from graphql import print_schema

    from wagtail_neuro.api.graphql.schema import get_schema

    return print_schema(get_schema().graphql_schema).rstrip("\n") + "\n"


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) served at /graphql/ to docs/api/schema.graphql."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", default=str(DEFAULT_PATH), help=f"Default: {DEFAULT_PATH}"
        )
        parser.add_argument(
            "--check", action="store_true", help="Fail when the file differs; write nothing."
        )

    def handle(self, *args: Any, output: str, check: bool, **options: Any) -> None:
        path = Path(output)
        sdl = schema_sdl()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != sdl:
                raise CommandError(
                    f"{path} is stale: run `manage.py export_graphql_schema -o {path}`."
                )
            self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sdl, encoding="utf-8")
        self.stdout.write(f"Wrote {path} ({sdl.count(chr(10))} lines).")
