"""``article`` and ``articles``: the contract queries for health articles."""

from __future__ import annotations

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory

from .conftest import make_article

pytestmark = pytest.mark.django_db

ARTICLE = """
query ($slug: String) {
  article(slug: $slug) {
    id title slug url summary date readingTime categoryLabels
    author { name credentials photo { url alt renditions { name url width height } } }
    categories { name slug }
    tags { name }
    heroImage { id alt width renditions { name width height } rendition(name: "thumbnail") { url } }
    body {
      __typename ... on StreamFieldInterface { blockType }
      ... on HeadingBlock { text level anchor }
      ... on ParagraphBlock { value }
      ... on SymptomListBlock { heading intro items { name description severity urgent } }
      ... on ConditionListBlock { heading items { name description page { id title url } } }
      ... on ClinicHoursBlock { heading clinicHours { name summary isOpenNow } }
      ... on CallToActionBlock { heading buttonLabel url }
      ... on CaptionedImageBlock { caption image { alt } }
      ... on StepsBlock { steps { number title } }
    }
    references {
      ... on ReferenceCitationBlock { number title url source authors doi doiUrl pmid formatted }
    }
    relatedArticles { title }
  }
}
"""


def test_article_by_slug_has_its_blocks_links_and_references(gql, article, blog):
    other = make_article(blog, title="Living with neuropathy", tags=("neuropathy",))
    data = gql.data(ARTICLE, {"slug": "autoimmune-neuropathy"})["article"]

    assert data["title"] == "Autoimmune neuropathy"
    assert data["url"] == "/blog/autoimmune-neuropathy/"
    assert data["author"]["name"] == "Care Manager"
    assert data["categories"] == [{"name": "Neuropathy", "slug": "neuropathy"}]
    assert data["tags"] == [{"name": "neuropathy"}]
    assert {r["name"] for r in data["heroImage"]["renditions"]} == {"thumbnail", "medium", "large"}
    assert data["heroImage"]["rendition"]["url"]

    by_type = {block["__typename"]: block for block in data["body"]}
    assert by_type["HeadingBlock"]["anchor"] == "what-is-neuropathy"
    assert by_type["ParagraphBlock"]["value"] == "<p>Neuropathy affects the <b>nerves</b>.</p>"
    assert [s["name"] for s in by_type["SymptomListBlock"]["items"]] == ["Numbness", "Tingling"]
    linked = by_type["ConditionListBlock"]["items"]
    assert len(linked) == 5
    assert all(item["page"]["url"].startswith("/conditions/") for item in linked)
    assert by_type["ClinicHoursBlock"]["clinicHours"]["name"] == "Office Hours"
    assert by_type["CallToActionBlock"]["url"] == "https://example.com/book"
    assert by_type["CaptionedImageBlock"]["image"]["alt"] == "A nerve diagram"
    assert [s["number"] for s in by_type["StepsBlock"]["steps"]] == [1, 2]

    references = data["references"]
    assert [r["number"] for r in references] == [1, 2]
    assert references[0]["doiUrl"] == "https://doi.org/10.1056/NEJMra1514325"
    assert references[0]["authors"] == ["Smith J", "Doe A"]
    assert "Mayo Clinic" in references[0]["formatted"]
    assert data["relatedArticles"] == [{"title": other.title}]


@pytest.mark.parametrize("key", ["id", "urlPath"])
def test_article_by_id_or_url_path(gql, article, key):
    value = str(article.pk) if key == "id" else "/blog/autoimmune-neuropathy/"
    data = gql.data(f'{{ article({key}: "{value}") {{ title }} }}')
    assert data["article"] == {"title": "Autoimmune neuropathy"}


def test_article_without_arguments_is_an_error(gql, article):
    body = gql("{ article { title } }")
    assert body["errors"][0]["message"] == "Give one of id, slug or urlPath."


def test_articles_filters_by_tag_category_author_and_search(gql, blog):
    nurse = AuthorFactory(name="Nurse", slug="nurse")
    make_article(blog, title="Neuropathy basics", tags=("neuropathy",), category="Neuropathy")
    make_article(blog, title="Sleep well", tags=("wellness",), category="Wellness", author=nurse)

    def titles(arguments: str) -> list[str]:
        return [
            a["title"] for a in gql.data(f"{{ articles({arguments}) {{ title }} }}")["articles"]
        ]

    assert titles('tag: "wellness"') == ["Sleep well"]
    assert titles('category: "neuropathy"') == ["Neuropathy basics"]
    assert titles('author: "nurse"') == ["Sleep well"]
    assert titles('search: "sleep"') == ["Sleep well"]
    assert titles('tag: "unknown"') == []


def test_articles_order_limit_and_offset(gql, blog):
    for title in ["B", "A", "C"]:
        make_article(blog, title=title)

    def titles(arguments: str) -> list[str]:
        return [
            a["title"] for a in gql.data(f"{{ articles({arguments}) {{ title }} }}")["articles"]
        ]

    assert titles("limit: 10") == ["C", "A", "B"]  # newest date first
    assert titles('order: "title"') == ["A", "B", "C"]
    assert titles('order: "-title", limit: 1, offset: 1') == ["B"]


def test_articles_refuses_orders_outside_the_whitelist(gql, blog):
    make_article(blog, title="A")
    body = gql('{ articles(order: "owner__password") { title } }')
    message = body["errors"][0]["message"]
    assert message.startswith("Cannot order by 'owner__password'")
    assert "password" not in message.split("Use one of")[1]


@pytest.mark.parametrize("url_path", ["/", "neuropathy/", "/autoimmune-neuropathy/", "/blog/"])
def test_article_url_path_must_match_the_whole_path(gql, article, url_path):
    assert gql.data(f'{{ article(urlPath: "{url_path}") {{ title }} }}')["article"] is None


@pytest.mark.parametrize("url_path", ["/blog/autoimmune-neuropathy", "blog/autoimmune-neuropathy/"])
def test_article_url_path_slashes_are_optional(gql, article, url_path):
    data = gql.data(f'{{ article(urlPath: "{url_path}") {{ title }} }}')
    assert data["article"] == {"title": "Autoimmune neuropathy"}


@pytest.mark.parametrize("order", ["slug", "foo", "title,-name"])
def test_articles_order_errors_name_the_fields_articles_accepts(gql, blog, order):
    make_article(blog, title="A")
    message = gql(f'{{ articles(order: "{order}") {{ title }} }}')["errors"][0]["message"]
    assert message.endswith(
        "Use one of: date, title, first_published_at, last_published_at "
        "(prefix with - for descending, separate several with commas)."
    )


def test_listed_articles_bios_and_parents_are_each_their_own(gql, blog, conditions):
    """``bio`` and ``parent`` are worked out once for a whole listing: each article still gets
    its own, and a bio's link to a page the public may not see keeps its text, not its URL."""
    draft = ArticlePageFactory(parent=blog, title="Draft", slug="draft", live=False)
    for n, target in enumerate([conditions[0], draft, conditions[1]]):
        bio = f'<p>Bio {n} <a linktype="page" id="{target.pk}">link</a></p>'
        make_article(blog, title=f"Article {n}", author=AuthorFactory(name=f"A{n}", bio=bio))

    query = '{ articles(order: "title") { title parent { title } author { bio } } }'
    articles = gql.data(query)["articles"]

    assert [a["parent"] for a in articles] == [{"title": blog.title}] * 3
    bios = [a["author"]["bio"] for a in articles]
    assert bios[0] == f'<p>Bio 0 <a href="{conditions[0].url}">link</a></p>'
    assert bios[1] == "<p>Bio 1 <a>link</a></p>"
    assert bios[2] == f'<p>Bio 2 <a href="{conditions[1].url}">link</a></p>'
