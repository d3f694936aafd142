"""Nothing non-public leaks: one test, every hidden kind × every endpoint, filter, search and
related list.

Each case hides an article and a condition whose text contains SECRET. A visible article and
condition share their tags, category, author, symptom and relations and link to them, so every
surface would show the hidden pages if it let them through (the control assertions prove that
each surface does return the visible ones).
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
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
from wagtail_neuro.models import Author

pytestmark = pytest.mark.django_db

SECRET = "SECRET"
CASES = ["unpublished", "draft", "password", "login", "groups", "scheduled", "expired"]


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _hide(page, case):
    """Make ``page`` (created live, with SECRET in its title) hidden in the way ``case`` says."""
    if case == "unpublished":
        page.unpublish()
    elif case == "draft":
        page.title, page.summary = "Public title", "Public summary"
        _publish(page)
        page.title = f"{SECRET} draft title"
        page.summary = f"{SECRET} draft summary"
        page.save_revision()  # not published: the live row keeps the public text
    elif case in ("password", "login", "groups"):
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type={
                "password": PageViewRestriction.PASSWORD,
                "login": PageViewRestriction.LOGIN,
                "groups": PageViewRestriction.GROUPS,
            }[case],
            password="pass" if case == "password" else "",
        )
        if case == "groups":
            restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    elif case == "scheduled":
        page.unpublish()
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        page.save_revision().publish()  # Wagtail schedules it and keeps it off-line
    elif case == "expired":
        page.expire_at = timezone.now() - datetime.timedelta(hours=1)
        page.save(update_fields=["expire_at"])  # publish_scheduled has not run yet
    page.refresh_from_db()
    assert case != "scheduled" or not page.live


def _cta(page_id):
    return {
        "type": "call_to_action",
        "value": {
            "heading": "More",
            "text": "",
            "button_label": "Read",
            "link_page": page_id,
            "link_url": "",
        },
    }


@pytest.fixture(scope="module")
def world_built(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The pages every case hides its own way, built once for the module (``build_once``):
    each test's hiding is rolled back with its transaction."""

    def build() -> dict[str, int]:
        home = site_home()
        world = build_world(
            ArticleIndexPageFactory(parent=home), ConditionIndexPageFactory(parent=home)
        )
        return {name: obj.pk for name, obj in world.items()}

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def world(world_built, db) -> dict:
    """The module's pages and author, fresh from the database for each test."""
    return {
        "author": Author.objects.get(pk=world_built["author"]),
        **{
            name: Page.objects.get(pk=pk).specific
            for name, pk in world_built.items()
            if name != "author"
        },
    }


def build_world(blog, conditions_index) -> dict:
    author = AuthorFactory(name="Care Manager")
    category = CategoryFactory(name="Neuropathy")

    def article(title, body):
        page = ArticlePageFactory(parent=blog, title=title, author=author, body=body)
        page.categories.add(category)
        page.tags.add("shared")
        return _publish(page)

    def condition(title):
        return _publish(
            ConditionPageFactory(
                parent=conditions_index,
                title=title,
                body=condition_stream("Overview", ["Numbness"]),
            )
        )

    visible_condition = condition("Visible condition")
    hidden_condition = condition(f"{SECRET} condition")
    hidden_condition.related_conditions.add(visible_condition)
    hidden_condition = _publish(hidden_condition)
    hidden_article = article(f"{SECRET} article", json.dumps([]))
    hidden_article.summary = f"{SECRET} summary"
    hidden_article = _publish(hidden_article)
    body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": f'<p><a linktype="page" id="{hidden_article.pk}">x</a></p>',
            },
            _cta(hidden_article.pk),
            {
                "type": "condition_list",
                "value": {
                    "heading": "Conditions",
                    "items": [
                        {"name": "Visible", "description": "d", "page": visible_condition.pk},
                        {"name": "Other", "description": "d", "page": hidden_condition.pk},
                    ],
                },
            },
        ]
    )
    visible_article = article("Visible article", body)
    visible_article.related_article_links.create(article=hidden_article)
    visible_article = _publish(visible_article)
    for page in (visible_article, hidden_article, visible_condition, hidden_condition):
        ReferenceIndex.create_or_update_for_object(page)
        index.insert_or_update_object(page)
    return {
        "author": author,
        "visible_article": visible_article,
        "visible_condition": visible_condition,
        "hidden_article": hidden_article,
        "hidden_condition": hidden_condition,
    }


def surfaces(w):
    """(url, visible page id that the response must contain, or None) for every surface."""
    va, vc = w["visible_article"].pk, w["visible_condition"].pk
    ha, hc = w["hidden_article"].pk, w["hidden_condition"].pk
    article_type = "type=wagtail_neuro.ArticlePage&fields=*"
    condition_type = "type=wagtail_neuro.ConditionPage&fields=*"
    return [
        ("/api/v2/pages/", va),
        ("/api/v2/pages/?fields=*", va),
        (f"/api/v2/pages/?{article_type}", va),
        (f"/api/v2/pages/?{condition_type}", vc),
        (f"/api/v2/pages/?{article_type}&tags=shared", va),
        (f"/api/v2/pages/?{article_type}&category=neuropathy", va),
        (f"/api/v2/pages/?{article_type}&author={w['author'].slug}", va),
        (f"/api/v2/pages/?{article_type}&date_from=2000-01-01&date_to=2100-01-01", va),
        (f"/api/v2/pages/?{article_type}&condition={vc}", va),
        (f"/api/v2/pages/?{article_type}&condition={hc}", None),
        (f"/api/v2/pages/?{condition_type}&symptom=numbness", vc),
        (f"/api/v2/pages/?{condition_type}&related_to={hc}", None),
        (f"/api/v2/pages/?{condition_type}&related_to={vc}", None),
        ("/api/v2/pages/?search=article", va),
        ("/api/v2/pages/?search=SECRET", None),
        (f"/api/v2/pages/?{article_type}&search=summary", va),
        (f"/api/v2/pages/?child_of={w['visible_article'].get_parent().pk}", va),
        (f"/api/v2/pages/{va}/", va),
        (f"/api/v2/pages/{vc}/", vc),
        (f"/api/v2/pages/{ha}/", None),
        (f"/api/v2/pages/{hc}/", None),
        (f"/api/v2/pages/find/?html_path={w['hidden_article'].url_path}", None),
        (f"/api/v2/pages/find/?id={ha}", None),
        ("/api/v3/pages/", va),
        ("/api/v3/pages/?type=wagtail_neuro.ArticlePage", va),
        ("/api/v3/pages/?search=article", va),
        ("/api/v3/pages/?search=SECRET", None),
        (f"/api/v3/pages/{va}/", va),
        (f"/api/v3/pages/{vc}/", vc),
        (f"/api/v3/pages/{ha}/", None),
        (f"/api/v3/pages/{hc}/", None),
        (f"/api/v3/pages/find/?id={ha}", None),
        ("/api/v3/articles/", va),
        ("/api/v3/articles/?tags=shared&category=neuropathy", va),
        (f"/api/v3/articles/?author={w['author'].slug}", va),
        (f"/api/v3/articles/?condition={vc}", va),
        (f"/api/v3/articles/?condition={hc}", None),
        ("/api/v3/articles/?search=article", va),
        ("/api/v3/articles/?search=SECRET", None),
        ("/api/v3/conditions/", vc),
        ("/api/v3/conditions/?symptom=Numbness", vc),
        (f"/api/v3/conditions/?related_to={hc}", None),
        ("/api/v3/conditions/?search=condition", vc),
    ]


@pytest.mark.parametrize("case", CASES)
def test_hidden_pages_never_leak(client, world, case):
    hidden = (world["hidden_article"], world["hidden_condition"])
    for page in hidden:
        _hide(page, case)
    checked = 0
    for url, must_contain in surfaces(world):
        response = client.get(url, follow=True)
        text = response.content.decode()
        assert SECRET not in text, (case, url)
        if case != "draft":
            for page in hidden:
                assert f'"id": {page.pk},' not in text and f'"id":{page.pk},' not in text, (
                    case,
                    url,
                )
        if must_contain is not None:
            assert response.status_code == 200, (case, url, response.status_code)
            assert f'"id":{must_contain},' in text.replace(" ", ""), (case, url)
            checked += 1
        elif case != "draft" and str(hidden[0].pk) in url.split("?")[0]:
            assert response.status_code == 404, (case, url)
    assert checked > 20
    # the visible article's body links and related list drop the hidden pages
    detail = client.get(f"/api/v2/pages/{world['visible_article'].pk}/").json()
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    if case != "draft":
        assert blocks["call_to_action"]["url"] is None
        assert blocks["condition_list"]["items"][1]["page"] is None
        assert detail["related_articles"] == []


@pytest.mark.parametrize("case", [case for case in CASES if case != "draft"])
def test_rich_text_links_to_hidden_pages(client, world, case):
    """A rich-text link to a hidden page keeps its text and loses its URL, in v2 and v3."""
    _hide(world["hidden_article"], case)
    for url in (
        f"/api/v2/pages/{world['visible_article'].pk}/",
        f"/api/v3/pages/{world['visible_article'].pk}/",
    ):
        detail = client.get(url).json()
        paragraph = next(block["value"] for block in detail["body"] if block["type"] == "paragraph")
        assert "<a>" in paragraph, url
        assert "href" not in paragraph, url
