"""Benchmarks of the headless feeds on the demo content, run by hand (``make bench``).

What it does, in a throwaway SQLite database (or ``DATABASE_URL``):

1. migrates, runs ``load_demo`` and copies the demo article until the blog has 21 articles, so
   listings of 20 carry the real article's blocks, links, references, tags and author;
2. times each endpoint in-process with Django's test client under the example site's
   *production* settings (DEBUG off): median and 95th percentile latency, SQL queries, response
   size and peak Python memory of one request;
3. times the opening-hours engine (``is_open_at``, ``next_change``) on the demo's office hours;
4. with ``--gunicorn``, serves the site with real gunicorn workers on a loopback port and
   measures the throughput of the 20-article listing from a bounded client loop.

Each row has a budget; the script exits with status 1 when one is exceeded, so a regression is
loud. Budgets are for the 2-core machines CI runs on; latency varies with load, so treat a
single overrun as a hint to rerun, and a repeated one as a regression.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = ROOT / "example_site"

ARTICLES_QUERY = """
query { articles(limit: 20) {
  id title url summary date readingTime
  author { name role credentials }
  tags { name } categories { name }
  body { __typename
    ... on ParagraphBlock { value }
    ... on ConditionListBlock { items { name description page { id title url } } }
    ... on KeyPointsBlock { items { term explanation } }
    ... on StepsBlock { steps { number title description } }
  }
  references { ... on ReferenceCitationBlock { number formatted url } }
} }
"""


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str
    budget_ms: float  # median latency budget
    budget_queries: int
    body: str | None = None


CASES = [
    Case(
        "v2 listing, 20 articles, fields=*",
        "GET",
        "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*&limit=20",
        100,
        15,
    ),
    Case("v2 article detail", "GET", "/api/v2/pages/{article}/", 50, 20),
    Case("v2 find by html_path", "GET", "/api/v2/pages/find/?html_path={article_path}", 60, 28),
    Case("v3 article cards, 20", "GET", "/api/v3/articles/?limit=20", 40, 12),
    Case("v3 article detail", "GET", "/api/v3/pages/{article}/", 50, 28),
    Case("v3 condition cards", "GET", "/api/v3/conditions/", 25, 10),
    Case("v3 clinic hours ?at=", "GET", "/api/v3/clinic-hours/?at=2024-08-19T14:00:00Z", 10, 4),
    Case("v2 clinic hours ?at=", "GET", "/api/v2/clinic-hours/?at=2024-08-19T14:00:00Z", 10, 4),
    Case("GraphQL articles(limit: 20)", "POST", "/graphql/", 100, 8, ARTICLES_QUERY),
    Case("OpenAPI schema", "GET", "/api/v3/openapi.json", 20, 1),
    Case("demo article page (HTML)", "GET", "{article_path}", 60, 32),
]


def configure(database_url: str | None, workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.production")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("MEDIA_ROOT", str(workdir / "media"))
    os.environ.setdefault("STATIC_ROOT", str(workdir / "static"))
    sys.path[:0] = [str(EXAMPLE_SITE), str(ROOT)]
    import django

    django.setup()


def build_content() -> dict[str, str]:
    from django.core.management import call_command

    from wagtail_neuro.models import ArticleIndexPage, ArticlePage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # production's manifest
    call_command("load_demo", superuser=False, verbosity=0)
    blog = ArticleIndexPage.objects.get(slug="blog")
    article = ArticlePage.objects.live().get(slug__startswith="exploring-the-connection")
    existing = ArticlePage.objects.child_of(blog).count()
    for n in range(existing, 21):
        article.copy(
            to=blog,
            update_attrs={"title": f"{article.title} ({n})", "slug": f"{article.slug}-{n}"},
            keep_live=True,
        )
    return {"article": str(article.pk), "article_path": article.url}


def time_case(client, case: Case, values: dict[str, str], runs: int) -> dict[str, object]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    url = case.url.format(**values)

    def request():
        if case.method == "POST":
            return client.post(url, {"query": case.body}, content_type="application/json")
        return client.get(url, follow=True)

    for _ in range(3):  # renditions, site-root and schema caches
        response = request()
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    reset_queries()  # the query log must start empty: a request clears it when it starts
    with CaptureQueriesContext(connection) as queries:
        response = request()
    query_count = len(queries)  # read now: the next request clears the query log
    tracemalloc.start()
    request()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        request()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "case": case,
        "median": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1],
        "queries": query_count,
        "kb": len(response.content) / 1024,
        "peak_mb": peak / 1024 / 1024,
    }


def hours_engine() -> list[tuple[str, float, float]]:
    """Microseconds per call of the hours engine, with a budget each."""
    from wagtail_neuro.models import ClinicHoursSnippet

    schedule = ClinicHoursSnippet.objects.get(name="Office Hours").get_schedule()
    at = datetime(2024, 8, 23, 18, 0, tzinfo=UTC)  # a Friday: the next opening is Monday
    rows = []
    for label, call, budget_us in (
        ("is_open_at", lambda: schedule.is_open_at(at), 50),
        ("next_change (over a weekend)", lambda: schedule.next_change(at), 500),
        ("summary", lambda: schedule.summary("12h"), 200),
    ):
        timer = timeit.Timer(call)
        number, _ = timer.autorange()
        best = min(timer.repeat(repeat=5, number=number)) / number * 1e6
        rows.append((label, best, budget_us))
    return rows


def gunicorn_throughput(values: dict[str, str], seconds: float) -> tuple[float, int]:
    """Requests per second of the v2 listing from 4 client threads against 2 gunicorn workers."""
    with socket.socket() as probe:  # a free loopback port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "example_site.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=EXAMPLE_SITE,
        env={**os.environ, "PYTHONPATH": f"{EXAMPLE_SITE}{os.pathsep}{ROOT}"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*&limit=20"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        deadline = time.monotonic() + seconds

        def worker() -> int:
            done = 0
            while time.monotonic() < deadline and done < 10_000:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                done += 1
            return done

        start = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            total = sum(pool.map(lambda _: worker(), range(4)))
        return total / (time.monotonic() - start), total
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per endpoint")
    parser.add_argument("--gunicorn", action="store_true", help="also measure real gunicorn")
    parser.add_argument("--seconds", type=float, default=10, help="length of the gunicorn run")
    parser.add_argument("--no-fail", action="store_true", help="report budgets, exit 0")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wagtail-neuro-bench-"))
    try:
        configure(os.environ.get("DATABASE_URL"), workdir)
        from django.test import Client

        values = build_content()
        client = Client()
        over: list[str] = []
        print(
            f"{'endpoint':40} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'KiB':>7} {'peak MiB':>8}"
        )
        for case in CASES:
            row = time_case(client, case, values, args.runs)
            flags = []
            if row["median"] > case.budget_ms:
                flags.append(f"median over {case.budget_ms} ms")
            if row["queries"] > case.budget_queries:
                flags.append(f"queries over {case.budget_queries}")
            over += [f"{case.name}: {flag}" for flag in flags]
            print(
                f"{case.name:40} {row['median']:9.1f} {row['p95']:8.1f} {row['queries']:7d} "
                f"{row['kb']:7.1f} {row['peak_mb']:8.1f}  {'; '.join(flags) or 'ok'}"
            )
        print()
        for label, micros, budget in hours_engine():
            verdict = "ok" if micros <= budget else f"over {budget} µs"
            if micros > budget:
                over.append(f"hours engine {label}: {verdict}")
            print(f"hours engine {label:30} {micros:8.1f} µs/call  {verdict}")
        if args.gunicorn:
            rate, total = gunicorn_throughput(values, args.seconds)
            print(
                f"\ngunicorn (2 workers, 4 clients), v2 listing of 20: {rate:.0f} req/s ({total} requests)"
            )
        if over:
            print("\nOver budget:\n- " + "\n- ".join(over))
            return 0 if args.no_fail else 1
        print("\nEvery benchmark within budget.")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
