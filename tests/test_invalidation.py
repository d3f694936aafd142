"""What a change announces (``wagtail_neuro.invalidation``): the paths, listing pages, linking
pages and API URLs of a publish, unpublish, move or delete, for pages and clinic hours; and that
nothing goes out before the transaction commits. Payloads are read where a frontend reads them:
from the webhook a real loopback server receives (``tests/receiver.py``)."""

from __future__ import annotations

import pytest
import wagtail_factories
from wagtail.models import ReferenceIndex

from tests.api.rest.conftest import rich_body
from tests.factories import ArticlePageFactory, ClinicHoursSnippetFactory, ConditionPageFactory
from wagtail_neuro import invalidation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def api_urls(settings):
    """The REST feeds mounted, so payloads name their URLs."""
    settings.ROOT_URLCONF = "tests.api.rest.urls"


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Nerves")


@pytest.fixture
def announced(settings, receiver, django_capture_on_commit_callbacks):
    """Run a change and return the webhook bodies it delivered once its transaction committed."""
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = [f"{receiver.url}/revalidate"]
    settings.WAGTAIL_NEURO_WEBHOOK_SECRET = "secret"

    def run(change) -> list[dict]:
        already = len(receiver.received())
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return [request.json() for request in receiver.received()[already:]]

    return run


def test_pages_that_link_to_the_published_page_are_listed(announced, blog, conditions_index, image):
    lupus = ConditionPageFactory(parent=conditions_index, title="Lupus", slug="lupus")
    neighbour = ConditionPageFactory(parent=conditions_index, title="RA", slug="ra")
    neighbour.related_conditions.add(lupus)
    neighbour.save_revision().publish()
    article = ArticlePageFactory(parent=blog, slug="linking", body=rich_body(image, lupus))
    ReferenceIndex.create_or_update_for_object(article)

    (body,) = announced(lambda: lupus.save_revision().publish())

    assert body["id"] == lupus.pk
    assert set(body["linking_pages"]) == {article.pk, neighbour.pk}
    for path in ("/conditions/lupus/", "/conditions/", "/blog/linking/", "/conditions/ra/"):
        assert path in body["paths"]
    assert f"/api/v2/pages/{article.pk}/" in body["api_paths"]


def test_unpublish_and_move_are_announced(announced, blog):
    article = ArticlePageFactory(parent=blog, slug="moving")
    (unpublished,) = announced(article.unpublish)
    assert unpublished["action"] == "unpublish"
    assert unpublished["live"] is False
    assert "/blog/moving/" in unpublished["paths"]

    other_blog = blog.get_parent().add_child(instance=type(blog)(title="News", slug="news"))
    article.refresh_from_db()
    (moved,) = announced(lambda: article.move(other_blog, pos="last-child"))
    assert moved["action"] == "move"
    assert moved["paths"][:2] == ["/blog/moving/", "/news/moving/"]


def test_a_reorder_among_siblings_announces_nothing(announced, blog):
    first = ArticlePageFactory(parent=blog, slug="first")
    ArticlePageFactory(parent=blog, slug="second")
    assert announced(lambda: first.move(blog, pos="last-child")) == []


def test_deleting_a_live_page_announces_the_paths_it_had(announced, blog, conditions_index, image):
    lupus = ConditionPageFactory(parent=conditions_index, title="Lupus", slug="lupus")
    article = ArticlePageFactory(parent=blog, slug="linking", body=rich_body(image, lupus))
    ReferenceIndex.create_or_update_for_object(article)

    (deleted,) = announced(lupus.delete)

    assert deleted["action"] == "unpublish"  # Wagtail unpublishes a live page before deleting it
    assert deleted["id"] == lupus.pk and deleted["live"] is False
    assert deleted["paths"][:2] == ["/conditions/lupus/", "/conditions/"]
    assert deleted["linking_pages"] == [article.pk]


def test_deleting_a_draft_announces_nothing(announced, blog):
    draft = ArticlePageFactory(parent=blog, slug="draft", live=False)
    assert announced(draft.delete) == []


def test_clinic_hours_publish_names_the_pages_that_show_them(announced, blog, image):
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    article = ArticlePageFactory(
        parent=blog, slug="hours-inside", body=rich_body(image, hours=hours)
    )
    ReferenceIndex.create_or_update_for_object(article)
    ArticlePageFactory(parent=blog, slug="no-hours")

    (published,) = announced(lambda: hours.save_revision().publish())
    (unpublished,) = announced(hours.unpublish)

    assert published["action"] == "publish"
    assert published["type"] == "wagtail_neuro.ClinicHoursSnippet"
    assert published["id"] == hours.pk
    assert published["title"] == "Office Hours"
    assert published["paths"] == ["/blog/hours-inside/"]
    assert published["linking_pages"] == [article.pk]
    for path in (
        "/api/v2/clinic-hours/",
        f"/api/v2/clinic-hours/{hours.pk}/",
        "/api/v3/clinic-hours/",
        f"/api/v3/clinic-hours/{hours.pk}/",
        f"/api/v2/pages/{article.pk}/",
    ):
        assert path in published["api_paths"]
    assert unpublished["action"] == "unpublish"
    assert unpublished["live"] is False


def test_deleting_live_clinic_hours_names_the_pages_that_showed_them(announced, blog, image):
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    article = ArticlePageFactory(
        parent=blog, slug="hours-inside", body=rich_body(image, hours=hours)
    )
    ReferenceIndex.create_or_update_for_object(article)
    hours_id = hours.pk

    (deleted,) = announced(hours.delete)

    assert deleted["action"] == "unpublish" and deleted["live"] is False
    assert deleted["id"] == hours_id
    assert deleted["paths"] == ["/blog/hours-inside/"]
    assert f"/api/v2/clinic-hours/{hours_id}/" in deleted["api_paths"]


def test_deleting_draft_clinic_hours_announces_nothing(announced):
    hours = ClinicHoursSnippetFactory(name="Draft hours", live=False)
    assert announced(hours.delete) == []


def test_nothing_is_sent_before_the_transaction_commits(
    settings, receiver, blog, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = [f"{receiver.url}/revalidate"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticlePageFactory(parent=blog, live=False).save_revision().publish()
    assert len(callbacks) >= 1
    assert receiver.requests == []


def test_api_paths_name_what_is_mounted_only(settings, blog, image):
    """With v3 not mounted, the v2 URLs are still all there (page details included)."""
    settings.ROOT_URLCONF = "tests.api.rest.v2_only_urls"
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    article = ArticlePageFactory(parent=blog, body=rich_body(image, hours=hours))
    ReferenceIndex.create_or_update_for_object(article)
    payload = invalidation.build_clinic_hours_payload(hours, "publish")
    assert payload["api_paths"] == [
        "/api/v2/clinic-hours/",
        f"/api/v2/clinic-hours/{hours.pk}/",
        f"/api/v2/pages/{article.pk}/",
    ]


def test_without_receivers_a_publish_builds_no_payload(settings, conditions_index, receiver):
    """No webhook URL and no frontend cache: nothing reads a payload, so a publish does not pay
    for one (its listing and linking pages are several queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = ConditionPageFactory(parent=conditions_index, title="Lupus", slug="lupus")

    def publish_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            page.save_revision().publish()
        return len(queries)

    settings.WAGTAIL_NEURO_WEBHOOK_URLS = []
    settings.WAGTAILFRONTENDCACHE = {}
    publish_queries()  # the first publish creates what later ones reuse
    quiet = publish_queries()
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = [f"{receiver.url}/revalidate"]
    announcing = publish_queries()
    assert quiet < announcing
    assert invalidation.notify(page, "publish")["id"] == page.pk
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = []
    assert invalidation.notify(page, "publish") is None
