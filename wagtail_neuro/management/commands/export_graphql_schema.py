"""``manage.py export_graphql_schema``: write the GraphQL SDL (the API contract) to a file.

``--check`` compares instead of writing and exits non-zero when the file is stale, for CI.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ._snapshot import SnapshotCommand

DEFAULT_PATH = Path("docs") / "api" / "schema.graphql"


def schema_sdl() -> str:
    """The SDL of the schema ``/graphql/`` serves, ending with one newline.

    A type's interfaces are listed A–Z: grapple gathers a model's interfaces in a set, so their
    order changes from one process to the next and would make the snapshot flap."""
    from graphql import print_schema

    from wagtail_neuro.api.graphql.schema import get_schema

    sdl = print_schema(get_schema().graphql_schema).rstrip("\n") + "\n"
    return IMPLEMENTS.sub(lambda m: " implements " + " & ".join(sorted(m[1].split(" & "))), sdl)


IMPLEMENTS = re.compile(r" implements ([A-Za-z_][\w]*(?: & [A-Za-z_][\w]*)*)")


class Command(SnapshotCommand):
    help = "Write the GraphQL schema (SDL) served at /graphql/ to docs/api/schema.graphql."
    default_path = DEFAULT_PATH

    def render(self, **options: Any) -> str:
        return schema_sdl()
