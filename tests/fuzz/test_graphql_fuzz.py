"""hypothesis-graphql over the schema ``/graphql/`` serves: generated queries (valid ones, and
ones with a schema violation) get a JSON answer and never a 5xx. Many are refused by the
depth, cost or argument limits: a 400 is a fine answer, a 500 is not."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from graphql import print_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, nodes, queries

from wagtail_neuro.api.graphql.schema import get_schema

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 60

CUSTOM_SCALARS = {
    "PositiveInt": st.integers(min_value=-5, max_value=2**31).map(nodes.Int),
    "DateTime": st.datetimes().map(lambda value: nodes.String(value.isoformat())),
    "Date": st.dates().map(nodes.String),
    "UUID": st.uuids().map(nodes.String),
    "JSONString": st.just(nodes.String("{}")),
    "GenericScalar": st.integers().map(nodes.Int),
    "RichText": st.text(max_size=20).map(nodes.String),
}

SDL = print_schema(get_schema().graphql_schema)


def post(client: Client, query: str) -> None:
    response = client.post("/graphql/", json.dumps({"query": query}), "application/json")
    assert response.status_code < 500, (query, response.content[:500])
    body = response.json()
    assert "data" in body or body.get("errors"), (query, body)


@pytest.fixture
def graphql_client(wsgi_app, client) -> Client:
    return client


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_valid_queries_never_get_a_server_error(graphql_client, data):
    post(graphql_client, data.draw(queries(SDL, custom_scalars=CUSTOM_SCALARS)))


@settings(
    max_examples=MAX_EXAMPLES // 2,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_invalid_queries_never_get_a_server_error(graphql_client, data):
    strategy = queries(SDL, custom_scalars=CUSTOM_SCALARS, mode=Mode.NEGATIVE)
    post(graphql_client, data.draw(strategy))
