"""Preview tokens are checked for signature, age and page binding on every route that takes one.

Routes: REST v2 ``/api/v2/pages/preview/``, REST v3 ``/api/v3/preview/``, GraphQL root
``page(token:)``, grapple's ``site { page(token:) }`` and ``sites { page(token:) }``. Tokens: a
valid one, an expired one, a forged one, a signed one with no stored preview (unknown) and one
whose stored preview is another page's (misbound). Every invalid kind gets the same answer on a
route (status and body), and every answer to a token request is ``private, no-store``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.signing import TimestampSigner, b62_encode
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, site_home
from tests.shared_data import build_once
from wagtail_neuro.models import ConditionPage
from wagtail_neuro.preview import INVALID_TOKEN_MESSAGE, page_for_preview_token

pytestmark = pytest.mark.django_db

SALT = "headlesspreview.token"
DRAFT_TITLE = "Draft title: unreviewed claim"
INVALID_KINDS = ["expired", "forged", "unknown", "other-page"]


@pytest.fixture(autouse=True)
def all_routes(settings):
    settings.ROOT_URLCONF = "tests.security.hostile_urls"
    settings.WAGTAIL_NEURO_PREVIEW_TOKEN_MAX_AGE = 3600


class OldSigner(TimestampSigner):
    """Signs as if two hours ago (the age limit in these tests is one hour)."""

    def timestamp(self) -> str:
        return b62_encode(int(time.time()) - 7200)


class MinuteAgoSigner(TimestampSigner):
    """Signs as if a minute ago: a fresh token, unlike any the admin issued this second."""

    def timestamp(self) -> str:
        return b62_encode(int(time.time()) - 60)


@pytest.fixture(scope="module")
def shared_pages(django_db_setup, django_db_blocker) -> Iterator[dict[str, int]]:
    """The blog and its two published articles, built once for the module (``build_once``);
    each test reads them fresh and rolls back what it stores (previews, drafts)."""

    def build() -> dict[str, int]:
        blog = ArticleIndexPageFactory(parent=site_home())
        pages = {"blog": blog.pk}
        for name, title in (("article", "Published title"), ("other", "Another article")):
            page = ArticlePageFactory(parent=blog, title=title)
            page.save_revision().publish()
            pages[name] = page.pk
        return pages

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def blog(shared_pages, db):
    return Page.objects.get(pk=shared_pages["blog"]).specific


@pytest.fixture
def article(shared_pages, db):
    return Page.objects.get(pk=shared_pages["article"]).specific


@pytest.fixture
def other(shared_pages, db):
    return Page.objects.get(pk=shared_pages["other"]).specific


def store(token: str, page: Any) -> str:
    PagePreview.objects.create(
        token=token, content_type=page.content_type, content_json=page.to_json()
    )
    return token


def make_token(kind: str, article: Any, other: Any) -> str:
    """A token of ``kind`` for ``article`` with the draft title."""
    article.title = DRAFT_TITLE
    if kind == "valid":
        return article.create_page_preview().token
    if kind == "expired":
        return store(OldSigner(salt=SALT).sign(f"id={article.pk}"), article)
    if kind == "forged":
        value, signature = article.create_page_preview().token.rsplit(":", 1)
        return f"{value}:{'A' * len(signature)}"
    if kind == "unknown":  # signed, fresh, but no preview was stored under it
        return MinuteAgoSigner(salt=SALT).sign(f"id={article.pk}")
    if kind == "other-page":
        # signed for the other page, but the preview stored under it is the article's draft
        return store(TimestampSigner(salt=SALT).sign(f"id={other.pk}"), article)
    raise AssertionError(kind)


@dataclass
class Answer:
    status: int
    title: str | None  # the page title when a page came back
    body: Any  # what a refused request answered (compared across invalid kinds)
    cache_control: str


def rest(url: str) -> Callable[[Any, str], Answer]:
    def call(client: Any, token: str) -> Answer:
        response = client.get(url, {"token": token})
        body = response.json()
        title = body.get("title") if response.status_code == 200 else None
        return Answer(response.status_code, title, body, response.get("Cache-Control", ""))

    return call


def graphql(query: str, path: Callable[[dict[str, Any]], Any]) -> Callable[[Any, str], Answer]:
    def call(client: Any, token: str) -> Answer:
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": {"token": token}}),
            content_type="application/json",
        )
        body = response.json()
        page = path(body.get("data") or {})
        title = page.get("title") if page else None
        return Answer(response.status_code, title, body, response.get("Cache-Control", ""))

    return call


ROUTES: dict[str, Callable[[Any, str], Answer]] = {
    "rest-v2": rest("/api/v2/pages/preview/"),
    "rest-v3": rest("/api/v3/preview/"),
    "graphql-page": graphql(
        "query ($token: String) { page(token: $token) { title } }",
        lambda data: data.get("page"),
    ),
    "graphql-site-page": graphql(
        'query ($token: String) { site(hostname: "testserver") { page(token: $token) { title } } }',
        lambda data: (data.get("site") or {}).get("page"),
    ),
    "graphql-sites-page": graphql(
        "query ($token: String) { sites { page(token: $token) { title } } }",
        lambda data: ((data.get("sites") or [{}])[0] or {}).get("page"),
    ),
}


@pytest.mark.parametrize("route", ROUTES)
def test_a_valid_token_shows_the_draft(client, article, other, route):
    answer = ROUTES[route](client, make_token("valid", article, other))
    assert answer.status == 200, answer.body
    assert answer.title == DRAFT_TITLE


@pytest.mark.parametrize("kind", INVALID_KINDS)
@pytest.mark.parametrize("route", ROUTES)
def test_an_invalid_token_shows_nothing(client, article, other, route, kind):
    answer = ROUTES[route](client, make_token(kind, article, other))
    assert answer.title is None
    assert DRAFT_TITLE not in json.dumps(answer.body)
    if route.startswith("rest"):
        assert answer.status == 403
        assert INVALID_TOKEN_MESSAGE in (answer.body.get("message"), answer.body.get("detail"))


@pytest.mark.parametrize("route", ROUTES)
def test_every_invalid_kind_gets_the_same_answer(client, article, other, route):
    answers = [ROUTES[route](client, make_token(kind, article, other)) for kind in INVALID_KINDS]
    assert len({(a.status, json.dumps(a.body, sort_keys=True)) for a in answers}) == 1, answers


@pytest.mark.parametrize("kind", ["valid", *INVALID_KINDS])
@pytest.mark.parametrize("route", ROUTES)
def test_every_token_response_is_private_and_never_stored(client, article, other, route, kind):
    answer = ROUTES[route](client, make_token(kind, article, other))
    directives = {part.strip() for part in answer.cache_control.split(",")}
    assert {"private", "no-store"} <= directives, answer.cache_control


def test_root_page_refuses_a_token_for_another_page_than_the_one_asked(client, article, other):
    token = make_token("valid", article, other)
    answer = graphql(
        f"query ($token: String) {{ page(id: {other.pk}, token: $token) {{ title }} }}",
        lambda data: data.get("page"),
    )(client, token)
    assert answer.title is None
    assert answer.body["errors"][0]["message"] == INVALID_TOKEN_MESSAGE


@pytest.mark.parametrize("url", ["/api/v2/pages/preview/", "/api/v3/preview/"])
def test_rest_refuses_a_token_for_another_content_type(client, article, other, url):
    token = make_token("valid", article, other)
    response = client.get(url, {"token": token, "content_type": "wagtail_neuro.conditionpage"})
    assert response.status_code == 403
    assert INVALID_TOKEN_MESSAGE in response.json().values()
    ok = client.get(url, {"token": token, "content_type": "wagtail_neuro.articlepage"})
    assert ok.status_code == 200


def test_a_new_page_preview_is_bound_to_its_signed_page_type(blog, article, other):
    """A page never saved is signed as ``parent_id=…;page_type=…``: the stored preview must be
    a new page of that type."""
    new = ArticlePageFactory.build(title="Never saved")
    new.path, new.depth = blog.path + "0001", blog.depth + 1
    signed_as_condition = TimestampSigner(salt=SALT).sign(
        f"parent_id={blog.pk};page_type=wagtail_neuro.ConditionPage"
    )
    with pytest.raises(ValueError, match="Invalid or expired"):
        page_for_preview_token(store(signed_as_condition, new))
    signed_right = TimestampSigner(salt=SALT).sign(
        f"parent_id={blog.pk};page_type=wagtail_neuro.ArticlePage"
    )
    assert page_for_preview_token(store(signed_right, new)).title == "Never saved"
    # an existing page's content stored under a "new page" token is refused too
    with pytest.raises(ValueError):
        page_for_preview_token(
            store(TimestampSigner(salt=SALT).sign(f"parent_id={blog.pk};page_type=x.y"), article)
        )


def test_the_model_classmethod_grapple_calls_applies_the_same_checks(article, other):
    """grapple's ``get_preview_page`` trusts ``get_page_from_preview_token`` to validate."""
    model = type(article)
    assert model.get_page_from_preview_token(make_token("valid", article, other)).title == (
        DRAFT_TITLE
    )
    for kind in INVALID_KINDS:
        assert model.get_page_from_preview_token(make_token(kind, article, other)) is None, kind
    # a token for an article asked through another page model's route
    assert ConditionPage.get_page_from_preview_token(make_token("valid", article, other)) is None
