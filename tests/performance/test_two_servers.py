"""Two servers, one truth: a publish through one app server reaches the next answer of both.

Two gunicorn servers (one worker each: two processes, each with its own local copies of
stored answers and of the content version) serve the example site with production settings
over one PostgreSQL database of their own and one Redis (db 5). Every answer is read twice (so
each process holds it stored), a draft is saved (which must not show), the draft is published
through server A's admin (a real login and Wagtail's bulk publish action), and then every
answer that holds the page, from both servers, must be the new content: from A, which ran the
publish, and from B, which learns of it only through PostgreSQL and Redis: REST v2 and v3 detail and listings, the package's cards, GraphQL over GET and
as a persisted query. Skipped, saying why, when PostgreSQL or Redis does not answer.
"""

from __future__ import annotations

import hashlib
import http.cookies
import json
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from benchmarks.servers import (
    ROOT,
    Server,
    drop_database,
    postgres_available,
    recreate_database,
    redis_available,
    server_environment,
)

POSTGRES_URL = os.environ.get("PERF_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE_URL = f"{POSTGRES_URL}/test_perf_servers"
REDIS_URL = os.environ.get("PERF_REDIS_URL", "redis://127.0.0.1:6379/5")
PORTS = (8180, 8181)
PASSWORD = secrets.token_urlsafe(16)
NEW_TITLE = "Two servers, one truth"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not postgres_available(DATABASE_URL),
        reason=f"PostgreSQL does not answer at {POSTGRES_URL}: the two-server test needs it",
    ),
    pytest.mark.skipif(
        not redis_available(REDIS_URL),
        reason=f"Redis does not answer at {REDIS_URL}: the two-server test needs it",
    ),
]

ARTICLES_QUERY = "{ articles(limit: 20) { id title } }"


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "example_site" / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict]:
    """The database, the demo content, an admin user and the two servers."""
    media = tmp_path_factory.mktemp("two-servers")
    env = server_environment(
        "benchmarks.settings",
        DATABASE_URL=DATABASE_URL,
        DATABASE_CONN_MAX_AGE="60",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="two-servers-" + secrets.token_hex(4),
        MEDIA_ROOT=str(media),
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    recreate_database(DATABASE_URL)
    servers = [Server(port, env, workers=1, log=media / f"server-{port}.log") for port in PORTS]
    try:
        _manage(  # one process for the three commands: each start of Django costs seconds
            env,
            "shell",
            "-c",
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n"
            "call_command('load_demo')\n"
            "call_command('createsuperuser', interactive=False, username='editor',"
            " email='e@x.org')\n",
        )
        for server in servers:
            server.start()
        yield {"env": env, "servers": servers, "logs": media}
    finally:
        for server in servers:
            server.stop()
        drop_database(DATABASE_URL)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


PERSISTED = json.dumps(
    {
        "persistedQuery": {
            "version": 1,
            "sha256Hash": hashlib.sha256(ARTICLES_QUERY.encode()).hexdigest(),
        }
    }
)


def _answers(server: Server, page_id: int) -> dict[str, bytes]:
    """Every answer that holds the page (a worker each time: gunicorn spreads them)."""
    urls = {
        "v2 detail": f"/api/v2/pages/{page_id}/",
        "v2 listing": "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=title",
        "v2 pages": "/api/v2/pages/?limit=50",
        "v3 detail": f"/api/v3/pages/{page_id}/",
        "v3 pages": "/api/v3/pages/?limit=50",
        "v3 cards": "/api/v3/articles/",
        "GraphQL GET": "/graphql/?" + urllib.parse.urlencode({"query": ARTICLES_QUERY}),
        "GraphQL persisted": "/graphql/?" + urllib.parse.urlencode({"extensions": PERSISTED}),
        "GraphQL page": "/graphql/?"
        + urllib.parse.urlencode({"query": f"{{ page(id: {page_id}) {{ title }} }}"}),
    }
    answers = {}
    for name, path in urls.items():
        for attempt in range(2):  # the first may build it, the second reads what is stored
            status, body = _get(server.url + path)
            assert status == 200, (name, status, body[:300])
            answers[f"{name} #{attempt}"] = body
    return answers


def _cookies(response_headers) -> dict[str, str]:
    jar = http.cookies.SimpleCookie()
    for header in response_headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(url: str, cookies: dict[str, str], data: dict[str, str] | None = None):
    """One request with these cookies (sent by hand: production cookies are Secure-only)."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)
    request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    cookies.update(_cookies(response.headers))
    return response.status if hasattr(response, "status") else response.code, response.read()


def _form_token(html: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1).decode()


def _publish_through_admin(server: Server, page_id: int) -> None:
    """Log in and run Wagtail's bulk "publish" action, as an editor's browser would."""
    cookies: dict[str, str] = {}
    _status, form = _request(server.url + "/admin/login/", cookies)
    credentials = {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    status, body = _request(
        server.url + "/admin/login/",
        cookies,
        {"csrfmiddlewaretoken": _form_token(form), **credentials},
    )
    assert status == 302, body[:500]
    action = f"{server.url}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    _status, confirm = _request(action, cookies)
    status, body = _request(action, cookies, {"csrfmiddlewaretoken": _form_token(confirm)})
    assert status == 302, body[:500]


def _titles(answer: bytes) -> set[str]:
    """Every ``title`` anywhere in a JSON answer."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "title" and isinstance(item, str):
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(answer))
    return found


def test_a_publish_through_one_server_is_the_next_answer_of_both(site):
    one, two = site["servers"]
    status, body = _get(one.url + "/api/v3/articles/?limit=1")
    assert status == 200, body
    article = json.loads(body)["items"][0]
    old_title = article["title"]
    # the persisted query is registered through one server; both know it (Redis)
    register = urllib.parse.urlencode({"query": ARTICLES_QUERY, "extensions": PERSISTED})
    assert _get(f"{one.url}/graphql/?{register}")[0] == 200

    for server in (one, two):
        for name, answer in _answers(server, article["id"]).items():
            assert old_title in _titles(answer), f"{name} on {server.port} lacks the article"

    # a draft: saving it changes no public answer
    _manage(
        site["env"],
        "shell",
        "-c",
        "from wagtail_neuro.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(pk={article['id']})\n"
        f"page.title = {NEW_TITLE!r}\n"
        "page.save_revision()\n",
    )
    for server in (one, two):
        for name, answer in _answers(server, article["id"]).items():
            assert NEW_TITLE not in _titles(answer), f"a draft leaked into {name} on {server.port}"

    _publish_through_admin(one, article["id"])

    for server in (one, two):
        for name, answer in _answers(server, article["id"]).items():
            titles = _titles(answer)
            assert NEW_TITLE in titles, f"{name} on {server.port} is stale"
            assert old_title not in titles, f"{name} on {server.port} still shows the old title"
