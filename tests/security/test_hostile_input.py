"""No 500 on hostile input, on every route the package mounts (``wagtail_neuro.urls``).

One parametrised test over (route × parameter × hostile value): huge and negative
``offset``/``limit``, NUL bytes and control characters in ``search`` and every filter,
out-of-range instants in ``?at=`` (years 1 and 9999, with offsets that overflow), unknown
``site`` values, bad ``fields``, ``order`` and ``type``. Each must get a 4xx with a JSON message
that names no internals (no exception class, no model field list, no SQL). PostgreSQL refuses
NUL bytes in a query, so run this on both databases.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from wagtail.models import Page

from tests.factories import ClinicHoursSnippetFactory

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
CONTROL = "x\x01\x1b[31m\x7fy"
HUGE = "1" + "0" * 30
LONG = "x" * 5000

TEXT = [NUL, CONTROL, LONG]
NUMBER = [HUGE, "-1", "99999999999", "1e3", NUL]
INSTANT = [
    "0001-01-01T00:00:00+14:00",  # before year 1 once converted to UTC
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-14:00",  # after year 9999 once converted to UTC
    "9999-12-31T23:59:59Z",
    "2025-01-06T13:59:00+99:00",
    NUL,
]
SITE = ["unknown.example", "unknown.example:99999999999", "[::1", NUL, LONG]
FIELDS = ["nope", "*,__class__", "body(((", "-", NUL, LONG]
ORDER = ["owner__password", "-nope", "title__len", NUL, LONG]
TYPE = ["nope", "auth.User", "wagtail_neuro.Nope", "a.b.c", NUL]

KINDS: dict[str, list[str]] = {
    "limit": NUMBER,
    "offset": NUMBER,
    "search": TEXT,
    "at": INSTANT,
    "site": SITE,
    "fields": FIELDS,
    "order": ORDER,
    "type": TYPE,
}

PAGE_FILTERS = ["child_of", "descendant_of", "id", "slug", "title", "locale", "search_operator"]
ARTICLE_FILTERS = ["tags", "category", "author", "date_from", "date_to", "condition"]
CONDITION_FILTERS = ["symptom", "related_to"]

#: route -> the query parameters it is asked with (a ``{hours}``/``{page}`` placeholder is
#: filled with the id of an existing object).
ROUTES: dict[str, list[str]] = {
    "/api/v2/pages/": [
        "limit",
        "offset",
        "search",
        "site",
        "fields",
        "order",
        "type",
        *PAGE_FILTERS,
    ],
    "/api/v2/pages/?type=wagtail_neuro.ArticlePage": ARTICLE_FILTERS,
    "/api/v2/pages/?type=wagtail_neuro.ConditionPage": CONDITION_FILTERS,
    "/api/v2/pages/{page}/": ["fields", "site"],
    "/api/v2/pages/find/": ["html_path", "id", "site"],
    "/api/v2/pages/preview/": ["token", "content_type"],
    "/api/v2/images/": ["limit", "offset", "search", "fields", "order", "id", "title"],
    "/api/v2/images/find/": ["id"],
    "/api/v2/documents/": ["limit", "offset", "search", "fields", "order", "id", "title"],
    "/api/v2/documents/find/": ["id"],
    "/api/v2/clinic-hours/": ["limit", "offset", "search", "at"],
    "/api/v2/clinic-hours/{hours}/": ["at"],
    "/api/v2/clinic-hours/find/": ["id", "slug"],
    # v3 has no ``fields`` parameter (listings give id, title and meta)
    "/api/v3/pages/": ["limit", "offset", "search", "site", "order", "type", "child_of"],
    "/api/v3/pages/{page}/": ["site"],
    "/api/v3/pages/find/": ["html_path", "site"],
    "/api/v3/images/": ["limit", "offset", "search", "order"],
    "/api/v3/documents/": ["limit", "offset", "search", "order"],
    "/api/v3/articles/": ["limit", "offset", "search", "site", *ARTICLE_FILTERS],
    "/api/v3/conditions/": ["limit", "offset", "search", "site", *CONDITION_FILTERS],
    "/api/v3/clinic-hours/": ["limit", "offset", "at"],
    "/api/v3/clinic-hours/{hours}/": ["at"],
    "/api/v3/preview/": ["token"],
    "/api/v3/redirects/": ["limit", "offset", "site"],
}


def hostile_values(parameter: str) -> list[str]:
    if parameter in KINDS:
        return KINDS[parameter]
    if parameter in ("child_of", "descendant_of", "id", "condition", "related_to"):
        return NUMBER
    if parameter in ("date_from", "date_to"):
        return ["0000-01-01", "99999-01-01", NUL, LONG]
    return TEXT


REST_CASES = [
    pytest.param(route, parameter, value, id=f"{route}?{parameter}={value[:12]!r}")
    for route, parameters in ROUTES.items()
    for parameter in parameters
    for value in hostile_values(parameter)
]

#: Markers of internals an answer must not contain.
INTERNALS = [
    "Traceback",
    "Exception",
    "Error(",
    "DataError",
    "OverflowError",
    "ValueError",
    "TypeError",
    "FieldError",
    "ProgrammingError",
    "Choices are",
    "numchild",
    "content_type_id",
    "psycopg",
    "sqlite",
    "django.",
    'File "',
]


def must_refuse(parameter: str, value: str) -> bool:
    """The cases the issue names must get a 4xx; anything else may also be a harmless miss
    (200, nothing found: ``id=99999999999``, a 5,000-character ``slug``)."""
    return parameter in KINDS or value in (NUL, CONTROL)


def assert_clean_answer(response: Any, refuse: bool = True) -> None:
    assert "json" in response["Content-Type"], response["Content-Type"]
    body = response.json()
    text = json.dumps(body)
    if refuse or response.status_code != 200:
        assert 400 <= response.status_code < 500, (response.status_code, text[:500])
        message = body.get("message") or body.get("detail") or body.get("errors")
        assert message, body
    leaked = [marker for marker in INTERNALS if marker in text]
    assert not leaked, (leaked, text[:500])


@pytest.fixture(autouse=True)
def hostile_urls(settings):
    settings.ROOT_URLCONF = "tests.security.hostile_urls"


@pytest.mark.parametrize(("route", "parameter", "value"), REST_CASES)
def test_rest_routes_answer_hostile_parameters_with_a_clean_4xx(client, route, parameter, value):
    hours = ClinicHoursSnippetFactory(name="Office Hours", slug="office-hours")
    page = Page.objects.filter(depth=2).first()
    url = route.format(hours=hours.pk, page=page.pk)
    response = client.get(url, {parameter: value})
    assert_clean_answer(response, refuse=must_refuse(parameter, value))


GRAPHQL_CASES: list[tuple[str, dict[str, Any]]] = [
    *(
        (f"query($v: String) {{ {field} {{ {selection} }} }}", {"v": value})
        for field, selection in [
            ("articles(search: $v)", "title"),
            ("conditions(search: $v)", "title"),
            ("pages(searchQuery: $v)", "title"),
            ("images(searchQuery: $v)", "title"),
            ("documents(searchQuery: $v)", "title"),
            ("search(query: $v)", "__typename"),
            ("articles(tag: $v)", "title"),
            ("articles(category: $v)", "title"),
            ("articles(author: $v)", "title"),
            ("conditions(symptom: $v)", "title"),
            ("page(slug: $v)", "title"),
            ("page(urlPath: $v)", "title"),
            ("pages(site: $v)", "title"),
            ("pages(contentType: $v)", "title"),
            ("pages(order: $v)", "title"),
            ("clinicHours(name: $v)", "name"),
        ]
        for value in TEXT
    ),
    *(
        ("query($v: String) { allClinicHours(at: $v) { name openNow } }", {"v": value})
        for value in INSTANT
    ),
    *(
        (f"{{ {field}({argument}: {value}) {{ __typename }} }}", {})
        for field, argument in [
            ("articles", "limit"),
            ("articles", "offset"),
            ("pages", "limit"),
            ("pages", "offset"),
            ("images", "offset"),
        ]
        for value in (HUGE, "-1", "99999999999")
    ),
    ('{ pages(site: "unknown.example") { title } }', {}),
    ('{ site(hostname: "unknown.example:99999999999") { pages { title } } }', {}),
    ('{ page(id: "99999999999999999999999") { title } }', {}),
    ('{ document(id: "-1") { title } }', {}),
]


@pytest.mark.parametrize(
    ("query", "variables"),
    [pytest.param(q, v, id=f"{q[:40]}-{str(v)[:16]!r}") for q, v in GRAPHQL_CASES],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_graphql_answers_hostile_arguments_without_a_server_error(client, method, query, variables):
    ClinicHoursSnippetFactory(name="Office Hours", slug="office-hours")
    payload = {"query": query, "variables": json.dumps(variables)}
    if method == "get":
        response = client.get("/graphql/", payload)
    else:
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
    assert response.status_code < 500, response.content[:500]
    body = response.json()
    text = json.dumps(body)
    leaked = [marker for marker in INTERNALS if marker in text]
    assert not leaked, (leaked, text[:500])
    if response.status_code == 200 and "errors" not in body:
        # only a harmless miss may succeed: nothing found for an unknown value
        assert not any(body["data"].values()) or query.startswith("{ pages(site")
