"""Smoke tests of the example site's settings, run in subprocesses (the suite itself runs
with ``tests.settings``, which does not include the example site's apps)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_make_demo_steps_build_the_demo_on_a_fresh_database(tmp_path):
    """What ``make demo`` runs before serving: migrate, then load_demo (twice: idempotent)."""
    dev = {"settings": "example_site.settings.dev", "tmp_path": tmp_path}
    migrate = manage("migrate", "--noinput", **dev)
    assert migrate.returncode == 0, migrate.stderr

    first = manage("load_demo", **dev)
    assert first.returncode == 0, first.stderr
    for expected in (
        "http://127.0.0.1:8000/",
        "/blog/exploring-the-connection-between-neuropathy-and-autoimmune-diseases/",
        "/admin/",
        "/api/v2/pages/",
        "/api/v3/openapi.json",
        "/graphql/",
        "admin / ",
    ):
        assert expected in first.stdout, first.stdout

    second = manage("load_demo", **dev)
    assert second.returncode == 0, second.stderr
    assert "0 created, 0 updated" in second.stdout


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
