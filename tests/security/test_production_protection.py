"""The example site's production settings, tried as an attacker would: admin logins locked out
by django-axes after repeated failures, and anonymous API traffic rate-limited, with a spoofed
``X-Forwarded-For`` changing neither (one trusted proxy in front, as the settings assume).

Runs in a subprocess (the suite itself uses ``tests.settings``) against a throwaway SQLite
database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MANAGE = REPO / "example_site" / "manage.py"

SCRIPT = r"""
import json
from django.contrib.auth import get_user_model
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)  # in this process: one start, not two
from django.test import Client, override_settings

get_user_model().objects.create_superuser("editor", "editor@example.com", "right-password-123")
results = {}
plain_static = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(STORAGES=plain_static):  # no collectstatic manifest in this test
    proxy = Client(
        HTTP_HOST="cms.example.com", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )

    def login(password, forwarded):
        return proxy.post(
            "/admin/login/",
            {"username": "editor", "password": password},
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    results["failures"] = [login("wrong", "198.51.100.1") for _ in range(5)]
    results["locked"] = login("right-password-123", "198.51.100.1")
    results["spoofed"] = login("right-password-123", "203.0.113.66, 198.51.100.1")
    results["other_client"] = login("right-password-123", "198.51.100.2")
    proxy = Client(  # a fresh client: the one above is signed in now, and not throttled
        HTTP_HOST="cms.example.com", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )
    results["api"] = [
        proxy.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7").status_code
        for n in range(5)
    ]
    answer = proxy.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    results["retry_after"] = answer.get("Retry-After")
    results["api_body"] = answer.content.decode()[:300]
    results["graphql"] = [
        proxy.get("/graphql/", {"query": "{ __typename }"}, HTTP_X_FORWARDED_FOR="198.51.100.8")
        .status_code
        for _ in range(4)
    ]
print("RESULTS" + json.dumps(results))
"""


def test_login_lockout_and_rate_limits_under_production_settings(tmp_path):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="example_site.settings.production",
        DJANGO_SECRET_KEY="production-protection-test-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="cms.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        THROTTLE_REST_RATE="3/minute",
        THROTTLE_GRAPHQL_RATE="2/minute",
        TRUSTED_PROXY_COUNT="1",
    )
    environment.pop("REDIS_URL", None)

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(MANAGE), *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    run = manage("shell", "-c", SCRIPT)
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout.split("RESULTS", 1)[1])

    # the form again ("please enter a correct …"), then locked out at the fifth failure
    assert results["failures"] == [200, 200, 200, 200, 429]
    assert results["locked"] == 429  # the right password no longer helps
    assert results["spoofed"] == 429  # a made-up address in front of the real one: same client
    assert results["other_client"] == 302  # someone else may still sign in
    assert results["api"] == [200, 200, 200, 429, 429]
    assert 1 <= int(results["retry_after"]) <= 60
    assert json.loads(results["api_body"])["message"].startswith("Too many requests")
    assert results["graphql"] == [200, 200, 429, 429]
