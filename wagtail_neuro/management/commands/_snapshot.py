"""What ``export_graphql_schema`` and ``export_openapi_schema`` share: write an API contract to a
file, or with ``--check`` compare and fail when the file is stale (for CI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class SnapshotCommand(BaseCommand):
    """Subclasses set ``default_path`` and implement :meth:`render`."""

    default_path: Path

    def render(self, **options: Any) -> str:
        """The document, as the file should hold it."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", default=str(self.default_path), help=f"Default: {self.default_path}"
        )
        parser.add_argument(
            "--check", action="store_true", help="Fail when the file differs; write nothing."
        )

    def handle(self, *args: Any, output: str, check: bool, **options: Any) -> None:
        path = Path(output)
        document = self.render(**options)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != document:
                command = self.__module__.rsplit(".", 1)[-1]
                raise CommandError(f"{path} is stale: run `manage.py {command} -o {path}`.")
            self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {path} ({document.count(chr(10))} lines).")
