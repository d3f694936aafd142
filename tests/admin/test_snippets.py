"""Authors, categories and clinic hours are managed as snippets through the real admin views."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.admin.form_data import list_block, nested_form_data, rich_text, streamfield
from tests.factories import ArticlePageFactory
from wagtail_neuro.models import Author, Category, ClinicHoursSnippet

pytestmark = pytest.mark.django_db


def snippet_url(model: type, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_wagtail_neuro_{model._meta.model_name}:{action}", args=args)


def test_create_author_and_category(admin_client):
    response = admin_client.post(
        snippet_url(Author, "add"),
        {
            "name": "Care Manager",
            "slug": "",
            "role": "Care Manager",
            "credentials": "",
            "bio": rich_text(""),
        },
    )
    assert response.status_code == 302
    author = Author.objects.get()
    assert author.slug == "care-manager"

    response = admin_client.post(
        snippet_url(Category, "add"), {"name": "Neuropathy", "slug": "", "description": ""}
    )
    assert response.status_code == 302
    assert Category.objects.get().slug == "neuropathy"


def test_snippet_listings_search_and_filter(admin_client):
    Author.objects.create(name="Care Manager", role="Care Manager")
    Author.objects.create(name="Dr. Lee", role="Acupuncturist")
    response = admin_client.get(snippet_url(Author, "list"), {"q": "Lee"})
    assert response.status_code == 200
    assert b"Dr. Lee" in response.content and b"Care Manager" not in response.content

    response = admin_client.get(snippet_url(Author, "list"), {"role": "Acupuncturist"})
    assert b"Dr. Lee" in response.content and b"Care Manager" not in response.content


def test_categories_filter_by_use(admin_client, blog):
    used = Category.objects.create(name="Neuropathy", slug="neuropathy")
    Category.objects.create(name="Old Topic", slug="old-topic")
    article = ArticlePageFactory(parent=blog)
    article.categories.add(used)
    article.save()  # a parental relation is written on save

    in_use = admin_client.get(snippet_url(Category, "list"), {"in_use": "true"})
    assert in_use.status_code == 200
    assert b"Neuropathy" in in_use.content and b"Old Topic" not in in_use.content
    unused = admin_client.get(snippet_url(Category, "list"), {"in_use": "false"})
    assert b"Old Topic" in unused.content and b"Neuropathy" not in unused.content


def hours_form(name: str = "Office Hours", timezone_name: str = "America/New_York", **extra):
    periods = [
        ("period", {"weekday": str(day), "opens": "09:00", "closes": "17:00"}) for day in range(4)
    ]
    weekly = weekly_table(extra.pop("periods", periods))
    fields = {
        "name": name,
        "slug": "",
        "timezone": timezone_name,
        "exceptions": streamfield(extra.pop("exceptions", [])),
        "notes": "",
        **extra,
    }
    return {**nested_form_data(fields), **weekly}


def weekly_table(periods: list[tuple[str, dict]], field: str = "weekly_hours") -> dict:
    """The weekly-hours table's POST data for ``period`` blocks (hours_editor.WeeklyHoursWidget):
    a day without periods is ticked "Closed"; ``overnight`` ticks "closes next day"."""
    data: dict[str, str] = {}
    rows: dict[int, int] = {}
    for _type, period in periods:
        day = int(period["weekday"])
        index = rows[day] = rows.get(day, -1) + 1
        data[f"{field}-{day}-{index}-opens"] = period["opens"]
        data[f"{field}-{day}-{index}-closes"] = period["closes"]
        if period.get("overnight"):
            data[f"{field}-{day}-{index}-overnight"] = "on"
    for day in range(7):
        if day not in rows:
            data[f"{field}-{day}-closed"] = "on"
    return data


def test_publish_clinic_hours(admin_client):
    data = hours_form()
    data["action-publish"] = "action-publish"
    response = admin_client.post(snippet_url(ClinicHoursSnippet, "add"), data)
    assert response.status_code == 302, response.context["form"].errors
    hours = ClinicHoursSnippet.objects.get()
    assert hours.live
    assert hours.summary.startswith("Monday–Thursday 9 AM–5 PM")

    listing = admin_client.get(snippet_url(ClinicHoursSnippet, "list"))
    assert b"Office Hours" in listing.content


def test_save_draft_of_clinic_hours_keeps_it_unpublished(admin_client):
    response = admin_client.post(snippet_url(ClinicHoursSnippet, "add"), hours_form())
    assert response.status_code == 302
    hours = ClinicHoursSnippet.objects.get()
    assert not hours.live
    assert hours.latest_revision is not None


def test_schedule_new_hours_ahead(admin_client):
    """A clinic schedules next month's hours; the live hours stay until then."""
    data = hours_form()
    data["action-publish"] = "action-publish"
    admin_client.post(snippet_url(ClinicHoursSnippet, "add"), data)
    hours = ClinicHoursSnippet.objects.get()

    go_live = (timezone.now() + dt.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    friday = [("period", {"weekday": "4", "opens": "09:00", "closes": "13:00"})]
    data = hours_form(periods=friday, go_live_at=go_live, expire_at="")
    data["action-publish"] = "action-publish"
    response = admin_client.post(snippet_url(ClinicHoursSnippet, "edit", hours.pk), data)
    assert response.status_code == 302, response.context["form"].errors

    hours.refresh_from_db()
    assert hours.live
    assert [p.weekday for p in hours.get_schedule().weekly] == [0, 1, 2, 3]  # still the old hours
    scheduled = hours.revisions.filter(approved_go_live_at__isnull=False)
    assert scheduled.count() == 1


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (hours_form(timezone_name="Mars/Olympus_Mons"), "timezone", "Unknown time zone"),
        (
            hours_form(
                periods=[
                    ("period", {"weekday": "0", "opens": "09:00", "closes": "12:00"}),
                    ("period", {"weekday": "0", "opens": "11:00", "closes": "17:00"}),
                ]
            ),
            "weekly_hours",
            "overlap",
        ),
        (
            hours_form(periods=[("period", {"weekday": "0", "opens": "09:00", "closes": "09:00"})]),
            "weekly_hours",
            "opens and closes at",
        ),
        (
            hours_form(
                exceptions=[
                    (
                        "exception",
                        {
                            "label": "Thanksgiving",
                            "start_date": "2024-11-29",
                            "end_date": "2024-11-28",
                            "closed": "on",
                            "periods": list_block([]),
                        },
                    )
                ]
            ),
            "exceptions",
            "before",
        ),
    ],
)
def test_invalid_clinic_hours_are_refused_naming_the_field(admin_client, form, field, message):
    form["action-publish"] = "action-publish"
    response = admin_client.post(snippet_url(ClinicHoursSnippet, "add"), form)
    assert response.status_code == 200, "invalid hours were saved"
    errors = response.context["form"].errors
    assert field in errors
    text = " ".join(
        json.dumps(e.as_json_data()) if hasattr(e, "as_json_data") else " ".join(e.messages)
        for e in errors[field].as_data()
    )
    assert message.lower() in text.lower()
    assert not ClinicHoursSnippet.objects.exists()


def test_preview_an_unsaved_author(admin_client):
    """The admin previews the author card before the editor saves anything."""
    url = snippet_url(Author, "preview_on_add")
    data = nested_form_data(
        {
            "name": "Dr. Amy Lee",
            "slug": "",
            "role": "Acupuncturist",
            "credentials": "L.Ac.",
            "photo": "",
            "bio": rich_text("<p>Twenty years of integrative care.</p>"),
        }
    )
    posted = admin_client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Dr. Amy Lee, L.Ac." in html
    assert "Acupuncturist" in html and "Twenty years of integrative care." in html
    assert not Author.objects.exists()


def test_preview_a_category_with_its_public_articles(admin_client, blog):
    category = Category.objects.create(name="Neuropathy")
    public = ArticlePageFactory(parent=blog, title="Spring relief")
    draft = ArticlePageFactory(parent=blog, title="Secret draft")
    for article in (public, draft):
        article.categories.add(category)
        article.save()
    draft.unpublish()

    url = snippet_url(Category, "preview_on_edit", category.pk)
    data = nested_form_data({"name": "Neuropathy", "slug": "neuropathy", "description": "Nerves."})
    assert admin_client.post(url, data).json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Neuropathy" in html and "Nerves." in html
    assert "Spring relief" in html and "Secret draft" not in html
