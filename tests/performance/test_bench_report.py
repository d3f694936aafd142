"""How ``make bench`` reads its targets from the numbers it measured (no servers here).

The scaling targets ("10k within 10% of 1k") compare two rounds minutes apart unless the larger
round also measured both data sets side by side (:func:`benchmarks.run.measure_scaling`): the
report must then judge by the paired ratios and show the rounds only for reference.
"""

from __future__ import annotations

from argparse import Namespace

import pytest

from benchmarks.run import SCALING, endpoints, report


def _round(rps: dict[str, float], *, pairs=None, scaling=None) -> dict:
    chosen = endpoints("/blog/a/", 1, '"etag"')
    numbers = {
        (endpoint.key, connections): {
            "rps": rps.get(endpoint.key, 100.0),
            "p50": 1.0,
            "p99": 2.0,
            "errors": 0.0,
            "timed": 0.0,
        }
        for endpoint in chosen
        for connections in (1, 8)
    }
    return {
        "counts": {"articles": 0},
        "build_seconds": 0.0,
        "queries": {},
        "numbers": numbers,
        "pairs": pairs or {},
        "scaling": scaling or {},
        "sizes": {},
        "rss": {},
        "endpoints": chosen,
    }


def _args() -> Namespace:
    return Namespace(
        sizes=[1000, 10_000],
        repeats=3,
        duration=5.0,
        pairs=5,
        pair_duration=3.0,
        redis=False,
        note="",
        load_at_start="0.00",
    )


def _target_rows(text: str) -> dict[str, str]:
    section = text.split("## Targets", 1)[1]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].lstrip("| "): " | ".join(cells[1:]) for cells in rows[1:]}


@pytest.mark.parametrize("key", SCALING)
def test_scaling_targets_read_the_paired_runs_not_rounds_minutes_apart(key):
    # the 10k round ran while the machine was busier: 70% of the 1k round's figure
    smaller = _round({key: 100.0})
    larger = _round({key: 70.0}, scaling={name: [0.97, 0.95, 0.99] for name in SCALING})

    rows = _target_rows(report({1000: smaller, 10_000: larger}, _args()))

    row = rows[f"{key}: 10,000 within 10% of 1,000 (c=1)"]
    assert row.startswith("yes | 97% (median of paired runs; rounds 70%)")


def test_without_paired_runs_the_rounds_decide():
    smaller = _round({"E5 detail": 100.0})
    larger = _round({"E5 detail": 70.0})

    text = report({1000: smaller, 10_000: larger}, _args())

    assert "paired with 1,000" not in text
    row = _target_rows(text)["E5 detail: 10,000 within 10% of 1,000 (c=1)"]
    assert row.startswith("**no** | 70% (medians of the rounds)")


def test_the_paired_section_lists_every_ratio():
    larger = _round({}, scaling={"E2 cold": [0.91, 1.02, 0.88]})

    text = report({1000: _round({}), 10_000: larger}, _args())

    assert "## 10,000 articles paired with 1,000 (concurrency 1)" in text
    assert "| E2 cold | 0.91 1.02 0.88 | 0.91 |" in text
