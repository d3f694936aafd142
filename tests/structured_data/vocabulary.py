"""schema.org release 30.0 read from ``../shared/vocab`` (never copied into the repository), and
JSON-LD expansion with pyld against its context with no network: a document loader serves the
local context file and refuses every other URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from pyld import jsonld

VOCAB_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "vocab"
VOCABULARY_FILE = VOCAB_DIR / "schemaorg-current-https.jsonld"
CONTEXT_FILE = VOCAB_DIR / "schemaorgcontext.jsonld"
CONTEXT_URLS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}
EXPANDED = "http://schema.org/"  # the context's @vocab


class NetworkRefused(Exception):
    pass


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ids(value: Any) -> set[str]:
    return {item["@id"] for item in _as_list(value)}


class Vocabulary:
    def __init__(self, vocabulary_file: Path, context_file: Path) -> None:
        self.graph = json.loads(vocabulary_file.read_text())["@graph"]
        self.context = json.loads(context_file.read_text())
        self.by_id = {node["@id"]: node for node in self.graph}

    # ---- pyld

    def load_document(self, url: str, options: Any = None) -> dict[str, Any]:
        if url in CONTEXT_URLS:
            return {"contextUrl": None, "documentUrl": url, "document": self.context}
        raise NetworkRefused(f"the test may not fetch {url}")

    def expand(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        return jsonld.expand(document, {"documentLoader": self.load_document})

    # ---- the vocabulary

    @cached_property
    def classes(self) -> set[str]:
        return {node["@id"] for node in self.graph if "rdfs:Class" in _as_list(node.get("@type"))}

    @cached_property
    def properties(self) -> set[str]:
        return {node["@id"] for node in self.graph if "rdf:Property" in _as_list(node.get("@type"))}

    def supertypes(self, type_id: str) -> set[str]:
        seen: set[str] = set()
        todo = [type_id]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo += _ids(self.by_id.get(current, {}).get("rdfs:subClassOf"))
        return seen

    def domains(self, property_id: str) -> set[str]:
        return _ids(self.by_id[property_id].get("schema:domainIncludes"))

    def ranges(self, property_id: str) -> set[str]:
        return _ids(self.by_id[property_id].get("schema:rangeIncludes"))

    def members(self, enumeration_id: str) -> set[str]:
        return {node["@id"] for node in self.graph if enumeration_id in _as_list(node.get("@type"))}

    def is_enumeration(self, type_id: str) -> bool:
        return "schema:Enumeration" in self.supertypes(type_id) and type_id != "schema:Enumeration"


def curie(iri: str) -> str:
    """``http://schema.org/name`` → ``schema:name`` (the vocabulary file's spelling)."""
    for prefix in (EXPANDED, "https://schema.org/"):
        if iri.startswith(prefix):
            return "schema:" + iri[len(prefix) :]
    return iri


def nodes(expanded: Any) -> Iterator[dict[str, Any]]:
    """Every node object of an expanded document, nested ones included."""
    for item in _as_list(expanded):
        if isinstance(item, dict) and "@value" not in item:
            if "@type" in item or any(key.startswith("http") for key in item):
                yield item
            for key, value in item.items():
                if not key.startswith("@") or key in ("@graph", "@list"):
                    yield from nodes(value)


def values(node: dict[str, Any], name: str) -> list[Any]:
    """The plain values (or nested nodes) of ``schema:name`` on an expanded node."""
    return [item.get("@value", item) for item in node.get(EXPANDED + name, [])]


def of_type(expanded: Any, type_name: str) -> list[dict[str, Any]]:
    return [node for node in nodes(expanded) if EXPANDED + type_name in node.get("@type", [])]


def problems(vocabulary: Vocabulary, expanded: Any) -> list[str]:
    """Types, properties, domains and enumeration values the vocabulary does not have."""
    found: list[str] = []
    for node in nodes(expanded):
        types = [curie(type_iri) for type_iri in node.get("@type", [])]
        ancestors: set[str] = set()
        for type_id in types:
            if type_id not in vocabulary.classes:
                found.append(f"unknown type {type_id}")
            ancestors |= vocabulary.supertypes(type_id)
        for key, items in node.items():
            if key.startswith("@"):
                continue
            property_id = curie(key)
            if property_id not in vocabulary.properties:
                found.append(f"unknown property {property_id} on {types}")
                continue
            if types and not vocabulary.domains(property_id) & ancestors:
                found.append(f"{property_id} is not a property of {types}")
            enumerations = [
                r for r in vocabulary.ranges(property_id) if vocabulary.is_enumeration(r)
            ]
            for item in items:
                literal = item.get("@value") if isinstance(item, dict) else None
                if enumerations and isinstance(literal, str):
                    member = curie(literal)
                    if not any(member in vocabulary.members(e) for e in enumerations):
                        found.append(f"{literal!r} is not a member of {enumerations}")
    return found
