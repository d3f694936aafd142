"""Article and condition filters, on v2 (``/api/v2/pages/?type=…``) and the v3 card listings."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from wagtail.models import ReferenceIndex
from wagtail.search import index

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorFactory,
    CategoryFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    condition_stream,
    site_home,
)
from tests.shared_data import build_once

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&"
CONDITIONS = "/api/v2/pages/?type=wagtail_neuro.ConditionPage&"


def build_pages() -> dict[str, int]:
    """Three articles and three conditions that every filter case reads (and none changes)."""
    home = site_home()
    blog = ArticleIndexPageFactory(parent=home)
    conditions_index = ConditionIndexPageFactory(parent=home)
    lupus = ConditionPageFactory(
        parent=conditions_index, title="Lupus", body=condition_stream("x", ["Joint pain", "Rash"])
    )
    sjogren = ConditionPageFactory(
        parent=conditions_index,
        title="Sjögren's",
        body=condition_stream("x", ["Dry eyes", "Fatigue"]),
    )
    neuropathy = ConditionPageFactory(
        parent=conditions_index,
        title="Neuropathy",
        body=condition_stream("x", ["Numbness", "Fatigue"]),
    )
    neuropathy.related_conditions.add(lupus)
    neuropathy.save()
    alice, bob = AuthorFactory(name="Alice"), AuthorFactory(name="Bob")
    wellness, nerves = CategoryFactory(name="Wellness"), CategoryFactory(name="Nerves")
    links_lupus = json.dumps(
        [
            {
                "type": "condition_list",
                "value": {
                    "heading": "",
                    "items": [{"name": "Lupus", "description": "d", "page": lupus.pk}],
                },
            }
        ]
    )
    first = ArticlePageFactory(
        parent=blog,
        title="First steps",
        author=alice,
        date=datetime.date(2024, 1, 10),
        body=links_lupus,
    )
    second = ArticlePageFactory(
        parent=blog, title="Second opinion", author=bob, date=datetime.date(2024, 3, 1)
    )
    third = ArticlePageFactory(
        parent=blog, title="Third time", author=alice, date=datetime.date(2024, 6, 1)
    )
    first.tags.add("neuropathy", "autoimmune")
    second.tags.add("neuropathy")
    first.categories.add(nerves)
    second.categories.add(nerves, wellness)
    third.categories.add(wellness)
    for page in (first, second, third, lupus, sjogren, neuropathy):
        page.save_revision().publish()
        ReferenceIndex.create_or_update_for_object(page)
        index.insert_or_update_object(page)
    return {
        "first": first.pk,
        "second": second.pk,
        "third": third.pk,
        "lupus": lupus.pk,
        "sjogren": sjogren.pk,
        "neuropathy": neuropathy.pk,
    }


@pytest.fixture(scope="module")
def shared_pages(django_db_setup, django_db_blocker) -> Iterator[dict[str, int]]:
    """Built once for the module's ~90 cases, rolled back after them (``build_once``)."""
    yield from build_once(django_db_blocker, build_pages)


@pytest.fixture
def pages(shared_pages, db) -> dict[str, int]:
    return shared_pages


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tags=neuropathy", {"first", "second"}),
        ("tags=neuropathy,autoimmune", {"first"}),
        ("tags=unknown", set()),
        ("category=wellness", {"second", "third"}),
        ("category=nerves&tags=autoimmune", {"first"}),
        ("author=alice", {"first", "third"}),
        ("date_from=2024-02-01", {"second", "third"}),
        ("date_to=2024-03-01", {"first", "second"}),
        ("date_from=2024-02-01&date_to=2024-05-01", {"second"}),
        ("condition=LUPUS", {"first"}),
        ("condition=NEUROPATHY", set()),
        ("search=opinion", {"second"}),
        ("search=steps&author=alice", {"first"}),
    ],
)
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_article_filters(client, pages, version, query, expected):
    query = query.replace("LUPUS", str(pages["lupus"])).replace(
        "NEUROPATHY", str(pages["neuropathy"])
    )
    base = ARTICLES if version == "v2" else "/api/v3/articles/?"
    assert ids(client.get(base + query)) == {pages[name] for name in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("symptom=fatigue", {"sjogren", "neuropathy"}),
        ("symptom=Dry%20eyes", {"sjogren"}),
        ("symptom=eyes", set()),  # a whole symptom name, not a substring
        ("related_to=LUPUS", {"neuropathy"}),  # related the other way round
        ("related_to=NEUROPATHY", {"lupus"}),
        ("symptom=numbness&related_to=LUPUS", {"neuropathy"}),
        ("search=lupus", {"lupus"}),
    ],
)
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_condition_filters(client, pages, version, query, expected):
    query = query.replace("LUPUS", str(pages["lupus"])).replace(
        "NEUROPATHY", str(pages["neuropathy"])
    )
    base = CONDITIONS if version == "v2" else "/api/v3/conditions/?"
    assert ids(client.get(base + query)) == {pages[name] for name in expected}


def test_cards_are_newest_first(client, pages):
    data = client.get("/api/v3/articles/").json()
    assert [item["id"] for item in data["items"]] == [
        pages["third"],
        pages["second"],
        pages["first"],
    ]


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize(
    "query",
    [
        "date_from=2024-02-30",
        "date_to=soon",
        "condition=lupus",
        "condition=-1",
        "tags=" + "x" * 300,
        "bogus=1",
    ],
)
def test_malformed_article_filters_are_400(client, pages, version, query):
    base = ARTICLES if version == "v2" else "/api/v3/articles/?"
    response = client.get(base + query)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].split(";")[0] in (
        "application/json",
        "application/problem+json",
    )
    body = response.json()
    assert body.get("message") or body.get("detail")


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize("query", ["related_to=abc", "related_to=0", "symptom=%00"])
def test_malformed_condition_filters_are_400(client, pages, version, query):
    base = CONDITIONS if version == "v2" else "/api/v3/conditions/?"
    assert client.get(base + query).status_code == 400


# ---- one set of filter arguments, the same answer from REST v2, v3 and GraphQL

PARITY_CASES = [
    ("articles", {}),
    ("articles", {"tags": "neuropathy"}),
    ("articles", {"tags": "neuropathy,autoimmune"}),
    ("articles", {"tags": "unknown"}),
    ("articles", {"category": "wellness"}),
    ("articles", {"category": "nerves", "tags": "autoimmune"}),
    ("articles", {"author": "alice"}),
    ("articles", {"date_from": "2024-02-01"}),
    ("articles", {"date_to": "2024-03-01"}),
    ("articles", {"date_from": "2024-02-01", "date_to": "2024-05-01"}),
    ("articles", {"condition": "LUPUS"}),
    ("articles", {"condition": "NEUROPATHY"}),
    ("articles", {"search": "opinion"}),
    ("articles", {"search": "steps", "author": "alice"}),
    ("conditions", {}),
    ("conditions", {"symptom": "fatigue"}),
    ("conditions", {"symptom": "DRY EYES"}),
    ("conditions", {"symptom": "eyes"}),
    ("conditions", {"related_to": "LUPUS"}),
    ("conditions", {"related_to": "NEUROPATHY"}),
    ("conditions", {"symptom": "numbness", "related_to": "LUPUS"}),
    ("conditions", {"search": "lupus"}),
]


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def _over_every_feed(client, listing: str, arguments: dict[str, str]) -> dict[str, list[int]]:
    """The ids each feed lists for the same filter arguments, in the order it lists them."""
    query = "&".join(f"{name}={quote(value)}" for name, value in arguments.items())
    v2_type = (
        "wagtail_neuro.ArticlePage" if listing == "articles" else "wagtail_neuro.ConditionPage"
    )
    v2 = client.get(f"/api/v2/pages/?type={v2_type}&{query}")
    v3 = client.get(f"/api/v3/{listing}/?{query}")
    graphql_arguments = ", ".join(
        f"{_camel(name)}: {json.dumps(value)}" for name, value in arguments.items()
    )
    graphql_arguments = f"({graphql_arguments})" if arguments else ""
    graphql = client.post(
        "/graphql/",
        json.dumps({"query": f"{{ {listing}{graphql_arguments} {{ id }} }}"}),
        content_type="application/json",
    )
    for response in (v2, v3, graphql):
        assert response.status_code == 200, response.content
    assert "errors" not in graphql.json(), graphql.json()
    return {
        "v2": [item["id"] for item in v2.json()["items"]],
        "v3": [item["id"] for item in v3.json()["items"]],
        "graphql": [int(item["id"]) for item in graphql.json()["data"][listing]],
    }


@pytest.mark.parametrize(("listing", "arguments"), PARITY_CASES)
def test_rest_v2_v3_and_graphql_filter_alike(client, settings, pages, listing, arguments):
    settings.ROOT_URLCONF = "tests.api.urls"
    arguments = {
        name: value.replace("LUPUS", str(pages["lupus"])).replace(
            "NEUROPATHY", str(pages["neuropathy"])
        )
        for name, value in arguments.items()
    }
    found = _over_every_feed(client, listing, arguments)
    assert set(found["v2"]) == set(found["v3"]) == set(found["graphql"])
    assert found["v3"] == found["graphql"]  # and in the same order (v2 orders by ?order=)


@pytest.mark.parametrize(
    ("listing", "arguments"),
    [
        ("articles", {"date_from": "2024-02-30"}),
        ("articles", {"date_from": "2024-03-01", "date_to": "2024-02-01"}),
        ("articles", {"condition": "-1"}),
        ("articles", {"tags": "x" * 300}),
        ("conditions", {"related_to": "abc"}),
        ("conditions", {"symptom": "s" * 300}),
    ],
)
def test_rest_and_graphql_refuse_the_same_values(client, settings, pages, listing, arguments):
    settings.ROOT_URLCONF = "tests.api.urls"
    query = "&".join(f"{name}={quote(value)}" for name, value in arguments.items())
    v3 = client.get(f"/api/v3/{listing}/?{query}")
    assert v3.status_code == 400, v3.content
    graphql_arguments = ", ".join(
        f"{_camel(name)}: {json.dumps(value)}" for name, value in arguments.items()
    )
    body = client.post(
        "/graphql/",
        json.dumps({"query": f"{{ {listing}({graphql_arguments}) {{ id }} }}"}),
        content_type="application/json",
    ).json()
    assert body["errors"][0]["message"] == v3.json()["detail"]
