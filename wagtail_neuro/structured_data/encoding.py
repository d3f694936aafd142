"""JSON-LD as text that is safe inside ``<script type="application/ld+json">``.

An HTML parser ends a script element at the first ``</`` whatever the JSON says, so ``<``,
``>`` and ``&`` are written as JSON unicode escapes (as Django's ``json_script`` does): the
document parses to the same data and no editor's text can close the element.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(document: Any) -> str:
    """Compact JSON with ``<``, ``>`` and ``&`` escaped: never contains ``</``."""
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)
