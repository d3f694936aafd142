"""The HTML article index filters with the feeds' ``ArticleFilterSet`` and confirms no tag that
only drafts use."""

from __future__ import annotations

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(blog):
    live = ArticlePageFactory(parent=blog, title="Living with neuropathy")
    live.tags.add("neuropathy")
    live.save_revision().publish()
    draft = ArticlePageFactory(parent=blog, title="Unannounced trial", live=False)
    draft.tags.add("secret-trial")
    draft.save()
    return live, draft


def test_a_tag_only_drafts_use_is_not_confirmed(client, blog, tagged):
    response = client.get(blog.url, {"tag": "secret-trial"})
    assert response.status_code == 200
    assert b"secret-trial" not in response.content
    assert b"Unannounced trial" not in response.content
    assert response.context["active_tag"] is None


@pytest.mark.parametrize("parameter", ["tag", "tags"])
def test_a_tag_a_live_article_uses_is_shown(client, blog, tagged, parameter):
    response = client.get(blog.url, {parameter: "neuropathy"})
    assert response.context["active_tag"].slug == "neuropathy"
    assert [page.title for page in response.context["articles"]] == ["Living with neuropathy"]


def test_the_index_takes_the_feeds_filters(client, blog, tagged):
    alice = AuthorFactory(name="Alice", slug="alice")
    ArticlePageFactory(parent=blog, title="By Alice", author=alice)
    response = client.get(blog.url, {"author": "alice"})
    assert [page.title for page in response.context["articles"]] == ["By Alice"]


@pytest.mark.parametrize("query", [{"date_from": "soon"}, {"condition": "x"}, {"tags": "x" * 300}])
def test_a_malformed_filter_lists_nothing_and_is_not_an_error(client, blog, tagged, query):
    response = client.get(blog.url, query)
    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    assert response.context["filter_error"]
