"""The REST feeds' response cache: ETag from the content version, 304 without building, stored
answers that every publish, unpublish, move, delete and snippet change makes unreachable, and
private answers (preview tokens, bearer tokens, sessions) that nothing stores."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.rest.conftest import make_article, use_shared_tree
from wagtail_neuro.cache import bump_content_version, current_version

pytestmark = pytest.mark.django_db

# the article and its tree are built once for the module; each test's changes roll back
home, blog, conditions_index, image, condition, clinic_hours, article = use_shared_tree()

URLS = [
    "/api/v2/pages/",
    "/api/v2/pages/ARTICLE/",
    "/api/v2/clinic-hours/",
    "/api/v3/pages/ARTICLE/",
    "/api/v3/articles/",
    "/api/v3/clinic-hours/HOURS/",
    "/api/v3/openapi.json",
]
LISTINGS = [
    "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*",
    "/api/v2/pages/",
    "/api/v3/articles/",
    "/api/v3/pages/",
]


def _url(url, article, clinic_hours):
    return url.replace("ARTICLE", str(article.pk)).replace("HOURS", str(clinic_hours.pk))


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.mark.parametrize("url", URLS)
def test_etag_and_cache_control(client, article, clinic_hours, url):
    response = client.get(_url(url, article, clinic_hours))
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Accept" in response["Vary"] and "Authorization" in response["Vary"]


@pytest.mark.parametrize("url", URLS)
def test_if_none_match_gives_304_without_building(client, article, clinic_hours, url):
    url = _url(url, article, clinic_hours)
    etag = client.get(url)["ETag"]
    client.get("/api/v2/pages/")  # nothing else changes the answer
    response, queries = _queries(client, url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert queries == 1  # the content version; the view never ran


def test_weak_and_listed_etags_match(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_stored_answer_is_served_without_the_view(client, article):
    url = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*"
    first, cold = _queries(client, url)
    second, warm = _queries(client, url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert cold > 3 and warm == 1


def test_the_etag_is_known_before_the_body(client, article):
    """A cold If-None-Match (say, to another worker) is still a 304: no stored answer needed."""
    url = f"/api/v3/pages/{article.pk}/"
    etag = client.get(url)["ETag"]
    from django.core.cache import cache

    cache.clear()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_head_shares_the_entry(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    etag = client.get(url)["ETag"]
    response = client.head(url)
    assert response.status_code == 200 and response["ETag"] == etag


def test_each_accept_value_is_its_own_entry(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    one = client.get(url, HTTP_ACCEPT="application/json")["ETag"]
    other = client.get(url, HTTP_ACCEPT="*/*")["ETag"]
    assert one != other


def _title(client, url, page):
    items = client.get(url).json()["items"]
    return next((item.get("title") for item in items if item["id"] == page.pk), None)


@pytest.mark.parametrize("url", LISTINGS)
def test_publishing_makes_every_listing_and_detail_fresh(client, article, url):
    detail = f"/api/v2/pages/{article.pk}/"
    etag = client.get(detail)["ETag"]
    assert _title(client, url, article) == article.title
    article.title = "A new title"
    article.save_revision().publish()
    assert _title(client, url, article) == "A new title"
    response = client.get(detail, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["title"] == "A new title"


def test_unpublish_move_and_delete_advance_the_version(client, article, blog, home):
    url = "/api/v2/pages/"
    assert _title(client, url, article) == article.title
    before = current_version()
    article.unpublish()
    assert current_version() > before
    assert _title(client, url, article) is None

    article.save_revision().publish()
    assert _title(client, url, article) == article.title
    before = current_version()
    article.move(home, pos="last-child")
    assert current_version() > before
    assert client.get(f"/api/v2/pages/{article.pk}/").json()["meta"]["parent"]["id"] == home.pk

    before = current_version()
    article.delete()
    assert current_version() > before
    assert _title(client, url, article) is None


def test_a_draft_save_keeps_the_cache(client, article):
    url = "/api/v2/pages/"
    client.get(url)
    before = current_version()
    article.title = "Draft only"
    article.save_revision()
    assert current_version() == before
    assert _title(client, url, article) != "Draft only"


def test_opening_the_editor_and_commenting_keep_the_cache(admin_client, article):
    """Opening an edit view records an editing session and editors' comments are admin-only:
    neither changes an answer, so neither may empty every cached answer."""
    from wagtail.models import Comment

    before = current_version()
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    Comment.objects.create(
        page=article, user=article.owner or _any_user(), text="Check the dose", contentpath="title"
    )
    assert current_version() == before


def test_a_new_redirect_advances_the_version(article):
    """Redirects are answers too (GraphQL ``redirects``, the v2 ``find/`` fallbacks)."""
    from wagtail.contrib.redirects.models import Redirect

    before = current_version()
    Redirect.objects.create(old_path="/old-article", redirect_page=article)
    assert current_version() > before


def _any_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.first()


def test_snippet_changes_reach_the_listings(client, article, clinic_hours):
    cards = "/api/v3/articles/"
    assert client.get(cards).json()["items"][0]["author"] == article.author.name
    article.author.name = "Dr Renamed"
    article.author.save()  # a plain snippet: saving it is publishing it
    assert client.get(cards).json()["items"][0]["author"] == "Dr Renamed"

    hours = f"/api/v3/clinic-hours/{clinic_hours.pk}/"
    client.get(hours)
    before = current_version()
    clinic_hours.name = "Evening Hours"
    clinic_hours.save_revision().publish()
    assert current_version() > before
    assert client.get(hours).json()["name"] == "Evening Hours"


def test_scheduled_publishing_advances_the_version(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    client.get(url)
    article.title = "Published by the scheduler"
    revision = article.save_revision(approved_go_live_at=timezone.now() + timedelta(seconds=1))
    assert client.get(url).json()["title"] != "Published by the scheduler"
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled")
    assert client.get(url).json()["title"] == "Published by the scheduler"


def test_the_bump_command(client, article):
    before = current_version()
    call_command("bump_content_version")
    assert current_version() == before + 1


def test_a_rolled_back_change_leaves_the_version(article):
    from django.db import transaction

    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_content_version()
        raise RuntimeError
    assert current_version() == before


def test_max_age_setting(client, article, settings):
    settings.WAGTAIL_NEURO_API_CACHE_MAX_AGE = 0
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert "no-cache" in response["Cache-Control"]
    settings.WAGTAIL_NEURO_API_CACHE_MAX_AGE = 60
    assert "max-age=60" in client.get(f"/api/v2/pages/{article.pk}/")["Cache-Control"]


def test_storing_can_be_turned_off(client, article, settings):
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None
    url = "/api/v2/pages/"
    etag = client.get(url)["ETag"]
    _response, queries = _queries(client, url)
    assert queries > 1  # built again
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_bearer_requests_are_private(client, article):
    response = client.get(f"/api/v3/pages/{article.pk}/", HTTP_AUTHORIZATION="Bearer nope")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]
    assert "ETag" not in response


def test_session_requests_are_private_and_fresh(admin_client, article):
    url = f"/api/v2/pages/{article.pk}/"
    admin_client.get(url)
    _response, queries = _queries(admin_client, url)
    assert queries > 1
    assert "no-store" in _response["Cache-Control"]


def _draft(article):
    article.title = "Secret draft"
    article.save_revision()
    return article.create_page_preview().token


@pytest.mark.parametrize("url", ["/api/v2/pages/preview/", "/api/v3/preview/"])
def test_preview_answers_are_private_and_never_stored(client, article, url):
    token = _draft(article)
    response = client.get(url, {"token": token})
    assert response.status_code == 200
    assert b"Secret draft" in response.content
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    # the public answers never see the draft
    assert b"Secret draft" not in client.get(f"/api/v2/pages/{article.pk}/").content


def test_a_refused_preview_is_private_too(client, article):
    response = client.get("/api/v2/pages/preview/", {"token": "forged"})
    assert response.status_code in (400, 403)
    assert response["Cache-Control"] == "private, no-store"


def test_errors_are_not_cached_as_public(client, article):
    response = client.get("/api/v2/pages/?unknown=1")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def test_new_content_appears_after_a_publish(client, blog, image):
    """A page published after an answer was stored is in the next answer."""
    url = "/api/v3/articles/"
    before = client.get(url).json()["count"]
    make_article(blog, image, title="Fresh")
    assert client.get(url).json()["count"] == before + 1


def test_a_shared_cache_answers_without_the_database(
    client, article, redis_response_cache, django_capture_on_commit_callbacks
):
    url = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*"
    first = client.get(url)
    second, queries = _queries(client, url)
    assert queries == 0  # the version and the answer both come from the cache
    assert second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Shared and fresh"
        article.save_revision().publish()
    assert _title(client, url, article) == "Shared and fresh"


def test_a_lost_version_copy_is_read_again(client, article, redis_response_cache):
    from wagtail_neuro.cache.version import VERSION_CACHE_KEY

    url = "/api/v2/pages/"
    client.get(url)
    redis_response_cache.delete(VERSION_CACHE_KEY)  # evicted, or Redis restarted
    _response, queries = _queries(client, url)
    assert queries == 1  # read from the database, then kept in the cache again
    assert redis_response_cache.get(VERSION_CACHE_KEY)[0] == current_version()


def test_local_copies_keep_to_their_budget():
    from wagtail_neuro.cache.responses import _LocalCopies

    copies = _LocalCopies(budget=100)
    copies.put("a", (b"x" * 20, []))
    copies.put("b", (b"x" * 20, []))
    assert copies.get("a") is not None  # now the most recent
    for key in "cdefg":
        copies.put(key, (b"x" * 20, []))
    assert copies.size <= 100
    assert copies.get("b") is None and copies.get("a") is None
    copies.put("huge", (b"x" * 60, []))  # over a quarter of the budget: not kept
    assert copies.get("huge") is None


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("WAGTAIL_NEURO_RESPONSE_CACHE", "missing", "wagtail_neuro.E055"),
        ("WAGTAIL_NEURO_RESPONSE_CACHE_TIMEOUT", 0, "wagtail_neuro.E056"),
        ("WAGTAIL_NEURO_GRAPHQL_PERSISTED_QUERIES", "yes", "wagtail_neuro.E057"),
    ],
)
def test_bad_cache_settings_are_reported(settings, name, value, check_id):
    from wagtail_neuro.checks import check_response_cache_settings

    assert check_response_cache_settings() == []
    setattr(settings, name, value)
    assert [error.id for error in check_response_cache_settings()] == [check_id]


def _travel(monkeypatch, to):
    """Move the clock of everything that asks ``django.utils.timezone.now()``."""
    monkeypatch.setattr(timezone, "now", lambda: to)


def test_an_expiring_page_leaves_cached_answers_at_its_instant(client, article, monkeypatch):
    start = timezone.now()
    article.expire_at = start + timedelta(hours=1)
    article.save_revision().publish()
    url = "/api/v2/pages/"
    assert _title(client, url, article) == article.title
    assert _title(client, url, article) == article.title  # stored
    _travel(monkeypatch, start + timedelta(hours=2))
    assert _title(client, url, article) is None
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404


def test_open_now_follows_the_clock(client, clinic_hours, monkeypatch):
    url = f"/api/v3/clinic-hours/{clinic_hours.pk}/"
    first = client.get(url)
    data = first.json()
    change = data["next_change"]
    assert change is not None
    from datetime import datetime

    after = datetime.fromisoformat(change["at"]) + timedelta(minutes=1)
    _travel(monkeypatch, after)
    later = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200  # not a 304: the answer changed at that instant
    assert later.json()["open_now"] == change["open"] != data["open_now"]


def _stored_next_change():
    from wagtail_neuro.models import ContentVersion

    return ContentVersion.objects.values_list("next_change_at", flat=True).get()


def test_the_stored_next_change_is_never_later_than_the_schedules(blog, clinic_hours):
    """Writes bring the stored instant forward without reading every schedule; whatever they
    do, it is never later than :func:`next_change_at` says (too soon costs one extra bump)."""
    import random

    from tests.factories import ArticlePageFactory
    from wagtail_neuro.cache.version import next_change_at

    rng = random.Random(7)
    pages = []
    for step in range(14):
        action = rng.choice(["create", "publish", "unpublish", "tag", "delete", "hours"])
        expire_at = timezone.now() + timedelta(minutes=rng.randrange(1, 600))
        if action == "create" or not pages:
            pages.append(ArticlePageFactory(parent=blog, slug=f"a-{step}", expire_at=expire_at))
        elif action == "publish":
            page = rng.choice(pages)
            page.expire_at = expire_at
            page.save_revision().publish()
        elif action == "unpublish":
            rng.choice(pages).unpublish()
        elif action == "tag":
            page = rng.choice(pages)
            page.tags.add(f"topic-{step}")
            page.save()
        elif action == "delete":
            pages.pop(rng.randrange(len(pages))).delete()
        else:
            clinic_hours.save_revision().publish()
        stored, true = _stored_next_change(), next_change_at(timezone.now())
        assert true is None or (stored is not None and stored <= true), (step, action)


def test_a_write_that_moves_no_schedule_reads_none(blog, clinic_hours):
    """Tagging a page (which expires at no time) advances the version without reading the
    clinic hours' schedules again."""
    from tests.factories import ArticlePageFactory

    page = ArticlePageFactory(parent=blog, slug="tagged")
    before = current_version()
    with CaptureQueriesContext(connection) as queries:
        page.tags.add("neuropathy")
        page.save()
    assert current_version() > before
    assert not [q for q in queries if "clinichours" in q["sql"].lower()]
