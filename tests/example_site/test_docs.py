"""The documentation keeps up with the code: every setting in ``conf.DEFAULTS`` has its section
in ``docs/settings.md`` (``mkdocs build --strict`` checks links and the nav)."""

from __future__ import annotations

import re
from pathlib import Path

from wagtail_neuro.conf import DEFAULTS, PREFIX

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_setting_is_documented():
    headings = set(re.findall(r"^### `(\w+)`", (DOCS / "settings.md").read_text(), re.MULTILINE))
    expected = {PREFIX + name for name in DEFAULTS}
    assert expected - headings == set(), "settings missing from docs/settings.md"
    assert headings - expected == set(), "docs/settings.md documents settings that do not exist"
