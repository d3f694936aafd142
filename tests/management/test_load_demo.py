"""``load_demo`` builds the demo tree from the clinic article, and running it again is a no-op."""

from __future__ import annotations

import html
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from tests.testapp.models import HomePage
from wagtail_neuro.management.commands import _demo_content as demo
from wagtail_neuro.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME
from wagtail_neuro.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedLink,
    Author,
    ConditionAlias,
    ConditionIndexPage,
    ConditionPage,
)
from wagtail_neuro.models.clinic_hours import ClinicHoursSnippet

ARTICLE = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"
SPRING = "spring-is-around-the-corner-find-relief-from-neuropathy"
TIPS = "5-tips-to-boost-your-health-and-wellness-in-february"
DISEASES = [
    "rheumatoid-arthritis",
    "systemic-lupus-erythematosus",
    "guillain-barre-syndrome",
    "multiple-sclerosis",
    "sjogrens-syndrome",
]

EXPECTED_TREE = {
    ("blog", ArticleIndexPage),
    (f"blog/{ARTICLE}", ArticlePage),
    (f"blog/{SPRING}", ArticlePage),
    (f"blog/{TIPS}", ArticlePage),
    ("conditions", ConditionIndexPage),
    ("conditions/peripheral-neuropathy", ConditionPage),
    *((f"conditions/{slug}", ConditionPage) for slug in DISEASES),
}


def load_demo(*args: str, **options) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, **options)
    return out.getvalue()


def site_home() -> Page:
    return Site.objects.get(is_default_site=True).root_page.specific


def demo_tree(home: Page) -> set[tuple[str, type]]:
    prefix = home.url_path
    return {
        (page.url_path[len(prefix) :].strip("/"), page.specific_class)
        for page in home.get_descendants()
    }


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "hours": ClinicHoursSnippet.objects.count(),
        "authors": Author.objects.count(),
        "aliases": ConditionAlias.objects.count(),
        "related links": ArticleRelatedLink.objects.count(),
        "users": get_user_model().objects.count(),
    }


def normalize(text: str) -> str:
    """Runs of whitespace (no-break spaces included) as one space."""
    return " ".join(text.split())


def page_text(content: bytes) -> str:
    """The visible text of an HTML page: tags become spaces, entities are decoded, whitespace
    is normalised."""
    return normalize(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())))


def symptoms_of(page: ConditionPage) -> list[str]:
    for child in page.body:
        if child.block_type == "section" and child.value["section"] == "symptoms":
            lists = [
                block for block in child.value["content"] if block.block_type == "symptom_list"
            ]
            return [item["name"] for block in lists for item in block.value["items"]]
    return []


@pytest.fixture
def demo_site(db):
    load_demo(superuser=True)
    return site_home()


# ---------------------------------------------------------------- the tree


def test_builds_exactly_the_demo_tree_on_an_empty_database(demo_site):
    assert demo_tree(demo_site) == EXPECTED_TREE
    for page in demo_site.get_descendants().specific():
        assert page.live, page
        assert page.live_revision is not None, f"{page} was not published through a revision"
        assert not page.has_unpublished_changes, page


def test_uses_the_default_sites_root_page_as_home(db):
    before = site_home()
    load_demo()
    assert site_home().pk == before.pk
    assert Site.objects.get(is_default_site=True).site_name == demo.CLINIC_NAME


def test_builds_under_an_existing_home_page(home):
    load_demo()
    assert site_home().pk == home.pk
    assert demo_tree(home) == EXPECTED_TREE


def test_home_model_replaces_the_empty_welcome_page(db):
    load_demo("--home-model", "testapp.HomePage")
    home = site_home()
    assert isinstance(home, HomePage)
    assert home.slug == "home" and home.live
    assert Page.objects.filter(depth=2).count() == 1
    assert demo_tree(home) == EXPECTED_TREE
    # and the second run keeps it
    before = counts()
    load_demo("--home-model", "testapp.HomePage")
    assert counts() == before


def test_home_model_refuses_to_replace_a_page_with_content(db):
    load_demo()
    with pytest.raises(CommandError, match="will not replace"):
        load_demo("--home-model", "testapp.HomePage")


def test_home_model_must_be_a_page_model(db):
    with pytest.raises(CommandError, match="not a Wagtail page model"):
        load_demo("--home-model", "wagtail_neuro.Author")


def test_refuses_a_page_of_another_type_at_a_demo_slug(home):
    home.add_child(instance=ConditionIndexPage(title="Blog", slug="blog"))
    with pytest.raises(CommandError, match="not a ArticleIndexPage"):
        load_demo()


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


def test_no_superuser_unless_asked_when_debug_is_off(db, settings):
    settings.DEBUG = False
    output = load_demo()
    assert not get_user_model().objects.exists()
    assert DEMO_PASSWORD not in output


def test_prints_the_site_admin_and_login(db):
    output = load_demo(superuser=True)
    assert f"/blog/{ARTICLE}/" in output
    assert "/admin/" in output
    assert f"{DEMO_USERNAME} / {DEMO_PASSWORD}" in output


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
