"""The guards are installed on the schema (:func:`~wagtail_neuro.api.graphql.middleware.
guard_schema`), on every field that can return an object or takes ``order``, and only there.

``test_leaks`` shows what they keep out; this shows none of the schema's fields is left out,
whoever declared it, and that a leaf field runs its own resolver with nothing around it.
"""

from __future__ import annotations

import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type

from wagtail_neuro.api.graphql.middleware import guard_schema, is_guarded, needs_guard
from wagtail_neuro.api.graphql.schema import get_schema
from wagtail_neuro.api.graphql.views import NeuroGraphQLView


def object_fields(schema):
    for named_type in schema.type_map.values():
        if isinstance(named_type, GraphQLObjectType) and not named_type.name.startswith("__"):
            for name, field in named_type.fields.items():
                yield f"{named_type.name}.{name}", field


def test_the_view_guards_every_field_that_can_return_an_object():
    NeuroGraphQLView()
    schema = get_schema().graphql_schema
    fields = dict(object_fields(schema))
    unguarded = [name for name, field in fields.items() if needs_guard(field)]
    unguarded = [name for name in unguarded if not is_guarded(fields[name].resolve)]
    assert unguarded == []
    # grapple's root fields, the package's and a page's relation are among them
    for name in ("Query.pages", "Query.page", "Query.articles", "ArticlePage.author"):
        assert is_guarded(fields[name].resolve), name


def test_leaf_fields_keep_their_own_resolver():
    schema = get_schema().graphql_schema
    guard_schema(schema)
    leaves = [
        field
        for _name, field in object_fields(schema)
        if is_leaf_type(get_named_type(field.type)) and "order" not in field.args
    ]
    assert leaves and not any(is_guarded(field.resolve) for field in leaves)


@pytest.mark.django_db
def test_guarding_twice_wraps_once():
    schema = get_schema().graphql_schema
    guard_schema(schema)
    resolve = schema.query_type.fields["pages"].resolve
    guard_schema(schema)
    assert schema.query_type.fields["pages"].resolve is resolve
