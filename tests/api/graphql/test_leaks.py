"""Nothing the public may not see leaves ``/graphql/``, whichever query asks.

One parametrized test: each case hides an article and a condition (and, for snippets, clinic
hours) in one way, marked with a secret word; a public article links to them from its blocks.
Every query — this package's and grapple's ``page``, ``pages``, ``search``, ``snippets``,
``tags``/``tag`` and ``redirects`` — must answer without the secret (the hidden article carries a
secret tag, and a redirect points at it).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ClinicHoursSnippetFactory,
    ConditionPageFactory,
    paragraph_stream,
)

from .conftest import article_body, make_article

pytestmark = pytest.mark.django_db

SECRET = "Xylophonist"


def hidden_pages(blog, conditions_index, **state):
    article = ArticlePageFactory(
        parent=blog,
        title=f"{SECRET} article",
        slug="hidden-article",
        summary=f"{SECRET} summary",
        body=paragraph_stream(f"{SECRET} body"),
        **state,
    )
    condition = ConditionPageFactory(
        parent=conditions_index, title=f"{SECRET} condition", slug="hidden-condition", **state
    )
    return article, condition


def restrict(page, restriction_type, **kwargs):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **kwargs
    )
    if restriction_type == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])


def draft_of_published(article, condition):
    article.tags.add(f"{SECRET} draft tag")
    for page in (article, condition):
        page.title = f"{SECRET} draft title"
        page.summary = f"{SECRET} draft summary"
        page.save_revision()  # saved as a draft, not published


def tag_and_redirect(article):
    """A tag only the hidden article uses, and a redirect to it (its ``newUrl`` is the
    article's URL)."""
    article.tags.add(f"{SECRET} tag")
    article.save()
    Redirect.objects.create(old_path="/old-hidden-path", redirect_page=article)


def build(case, blog, conditions_index, clinic_hours):
    """The hidden article, condition and clinic hours for ``case``."""
    hours = clinic_hours
    if case == "unpublished":
        pages = hidden_pages(blog, conditions_index, live=False)
    elif case == "scheduled":
        pages = hidden_pages(
            blog, conditions_index, live=False, go_live_at=timezone.now() + timedelta(days=1)
        )
    elif case == "expired":  # live until the publish_scheduled command runs
        pages = hidden_pages(
            blog, conditions_index, expire_at=timezone.now() - timedelta(minutes=1)
        )
    elif case in ("password", "login", "groups"):
        pages = hidden_pages(blog, conditions_index)
        for page in pages:
            restrict(page, case, password="secret" if case == "password" else "")
    elif case == "private-section":
        private_blog = ArticleIndexPageFactory(parent=blog.get_parent(), slug="staff-blog")
        restrict(private_blog, "login")
        pages = hidden_pages(private_blog, conditions_index)
        restrict(pages[1], "login")
    elif case == "draft-of-published":
        pages = (
            ArticlePageFactory(parent=blog, title="Public article", slug="hidden-article"),
            (ConditionPageFactory(parent=conditions_index, title="Public condition")),
        )
        draft_of_published(*pages)
    elif case == "draft-snippet":
        pages = ()
        hours = ClinicHoursSnippetFactory(name=f"{SECRET} hours", live=False)
    elif case == "expired-snippet":
        pages = ()
        hours = ClinicHoursSnippetFactory(
            name=f"{SECRET} hours", expire_at=timezone.now() - timedelta(minutes=1)
        )
    else:  # pragma: no cover
        raise AssertionError(case)
    article, condition = pages or (None, None)
    if article is not None and case != "draft-of-published":
        tag_and_redirect(article)
    return article, condition, hours


QUERIES = [
    '{ article(slug: "hidden-article") { title summary body { ... on StreamFieldInterface { rawValue } } } }',
    '{ condition(slug: "hidden-condition") { title summary } }',
    "{ articles(limit: 100) { title summary body { ... on StreamFieldInterface { rawValue } } relatedArticles { title } } }",
    f'{{ articles(search: "{SECRET}") {{ title }} }}',
    "{ conditions(limit: 100) { title summary relatedConditions { title } } }",
    f'{{ conditions(search: "{SECRET}") {{ title }} }}',
    '{ page(slug: "hidden-article") { title } }',
    '{ page(slug: "hidden-condition") { title } }',
    '{ page(urlPath: "/blog/hidden-article/") { title } }',
    "{ pages(limit: 100) { title ... on ArticlePage { summary draftTitle } } }",
    '{ pages(contentType: "wagtail_neuro.ArticlePage,wagtail_neuro.ConditionPage") { title } }',
    "{ pages(limit: 50) { children { title } descendants { title } } }",
    f'{{ search(query: "{SECRET}") {{ ... on PageInterface {{ title }} '
    "... on ClinicHoursSnippet { name } } }",
    "{ snippets { ... on ClinicHoursSnippet { name hours { summary } } } }",
    "{ allClinicHours { name } }",
    "{ tags { id name } }",
    "{ redirects { oldPath newUrl page { title } } }",
    f'{{ clinicHours(name: "{SECRET} hours") {{ name }} }}',
    """{ article(slug: "linking") {
      body {
        ... on StreamFieldInterface { rawValue }
        ... on ConditionListBlock { items { name page { title url } } }
        ... on CallToActionBlock { url }
        ... on ClinicHoursBlock { clinicHours { name } }
      }
    } }""",
]

CASES = [
    "unpublished",
    "draft-of-published",
    "password",
    "login",
    "groups",
    "private-section",
    "scheduled",
    "expired",
    "draft-snippet",
    "expired-snippet",
]


@pytest.mark.parametrize("case", CASES)
def test_hidden_content_is_absent_from_every_query(gql, blog, conditions_index, clinic_hours, case):
    article, condition, hours = build(case, blog, conditions_index, clinic_hours)
    linking = make_article(
        blog,
        title="Linking article",
        slug="linking",
        body=article_body(
            conditions=[condition] if condition else (),
            hours=hours,
            cta_page=article,
            name_links=False,
        ),
    )
    linked = gql.data(
        '{ article(slug: "linking") { body { ... on ConditionListBlock { items { name } } } } }'
    )
    assert linked["article"], "the linking article itself is public"

    tag_queries = [f'{{ tag(id: "{tag.pk}") {{ name }} }}' for tag in Tag.objects.all()]
    for query in [*QUERIES, *tag_queries]:
        body = gql(query)
        text = json.dumps(body)
        assert SECRET not in text, (case, query, body)
        if case not in ("draft-of-published", "draft-snippet", "expired-snippet"):
            assert "hidden-article" not in text and "hidden-condition" not in text, (case, query)
        assert "errors" not in body or query.startswith("{ clinicHours"), (case, query, body)
    assert linking.live


@pytest.fixture
def private_collections(db):
    """Root → Public, Root → Staff (login required) → Staff photos: an image and a document
    in each, the private ones titled with the secret word."""
    import wagtail_factories
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    public = root.add_child(name="Public")
    staff = root.add_child(name=f"{SECRET} staff")
    CollectionViewRestriction.objects.create(collection=staff, restriction_type="login")
    below = staff.add_child(name=f"{SECRET} photos")
    for collection, title in ((public, "Open"), (staff, SECRET), (below, f"{SECRET} below")):
        wagtail_factories.ImageFactory(collection=collection, title=f"{title} image")
        wagtail_factories.DocumentFactory(collection=collection, title=f"{title} document")
    return staff, below


COLLECTION_QUERIES = [
    "{ collections(limit: 100) { name descendants { name } ancestors { name } } }",
    "{ collections(limit: 100) { id name } }",
    "{ images(limit: 100) { title collection { name descendants { name } } } }",
    f'{{ images(searchQuery: "{SECRET}") {{ title }} }}',
    "{ documents(limit: 100) { title collection { name } } }",
    f'{{ documents(searchQuery: "{SECRET}") {{ title }} }}',
]


def test_private_collections_and_their_children_are_absent(gql, private_collections):
    staff, below = private_collections
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    by_id = [
        f'{{ collections(id: "{staff.pk}") {{ name }} }}',
        f'{{ collections(id: "{below.pk}") {{ name }} }}',
        *(
            f'{{ image(id: "{image.pk}") {{ title }} }}'
            for image in get_image_model().objects.filter(collection__in=[staff, below])
        ),
        *(
            f'{{ document(id: "{doc.pk}") {{ title }} }}'
            for doc in get_document_model().objects.filter(collection__in=[staff, below])
        ),
    ]
    for query in [*COLLECTION_QUERIES, *by_id]:
        body = gql(query)
        assert SECRET not in json.dumps(body), (query, body)
        assert "errors" not in body, (query, body)
    names = [c["name"] for c in gql.data("{ collections { name } }")["collections"]]
    assert "Public" in names
    titles = [i["title"] for i in gql.data("{ images { title } }")["images"]]
    assert titles == ["Open image"]
