"""The demo ``load_demo`` builds, and ``load_demo`` run again on it (idempotence, the superuser,
the printed links, another address): built once for this module on an empty database
(``demo_site`` in ``conftest.py``), each test rolling back its own changes. ``test_load_demo.py``
runs it on other databases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from demo import content as demo
from demo.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from wagtail.models import Page, Revision, Site

from tests.example_site.demo_loading import (
    ARTICLE,
    DISEASES,
    EXPECTED_TREE,
    SPRING,
    TIPS,
    counts,
    demo_tree,
    load_demo,
    normalize,
    page_text,
    symptoms_of,
)
from wagtail_neuro.models import ArticlePage, Category, ConditionPage
from wagtail_neuro.models.clinic_hours import ClinicHoursSnippet

# ---------------------------------------------------------------- the tree


def test_builds_exactly_the_demo_tree_on_an_empty_database(demo_site):
    assert demo_tree(demo_site) == EXPECTED_TREE
    for page in demo_site.get_descendants().specific():
        assert page.live, page
        assert page.live_revision is not None, f"{page} was not published through a revision"
        assert not page.has_unpublished_changes, page


# ---------------------------------------------------------------- the article


def test_article_byline_and_blocks(demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    assert article.title == "Exploring the Connection Between Neuropathy and Autoimmune Diseases"
    assert (article.author.name, article.author.role) == ("Care Manager", "Care Manager")
    assert article.date.isoformat() == "2024-08-19"
    assert list(article.categories.all()) == []
    assert article.category_labels == ["Uncategorized"]
    assert [child.block_type for child in article.body] == [
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "condition_list",
        "heading",
        "key_points",
        "heading",
        "steps",
        "heading",
        "paragraph",
    ]
    headings = [child.value for child in article.body if child.block_type == "heading"]
    assert [h["text"] for h in headings] == [
        "What is Neuropathy?",
        "Autoimmune Diseases and Neuropathy",
        "The Mechanisms Behind Autoimmune Neuropathy",
        "Diagnosis and Management",
        "Conclusion",
    ]
    assert {h["level"] for h in headings} == {"h2"}


def test_article_links_the_five_diseases_to_their_condition_pages(demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    (condition_list,) = [c.value for c in article.body if c.block_type == "condition_list"]
    assert [item["page"].slug for item in condition_list["items"]] == DISEASES
    assert [item["name"] for item in condition_list["items"]] == [
        "Rheumatoid Arthritis (RA)",
        "Systemic Lupus Erythematosus (SLE)",
        "Guillain-Barré Syndrome (GBS)",
        "Multiple Sclerosis (MS)",
        "Sjogren’s Syndrome",
    ]


def test_article_mechanisms_steps_and_references(demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    (mechanisms,) = [c.value for c in article.body if c.block_type == "key_points"]
    assert [item["term"] for item in mechanisms["items"]] == [
        "Immune System Attack",
        "Inflammatory Processes",
        "Vascular Changes",
    ]
    (steps,) = [c.value for c in article.body if c.block_type == "steps"]
    assert [step["title"] for step in steps["steps"]] == [
        "Clinical Evaluation",
        "Electrodiagnostic Studies",
        "Laboratory Tests",
        "Imaging Studies",
    ]
    assert [(c.block_type, c.value["url"]) for c in article.references] == [
        ("citation", demo.MAYO_CLINIC_URL),
        ("citation", demo.NINDS_URL),
    ]


def test_related_posts_are_the_editor_picks(demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    assert [page.slug for page in article.get_related_articles()] == [SPRING, TIPS]
    for page in article.get_related_articles():
        assert "Read More" not in page.summary
        assert len(page.summary) <= 500


def test_the_related_posts_share_the_neuropathy_category(demo_site, client):
    category = Category.objects.get(slug="neuropathy")
    assert category.name == "Neuropathy" and category.description
    tagged = ArticlePage.objects.filter(categories=category)
    assert sorted(page.slug for page in tagged) == sorted([SPRING, TIPS])
    for slug in (SPRING, TIPS):
        assert ArticlePage.objects.get(slug=slug).category_labels == ["Neuropathy"]

    text = page_text(client.get("/blog/?category=neuropathy").content)
    assert ArticlePage.objects.get(slug=SPRING).title in text
    assert ArticlePage.objects.get(slug=ARTICLE).title not in text


# ---------------------------------------------------------------- conditions, hours, user


def test_condition_pages_symptoms_and_relations(demo_site):
    pages = {page.slug: page for page in ConditionPage.objects.all()}
    assert {page.title for page in pages.values()} == {
        "Peripheral Neuropathy",
        "Rheumatoid Arthritis",
        "Systemic Lupus Erythematosus",
        "Guillain-Barré Syndrome",
        "Multiple Sclerosis",
        "Sjögren's Syndrome",
    }
    assert symptoms_of(pages["peripheral-neuropathy"]) == [
        "Numbness",
        "Tingling",
        "Pain",
        "Weakness",
    ]
    assert symptoms_of(pages["rheumatoid-arthritis"]) == [
        "Pain",
        "Weakness",
        "Numbness in the extremities",
    ]
    assert symptoms_of(pages["guillain-barre-syndrome"]) == [
        "Rapid-onset muscle weakness",
        "Sensory loss",
    ]
    assert symptoms_of(pages["sjogrens-syndrome"]) == [
        "Burning",
        "Tingling",
        "Numbness in the limbs",
    ]
    for page in pages.values():
        assert symptoms_of(page), f"{page} has no symptom list"
        assert page.summary and len(page.summary) <= 500
    neuropathy = pages["peripheral-neuropathy"]
    assert sorted(p.slug for p in neuropathy.get_related_conditions()) == sorted(DISEASES)
    for slug in DISEASES:
        assert [p.slug for p in pages[slug].get_related_conditions()] == ["peripheral-neuropathy"]


def test_office_hours_are_published_monday_to_thursday_nine_to_five(demo_site):
    hours = ClinicHoursSnippet.objects.get(slug="office-hours")
    assert hours.name == "Office Hours"
    assert hours.timezone == "America/New_York"
    assert hours.live and hours.live_revision is not None
    weekly = {day["weekday_name"]: day["periods"] for day in hours.as_data()["weekly"]}
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday"):
        assert weekly[day] == [{"opens": "09:00", "closes": "17:00"}]
    for day in ("Friday", "Saturday", "Sunday"):
        assert weekly.get(day, []) == []


def test_demo_superuser(demo_site):
    user = get_user_model().objects.get(username=DEMO_USERNAME)
    assert user.is_superuser and user.is_staff
    assert user.check_password(DEMO_PASSWORD)


# ---------------------------------------------------------------- idempotence


def test_running_twice_changes_nothing(demo_site):
    before = counts()
    pages_before = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    output = load_demo(superuser=True)
    assert counts() == before
    assert {page.pk: page.latest_revision_id for page in Page.objects.all()} == pages_before
    assert "0 created, 0 updated" in output


def test_running_again_restores_edited_demo_content(demo_site):
    article = ArticlePage.objects.get(slug=ARTICLE)
    article.title = "Edited"
    article.save_revision().publish()
    revisions = Revision.objects.count()

    output = load_demo()

    article.refresh_from_db()
    assert article.title == "Exploring the Connection Between Neuropathy and Autoimmune Diseases"
    assert Revision.objects.count() == revisions + 1
    assert "1 updated" in output


# ---------------------------------------------------------------- rendering


def test_every_demo_page_renders_with_its_text(demo_site, client):
    for page in demo_site.get_descendants().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = page_text(response.content)
        assert page.title in text, page.url
        if isinstance(page, ConditionPage):
            assert normalize(page.summary) in text
            for symptom in symptoms_of(page):
                assert symptom in text, (page.url, symptom)
        if isinstance(page, ArticlePage):
            first_paragraph = next(c.value for c in page.body if c.block_type == "paragraph")
            assert page_text(str(first_paragraph).encode()) in text, page.url


def test_condition_index_lists_all_six_conditions(demo_site, client):
    text = page_text(client.get("/conditions/").content)
    for page in ConditionPage.objects.all():
        assert page.title in text


def test_blog_lists_the_three_articles(demo_site, client):
    text = page_text(client.get("/blog/").content)
    for page in ArticlePage.objects.all():
        assert page.title in text
        assert normalize(page.summary) in text


# ---------------------------------------------------------------- the article, word for word


def parse_article(source: str) -> dict[str, list]:
    """Split the source text into its title, paragraphs and headings, list items
    (``(term, text)`` for an item reading "Term: text") and related posts (title, excerpt)."""
    lines = source.splitlines()
    start = lines.index("SHARE") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Related Posts:"))
    blocks: list[list[str]] = [[]]
    for line in lines[start:end]:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs, items = [], []
    for block in filter(None, blocks):
        if re.match(r"\s*(\d+\.|•)\s", block[0]):
            for line in block:
                text = re.sub(r"^\s*(\d+\.|•)\s+", "", line)
                term, _, rest = text.partition(": ")
                items.append((normalize(term), normalize(rest)))
        else:
            paragraphs.append(normalize(" ".join(block)))

    related, after = [], lines[end + 1 :]
    for index, line in enumerate(after):
        if "Read More »" in line:
            excerpt = re.split(r"\s*Read More »", line)[0]
            related.append((normalize(after[index - 2]), normalize(excerpt)))
    return {
        "title": [normalize(lines[0])],
        "paragraphs": paragraphs,
        "items": items,
        "related": related,
    }


def test_article_page_contains_the_whole_source_text(demo_site, client, shared_dir: Path):
    source = (shared_dir / "content" / "neuropathy-and-autoimmune-diseases.txt").read_text()
    parts = parse_article(source)
    assert len(parts["items"]) == 5 + 3 + 4
    assert len(parts["related"]) == 2

    text = page_text(client.get(f"/blog/{ARTICLE}/").content)

    missing = [p for p in [*parts["title"], *parts["paragraphs"]] if p not in text]
    assert not missing, f"not on the page: {missing}"
    for term, rest in parts["items"]:
        pattern = re.escape(term) + r"\s*:\s*" + re.escape(rest)
        assert re.search(pattern, text), f"list item not on the page: {term}: {rest}"
    for title, excerpt in parts["related"]:
        assert title in text
        assert excerpt in text
    for byline in ("Care Manager", "August 19, 2024", "Uncategorized"):
        assert byline in text


# ---------------------------------------------------------------- running it again on the demo


def test_uses_the_default_sites_root_page_as_home(demo_site, demo_built):
    assert demo_site.pk == demo_built["welcome"]  # built under the root the database had
    assert Site.objects.get(is_default_site=True).site_name == demo.CLINIC_NAME


def test_home_model_refuses_to_replace_a_page_with_content(demo_site):
    before = counts()
    with pytest.raises(CommandError, match="will not replace"):
        load_demo("--home-model", "testapp.HomePage")
    assert counts() == before


def test_no_superuser_unless_asked_when_debug_is_off(demo_site, settings):
    get_user_model().objects.all().delete()  # the module's demo was loaded with one
    settings.DEBUG = False
    output = load_demo()
    assert not get_user_model().objects.exists()
    assert DEMO_PASSWORD not in output


def test_prints_the_site_admin_and_login(demo_site):
    output = load_demo(superuser=True)
    assert f"/blog/{ARTICLE}/" in output
    assert "/admin/" in output
    assert f"{DEMO_USERNAME} / {DEMO_PASSWORD}" in output


# ---------------------------------------------------------------- the address (make demo PORT=)


def test_the_site_answers_at_the_base_url_and_the_api_links_there(demo_site, client, settings):
    settings.ROOT_URLCONF = "tests.api.rest.urls"
    output = load_demo("--base-url", "http://127.0.0.1:8123/")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert f"http://127.0.0.1:8123/blog/{ARTICLE}/" in output
    assert "http://127.0.0.1:8123/admin/" in output
    assert ":8000" not in output

    article = Page.objects.get(slug=ARTICLE)
    detail = client.get(f"/api/v2/pages/{article.pk}/", HTTP_HOST="127.0.0.1:8123").json()
    assert detail["meta"]["html_url"] == f"http://127.0.0.1:8123/blog/{ARTICLE}/"


def test_another_port_moves_the_site_without_copying_anything(demo_site):
    load_demo("--base-url", "http://127.0.0.1:8123")
    before = counts()
    output = load_demo("--base-url", "http://127.0.0.1:8124")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8124)
    assert counts() == before
    assert "0 created, 1 updated" in output


def test_without_a_base_url_the_demo_is_at_port_8000(demo_site, settings):
    settings.WAGTAILADMIN_BASE_URL = ""
    output = load_demo()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert f"http://127.0.0.1:8000/blog/{ARTICLE}/" in output


def test_the_base_url_defaults_to_the_admin_base_url(demo_site, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://clinic.example.com"
    load_demo()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("clinic.example.com", 443)
