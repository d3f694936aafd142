"""grapple's own root queries as this package answers them: ``search`` resolves each hit to its
own type, ``pages(searchQuery:)`` searches visible pages, ``tags`` and ``redirects`` leave out
what only unpublished pages use, ``images`` and ``documents`` search and leave out restricted
collections (and those below them)."""

from __future__ import annotations

import pytest
import wagtail_factories
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import ArticlePageFactory

from .conftest import make_article

pytestmark = pytest.mark.django_db

SEARCH = """
query ($query: String) {
  search(query: $query) {
    __typename
    ... on ArticlePage { title summary }
    ... on ConditionPage { title alsoKnownAs }
    ... on ArticleIndexPage { intro }
    ... on Author { name }
  }
}
"""


def test_search_hits_resolve_to_their_own_page_types(gql, article):
    hits = gql.data(SEARCH, {"query": "Lupus"})["search"]
    by_type = {hit["__typename"]: hit for hit in hits}
    assert set(by_type) == {"ArticlePage", "ConditionPage"}
    assert by_type["ArticlePage"]["title"] == "Autoimmune neuropathy"
    assert by_type["ArticlePage"]["summary"] == article.summary
    assert by_type["ConditionPage"]["alsoKnownAs"] == ["Lupus"]


def test_search_asking_for_another_types_fields_still_answers(gql, article):
    hits = gql.data(SEARCH, {"query": "Autoimmune"})["search"]
    assert [hit["__typename"] for hit in hits] == ["ArticlePage"]
    assert "intro" not in hits[0]


def test_search_leaves_out_images_and_documents(gql, article, image):
    wagtail_factories.DocumentFactory(title="Nerves leaflet")
    body = gql('{ search(query: "Nerves") { __typename ... on ArticlePage { title } } }')
    assert "errors" not in body, body
    assert body["data"]["search"] == [{"__typename": "ArticlePage", "title": article.title}]


def test_pages_of_apps_outside_grapple_apps_are_the_generic_page_type(gql, blog):
    pages = gql.data("{ pages { __typename title } }")["pages"]
    assert {"__typename": "Page", "title": "Home"} in pages
    assert {"__typename": "ArticleIndexPage", "title": blog.title} in pages


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('searchQuery: "neuropathy"', ["Autoimmune neuropathy"]),
        ('searchQuery: "neuropathy", limit: 5, order: "title"', ["Autoimmune neuropathy"]),
        ('contentType: "wagtail_neuro.ArticlePage", searchQuery: "Autoimmune"', None),
        ('contentType: "wagtail_neuro.ConditionPage", searchQuery: "Autoimmune"', []),
    ],
)
def test_pages_search_query(gql, article, blog, arguments, expected):
    ArticlePageFactory(parent=blog, title="Autoimmune draft neuropathy", slug="d", live=False)
    pages = gql.data(f"{{ pages({arguments}) {{ __typename title }} }}")["pages"]
    titles = [page["title"] for page in pages]
    assert titles == (expected if expected is not None else ["Autoimmune neuropathy"])
    assert all(page["__typename"] == "ArticlePage" for page in pages)


def test_tags_come_from_visible_pages_only(gql, blog):
    make_article(blog, title="Public", tags=("neuropathy",))
    draft = ArticlePageFactory(parent=blog, title="Draft", slug="draft", live=False)
    draft.tags.add("secret-launch")
    draft.save()
    secret_id = draft.tags.get().pk

    assert gql.data("{ tags { name } }")["tags"] == [{"name": "neuropathy"}]
    assert gql.data(f'{{ tag(id: "{secret_id}") {{ name }} }}')["tag"] is None
    public_id = gql.data("{ tags { id } }")["tags"][0]["id"]
    assert gql.data(f'{{ tag(id: "{public_id}") {{ name }} }}')["tag"] == {"name": "neuropathy"}


def test_redirects_to_hidden_pages_are_left_out(gql, article, blog):
    draft = ArticlePageFactory(parent=blog, title="Draft", slug="secret-draft-slug", live=False)
    Redirect.objects.create(old_path="/old-draft", redirect_page=draft)
    Redirect.objects.create(old_path="/old-article", redirect_page=article)
    Redirect.objects.create(old_path="/elsewhere", redirect_link="https://example.com/")

    redirects = gql.data("{ redirects { oldPath newUrl page { title } } }")["redirects"]
    assert sorted((r["oldPath"], r["newUrl"]) for r in redirects) == [
        ("/elsewhere", "https://example.com/"),
        ("/old-article", "/blog/autoimmune-neuropathy/"),
    ]


def test_images_and_documents_search_and_leave_out_restricted_collections(gql, image):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    below = private.add_child(name="Below private")
    hidden = [
        wagtail_factories.ImageFactory(title="Nerves scan", collection=collection)
        for collection in (private, below)
    ]
    wagtail_factories.DocumentFactory(title="Nerves leaflet")
    wagtail_factories.DocumentFactory(title="Nerves report", collection=below)

    assert gql.data('{ images(searchQuery: "Nerves") { title } }')["images"] == [
        {"title": "Nerves"}
    ]
    assert gql.data("{ images { title } }")["images"] == [{"title": "Nerves"}]
    for scan in hidden:
        assert gql.data(f'{{ image(id: "{scan.pk}") {{ title }} }}')["image"] is None
    documents = gql.data('{ documents(searchQuery: "Nerves") { title } }')["documents"]
    assert documents == [{"title": "Nerves leaflet"}]
