"""Output safety: one URL rule and one HTML allow-list, applied when content leaves.

Content saved past the editor (the ORM here, an importer or a migration in real life) is
rendered through the page template, REST v2, REST v3, GraphQL and the admin's author preview;
no script, event handler or ``javascript:``-like URL may come out of any of them. The rule
itself is property-tested against a model of how browsers read a URL, written independently
of :mod:`wagtail_neuro.safety`.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import RequestFactory
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls as http_urls

from tests.factories import ArticlePageFactory, AuthorFactory
from wagtail_neuro.safety import safe_url, sanitise_html

ALLOWED = {"http", "https", "mailto", "tel"}
DANGEROUS = ["javascript", "vbscript", "data", "file", "blob", "livescript", "jar"]


# ---------------------------------------------------------------- an independent URL oracle


def browser_scheme(url: str) -> str | None:
    """The scheme a browser would see in an ``href`` whose decoded value is ``url``: WHATWG
    strips leading/trailing C0 controls and spaces and every tab and newline; a scheme is an
    ASCII letter followed by letters, digits, ``+``, ``-`` or ``.`` up to a colon."""
    url = url.strip("".join(chr(c) for c in range(0x21)))
    url = re.sub("[\t\n\r]", "", url)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match.group(1).lower() if match else None


def reachable_schemes(url: str) -> set[str]:
    """Schemes ``url`` could turn into when a consumer decodes it once more (entities and
    percent-escapes, as a frontend that builds an ``href`` by hand might), to three levels."""
    seen, current = set(), url
    for _ in range(3):
        scheme = browser_scheme(current)
        if scheme:
            seen.add(scheme)
        current = unquote(html.unescape(current))
    return seen


def assert_safe_url(url: Any, where: str) -> None:
    if url in (None, ""):
        return
    assert isinstance(url, str), where
    assert reachable_schemes(url) <= ALLOWED, f"{where}: {url!r}"


# ---------------------------------------------------------------- obfuscations


def entity(char: str, style: int) -> str:
    return [f"&#{ord(char)};", f"&#x{ord(char):x};", f"&#0000{ord(char)}", char][style % 4]


@st.composite
def disguised(draw: Any, scheme: str) -> str:
    """``scheme:alert(1)`` disguised as an attacker would: mixed case, controls or whitespace
    between letters, entity- or percent-encoded letters, leading junk."""
    out = draw(st.sampled_from(["", " ", "\x00", "\t", "\n ", "\x01\x1f"]))
    for char in scheme + ":":
        how = draw(st.integers(0, 5))
        if how == 0:
            char = char.upper()
        elif how == 1:
            char = entity(char, draw(st.integers(0, 3)))
        elif how == 2 and char != ":":
            char = f"%{ord(char):02x}"
        elif how == 3 and char == ":":
            char = draw(st.sampled_from(["&colon;", "&#58;", "%3a", ":"]))
        out += char
        out += draw(st.sampled_from(["", "", "", "\t", "\n", "\r", "\x00", "\u200b"]))
    return out + "alert(document.domain)"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DANGEROUS).flatmap(disguised))
@example("JaVaScRiPt:alert(1)")
@example("java\tscript:alert(1)")
@example("&#106;avascript:alert(1)")
@example("%6aavascript:alert(1)")
@example("javascript&colon;alert(1)")
@example("&amp;#106;avascript:alert(1)")
@example("\x00 javascript:alert(1)")
@example("ｊａｖａｓｃｒｉｐｔ:alert(1)")
@example("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")
def test_every_disguise_of_a_dangerous_scheme_is_dropped(url):
    assert safe_url(url) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_whatever_is_kept_has_an_allowed_scheme_or_none(text):
    kept = safe_url(text)
    if kept is not None:
        assert_safe_url(kept, "safe_url output")


@settings(max_examples=100, deadline=None)
@given(http_urls())
def test_http_urls_are_kept_as_written(url):
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "/conditions/lupus/",
        "#ref-1",
        "?tag=neuropathy",
        "//cdn.example.com/a.pdf",
        "mailto:care@example.com",
        "tel:+1-828-555-0100",
        "HTTPS://Example.com/Book",
        "https://example.com/search?q=a:b&next=javascript:x",  # a query is not a scheme
    ],
)
def test_legitimate_urls_are_kept(url):
    assert safe_url(url) == url


# ---------------------------------------------------------------- the HTML allow-list


class Collector(HTMLParser):
    """Tags, attributes and script bodies of an HTML string, as a browser tokenises them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None and self._in_script.get("type") != "application/ld+json":
            self.scripts.append(data)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "poster", "data", "xlink:href"}


def assert_safe_html(markup: str, where: str) -> None:
    parser = Collector()
    parser.feed(markup)
    for tag, attrs in parser.tags:
        if tag == "script":
            # only the page's own JSON-LD (a data block, never executed) may be there
            assert attrs.get("type") == "application/ld+json", f"{where}: <script {attrs}>"
        # a frame only of an https player (an empty one shows nothing)
        assert tag not in {"object", "embed"}, f"{where}: <{tag} {attrs}>"
        assert tag != "iframe" or browser_scheme(attrs.get("src") or "https:") == "https", where
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}={value!r}>"
            assert name not in {"srcdoc", "style"} or tag == "div", f"{where}: {tag} {name}"
            if name in URL_ATTRIBUTES:
                assert_safe_url(value, f"{where}: <{tag} {name}>")
    assert not parser.scripts, f"{where}: {parser.scripts}"
    assert "alert(" not in " ".join(v or "" for _t, a in parser.tags for v in a.values()), where


HOSTILE_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="&#106;avascript:alert(3)">entity</a>',
    '<a href="JaVaScRiPt:alert(4)">mixed case</a>',
    '<a href="java&#x09;script:alert(5)">tab</a>',
    '<a href=" javascript&colon;alert(6)">colon entity</a>',
    '<svg onload="alert(7)"><a xlink:href="javascript:alert(8)">svg</a></svg>',
    '<iframe src="javascript:alert(9)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(10)&lt;/script&gt;"></iframe>',
    '<p style="background:url(javascript:alert(11))" onclick="alert(12)">styled</p>',
    '<form action="javascript:alert(13)"><button formaction="javascript:alert(14)">go</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(15)">',
    '<object data="data:text/html,&lt;script&gt;alert(16)&lt;/script&gt;"></object>',
    "<!--><script>alert(17)</script>-->",
    '<a href="%6Aavascript:alert(18)">percent</a>',
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*HOSTILE_FRAGMENTS, "<p>text</p>", "<b>", "</a>", "x"]), max_size=8)
)
def test_sanitised_html_never_carries_a_script(fragments):
    assert_safe_html(sanitise_html("".join(fragments)), "sanitise_html")


def test_wagtails_legitimate_output_is_kept():
    legit = (
        '<p data-block-key="k1">See <a href="/conditions/lupus/">lupus</a> and '
        '<a href="https://www.ninds.nih.gov/" target="_blank" rel="noopener noreferrer">NINDS</a>'
        ', write to <a href="mailto:care@example.com">us</a>.</p>'
        '<img alt="Nerves" class="richtext-image left" height="300" src="/media/images/n.jpg" '
        'width="500">'
        '<div class="responsive-object" style="padding-bottom: 56.25%;">'
        '<iframe width="200" height="113" src="https://www.youtube.com/embed/Y8oAqm9bnTc" '
        'frameborder="0" allowfullscreen title="Video"></iframe></div>'
        "<h2>Symptoms</h2><ul><li><b>Numbness</b></li></ul><ol><li><i>Tingling</i></li></ol>"
    )
    cleaned = sanitise_html(legit)
    for kept in (
        'href="/conditions/lupus/"',
        'target="_blank" rel="noopener noreferrer"',
        'href="mailto:care@example.com"',
        'class="richtext-image left"',
        'src="https://www.youtube.com/embed/Y8oAqm9bnTc"',
        'style="padding-bottom:56.25%"',
        'data-block-key="k1"',
        "<h2>Symptoms</h2>",
        "<b>Numbness</b>",
    ):
        assert kept in cleaned, kept


# ---------------------------------------------------------------- a hostile page, stored by the ORM

PARAGRAPH = "<p>Intro." + "".join(HOSTILE_FRAGMENTS) + "</p>"
BODY = [
    {"type": "paragraph", "value": PARAGRAPH},
    {
        "type": "call_to_action",
        "value": {
            "heading": "Book",
            "text": "",
            "button_label": "Book appointment",
            "link_page": None,
            "link_url": "java\tscript:alert('cta')",
        },
    },
    {
        "type": "call_to_action",
        "value": {
            "heading": "Book again",
            "text": "",
            "button_label": "Book",
            "link_page": None,
            "link_url": "&#106;avascript:alert('cta2')",
        },
    },
]
REFERENCES = [
    {
        "type": "citation",
        "value": {
            "title": "Hostile source",
            "url": "JaVaScRiPt:alert('citation')",
            "source": "Nowhere",
            "authors": "",
            "publication_date": None,
            "accessed_date": None,
            "doi": "",
            "pmid": "",
        },
    },
    {
        "type": "citation",
        "value": {
            "title": "Good source",
            "url": "https://www.mayoclinic.org/neuropathy",
            "source": "Mayo Clinic",
            "authors": "",
            "publication_date": None,
            "accessed_date": None,
            "doi": "",
            "pmid": "",
        },
    },
]


@pytest.fixture(autouse=True)
def all_routes(settings):
    settings.ROOT_URLCONF = "tests.security.hostile_urls"


@pytest.fixture
def hostile_article(blog):
    blog.intro = "<p>Blog" + "".join(HOSTILE_FRAGMENTS) + "</p>"
    blog.save_revision().publish()
    author = AuthorFactory(
        name="Mallory", bio="<p onclick='alert(1)'>Bio<script>alert(2)</script></p>"
    )
    page = ArticlePageFactory(
        parent=blog,
        title="Hostile",
        author=author,
        body=json.dumps(BODY),
        references=json.dumps(REFERENCES),
    )
    page.save_revision().publish()
    # past the model's own validation too (Page.save runs full_clean)
    type(page).objects.filter(pk=page.pk).update(canonical_url="JAVASCRIPT:alert('canonical')")
    page.refresh_from_db()
    return page


def walk(data: Any, where: str = "$") -> None:
    """Check every string of an API answer: URL-ish keys hold safe URLs, HTML holds no script."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key.lower() in {
                "url",
                "href",
                "link",
                "html_url",
                "canonical_url",
                "urltemplate",
            }:
                assert_safe_url(value, f"{where}.{key}")
            walk(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            walk(item, f"{where}[{index}]")
    elif isinstance(data, str):
        if data.lstrip().startswith(("{", "[")):  # rawValue: JSON inside a string
            with contextlib.suppress(ValueError):
                walk(json.loads(data), f"{where}<json>")
        if "<" in data:
            assert_safe_html(data, where)
        assert "alert(" not in data or "<" not in data, f"{where}: {data!r}"


@pytest.mark.django_db
def test_the_page_template_renders_no_script(client, hostile_article):
    response = client.get(hostile_article.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert_safe_html(page, "article page")
    assert "Intro." in page and "Good source" in page  # the harmless content is still there
    assert 'href="https://www.mayoclinic.org/neuropathy"' in page
    # the hostile canonical URL gives way to the page's own
    assert f'<link rel="canonical" href="{hostile_article.full_url}">' in page
    blog = client.get(hostile_article.get_parent().url).content.decode()
    assert_safe_html(blog, "blog index page")


@pytest.mark.django_db
@pytest.mark.parametrize("api", ["v2", "v3"])
def test_rest_sends_no_script_and_no_javascript_url(client, hostile_article, api):
    for page in (hostile_article, hostile_article.get_parent()):
        response = client.get(f"/api/{api}/pages/{page.pk}/")
        assert response.status_code == 200, response.content
        walk(response.json())
    body = client.get(f"/api/{api}/pages/{hostile_article.pk}/").json()
    ctas = [block for block in body["body"] if block["type"] == "call_to_action"]
    assert [block["value"]["url"] for block in ctas] == [None, None]
    references = [ref["value"]["url"] for ref in body["references"]]
    assert references == ["", "https://www.mayoclinic.org/neuropathy"]
    assert "Bio" in body["author"]["bio"] and "<script" not in body["author"]["bio"]


GRAPHQL = """
query ($id: ID, $blog: ID) {
  page(id: $id) {
    ... on ArticlePage {
      author { bio }
      body { ... on StreamFieldInterface { rawValue } ... on ParagraphBlock { value } ... on CallToActionBlock { url } }
      references { ... on StreamFieldInterface { rawValue } ... on ReferenceCitationBlock { url formatted } }
    }
  }
  blog: page(id: $blog) { ... on ArticleIndexPage { intro } }
}
"""


@pytest.mark.django_db
def test_graphql_sends_no_script_and_no_javascript_url(client, hostile_article):
    response = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": GRAPHQL,
                "variables": {"id": hostile_article.pk, "blog": hostile_article.get_parent().pk},
            }
        ),
        content_type="application/json",
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    walk(body["data"])
    page = body["data"]["page"]
    assert [block.get("url") for block in page["body"] if "url" in block] == [None, None]
    assert page["references"][0]["url"] == ""
    assert "Bio" in page["author"]["bio"] and "<script" not in page["author"]["bio"]
    assert "Blog" in body["data"]["blog"]["intro"]


@pytest.mark.django_db
def test_the_admin_author_preview_renders_no_script(hostile_article):
    author = hostile_article.author
    request = RequestFactory().get("/admin/snippets/")
    response = author.serve_preview(request, author.default_preview_mode)
    markup = response.render().content.decode() if hasattr(response, "render") else ""
    markup = markup or response.content.decode()
    assert "Mallory" in markup and "Bio" in markup
    assert_safe_html(markup, "author preview")
