"""The real article (../shared/content/neuropathy-and-autoimmune-diseases.txt) as block data.

The text is parsed from the file rather than copied, so the tests prove the blocks can carry
the article as written: headings, paragraphs, the numbered list of conditions, the bulleted
mechanisms ("Term: explanation"), the four diagnosis steps, the references, the call to
action and the office hours.
"""

from __future__ import annotations

import re
from pathlib import Path

ARTICLE_PATH = Path("content") / "neuropathy-and-autoimmune-diseases.txt"
NUMBERED = re.compile(r"^\d+\.\s+(?P<term>[^:]+):\s+(?P<text>.+)$")
BULLET = re.compile(r"^•\s+(?P<term>[^:]+):\s+(?P<text>.+)$")


def read_article(shared_dir: Path) -> list[str]:
    return [line.strip() for line in (shared_dir / ARTICLE_PATH).read_text().splitlines()]


def body_lines(lines: list[str]) -> list[str]:
    """The article body: from the first paragraph to the references (exclusive)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Neuropathy, a condition"))
    end = next(i for i, line in enumerate(lines) if line.startswith("https://"))
    return [line for line in lines[start:end] if line]


def reference_urls(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("https://")]


def article_body(lines: list[str]) -> list[dict]:
    """Raw ArticleBodyBlock JSON for the body, as an editor would build it."""
    stream: list[dict] = []
    heading = ""
    for line in body_lines(lines):
        numbered, bullet = NUMBERED.match(line), BULLET.match(line)
        last = stream[-1] if stream else None
        if numbered:
            kind = "steps" if "Diagnosis" in heading else "condition_list"
            if last is None or last["type"] != kind:
                intro = ""
                if kind == "steps" and last and last["type"] == "paragraph":
                    intro = stream.pop()["value"][3:-4]
                stream.append(
                    {"type": kind, "value": {"heading": "", "intro": intro, kind_items(kind): []}}
                )
            item = (
                {"title": numbered["term"], "description": numbered["text"]}
                if kind == "steps"
                else {"name": numbered["term"], "description": numbered["text"], "page": None}
            )
            stream[-1]["value"][kind_items(kind)].append(item)
        elif bullet:
            if last is None or last["type"] != "key_points":
                intro = stream.pop()["value"][3:-4] if last and last["type"] == "paragraph" else ""
                stream.append(
                    {"type": "key_points", "value": {"heading": "", "intro": intro, "items": []}}
                )
            stream[-1]["value"]["items"].append(
                {"term": bullet["term"], "explanation": bullet["text"]}
            )
        elif not line.endswith((".", ":")):
            heading = line
            stream.append({"type": "heading", "value": {"text": line, "level": "h2"}})
        else:
            stream.append({"type": "paragraph", "value": f"<p>{line}</p>"})
    return stream


def kind_items(kind: str) -> str:
    return "steps" if kind == "steps" else "items"


def call_to_action(lines: list[str]) -> dict:
    index = next(i for i, line in enumerate(lines) if line.lower().startswith("beginning steps"))
    text = next(line for line in lines[index + 1 :] if line)
    return {
        "type": "call_to_action",
        "value": {
            "heading": "Beginning steps to normal, pain-free living",
            "text": text,
            "button_label": "Book appointment",
            "link_page": None,
            "link_url": "https://example.com/book",
        },
    }
