"""A custom citation style for the WAGTAIL_NEURO_CITATION_STYLE tests (a dotted path)."""


def shout(ref):
    return (ref.get("title") or ref.get("url") or "").upper()


NOT_CALLABLE = "just a string"
