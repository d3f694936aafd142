"""Smoke tests of the example site's settings, run in subprocesses (the suite itself runs
with ``tests.settings``, which does not include the example site's apps)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
MANAGE = REPO / "example_site" / "manage.py"
SECRET = "example-site-test-" + "x" * 50


def manage(*args: str, settings: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    # a clean slate: no DJANGO_* from the test run (e.g. DJANGO_ALLOW_ASYNC_UNSAFE, which
    # browser tests set and check --deploy rightly refuses)
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE=settings,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        **env,
    )
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_dev_settings_pass_the_system_checks(tmp_path):
    result = manage("check", settings="example_site.settings.dev", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = manage(
        "check",
        settings="example_site.settings.production",
        tmp_path=tmp_path,
        DJANGO_ALLOWED_HOSTS="cms.example.com",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts(tmp_path):
    result = manage(
        "check",
        settings="example_site.settings.production",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY=SECRET,
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
        settings="example_site.settings.production",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="cms.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "security.W018" not in result.stderr  # DEBUG is off
    # no WAGTAILAPI_BASE_URL/MEDIA_BASE_URL in the environment: URLs from each request's host
    assert "wagtail_neuro.W080" in result.stderr


def test_production_runs_webhooks_and_purges_as_database_tasks(tmp_path):
    """Production stores deliveries in the database for ``manage.py db_worker``; dev runs them at
    once (no worker to start for ``make demo``)."""
    show = "from django_tasks import task_backends; print(type(task_backends['default']).__name__)"
    production = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        settings="example_site.settings.production",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="cms.example.com",
    )
    assert production.returncode == 0, production.stderr
    assert production.stdout.strip() == "DatabaseBackend"
    dev = manage(
        "shell", "--no-imports", "-c", show, settings="example_site.settings.dev", tmp_path=tmp_path
    )
    assert dev.returncode == 0, dev.stderr
    assert dev.stdout.strip() == "ImmediateBackend"


def test_make_demo_serves_the_demo_on_the_port_it_is_given(tmp_path):
    """``make demo PORT=8123`` migrates a fresh database, loads the demo and serves it on that
    port: the printed links, the demo Site and the API's ``html_url`` all say :8123. (``-o``
    keeps make from reinstalling the venv; the database is a throwaway file; without the
    reloader, whose file watcher would compete with the other tests for the CPU.)"""
    port = 8123
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", MEDIA_ROOT=str(tmp_path / "media")
    )
    environment.pop("WAGTAILADMIN_BASE_URL", None)
    log = tmp_path / "make-demo.log"
    with log.open("w") as output:
        make = subprocess.Popen(
            [
                "make",
                "-o",
                ".venv/.installed-demo",
                "demo",
                f"PORT={port}",
                "RUNSERVER_ARGS=--noreload",
            ],
            cwd=REPO,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # runserver and its reloader stop with the group
        )
    slug = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"
    try:
        detail = wait_for_json(
            f"http://127.0.0.1:{port}/api/v2/pages/?type=wagtail_neuro.ArticlePage"
            f"&fields=html_url&slug={slug}",
            make,
            log,
        )
        # every absolute URL the APIs send (links, media, documents in rich text) on the port
        answers = [
            fetch_text(f"http://127.0.0.1:{port}{path}")
            for path in (
                f"/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*&slug={slug}",
                f"/api/v2/pages/find/?html_path=/blog/{slug}/",
                "/api/v3/articles/",
                "/api/v3/conditions/",
            )
        ]
    finally:
        with contextlib.suppress(ProcessLookupError):  # make may have exited on its own
            os.killpg(make.pid, signal.SIGTERM)
        make.wait(timeout=30)
    printed = log.read_text()
    for expected in (
        f"http://127.0.0.1:{port}/",
        f"http://127.0.0.1:{port}/blog/exploring-the-connection-between-neuropathy-and-autoimmune-diseases/",
        f"http://127.0.0.1:{port}/admin/",
        f"http://127.0.0.1:{port}/api/v2/pages/",
        f"http://127.0.0.1:{port}/api/v3/openapi.json",
        f"http://127.0.0.1:{port}/graphql/",
        "admin / ",
    ):
        assert expected in printed, printed
    assert ":8000" not in printed
    (article,) = detail["items"]
    assert article["meta"]["html_url"] == (
        f"http://127.0.0.1:{port}/blog/"
        "exploring-the-connection-between-neuropathy-and-autoimmune-diseases/"
    )
    assert article["meta"]["detail_url"] == f"http://127.0.0.1:{port}/api/v2/pages/{article['id']}/"
    absolute = {url for text in answers for url in re.findall(r"https?://[^\s\"'<>]+", text)}
    local = {url for url in absolute if urlsplit(url).hostname in ("127.0.0.1", "localhost")}
    assert local, answers
    assert all(urlsplit(url).port == port for url in local), sorted(local)

    # load_demo again on the same database: idempotent
    dev = {"settings": "example_site.settings.dev", "tmp_path": tmp_path}
    second = manage("load_demo", "--base-url", f"http://127.0.0.1:{port}", **dev)
    assert second.returncode == 0, second.stderr
    assert "0 created, 0 updated" in second.stdout


def test_make_demo_defaults_to_port_8000():
    dry_run = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed-demo", "demo"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "load_demo --base-url http://127.0.0.1:8000" in dry_run
    assert "runserver 127.0.0.1:8000" in dry_run


def fetch_text(url: str) -> str:
    """The body of ``url`` (a redirect followed), as text."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def wait_for_json(url: str, process: subprocess.Popen, log: Path, timeout: float = 240) -> dict:
    """GET ``url`` until the server answers (or ``process`` has exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"make demo exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError(f"make demo did not answer on {url}:\n{log.read_text()}")


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    import socket

    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def test_redis_url_makes_a_cache_every_server_shares(tmp_path):
    """With ``REDIS_URL`` the production site caches in Redis: a value one process stores,
    another reads (what several gunicorn servers need)."""
    import pytest

    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    production = {
        "settings": "example_site.settings.production",
        "tmp_path": tmp_path,
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "cms.example.com",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "CACHE_KEY_PREFIX": f"wagtail-neuro-test-{os.getpid()}",
    }
    store = manage(
        "shell",
        "-c",
        "from django.core.cache import caches; cache = caches['default']; "
        "cache.set('shared', 'from process one', 60); "
        "print(type(cache).__name__)",
        **production,
    )
    assert store.returncode == 0, store.stderr
    assert "RedisCache" in store.stdout
    read = manage(
        "shell",
        "-c",
        "from django.core.cache import cache; print(cache.get('shared')); cache.delete('shared')",
        **production,
    )
    assert read.returncode == 0, read.stderr
    assert "from process one" in read.stdout


def test_a_gunicorn_worker_takes_a_connection_only_when_its_thread_is_free():
    """gunicorn reads the example site's gunicorn.conf.py as a ``gthread`` worker that accepts
    no more connections than it has threads and keeps none alive: otherwise kept-alive
    connections stay with the worker that accepted them and the other workers can sit idle
    (half the throughput at concurrency 8 in ``make bench``)."""
    import runpy

    from gunicorn.config import Config

    config = Config()
    for name, value in runpy.run_path(str(REPO / "example_site" / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)

    assert config.worker_class_str == "gthread"
    assert config.worker_connections == config.threads
    assert config.keepalive == 0
