import html
import re

import pytest
from django.utils.html import strip_tags
from wagtail.blocks import StreamBlockValidationError

from tests.blocks.article import (
    article_body,
    body_lines,
    call_to_action,
    read_article,
    reference_urls,
)
from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.blocks import (
    ArticleBodyBlock,
    ConditionBodyBlock,
    ConditionSectionBlock,
    ReferencesBlock,
)


def section(kind, heading="", content=None):
    return {
        "type": "section",
        "value": {
            "section": kind,
            "heading": heading,
            "content": content
            if content is not None
            else [{"type": "paragraph", "value": f"<p>About {kind}.</p>"}],
        },
    }


def plain_text(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(strip_tags(markup))).strip()


class TestArticleBodyBlock:
    def test_child_blocks(self):
        assert list(ArticleBodyBlock().child_blocks) == [
            "heading",
            "paragraph",
            "image",
            "quote",
            "embed",
            "symptom_list",
            "condition_list",
            "key_points",
            "steps",
            "call_to_action",
            "clinic_hours",
        ]

    def test_renders_children_without_wrappers(self):
        block = ArticleBodyBlock()
        value = block.to_python([{"type": "paragraph", "value": "<p>Hi</p>"}])
        assert block.render(value).strip() == "<p>Hi</p>"


@pytest.mark.django_db
class TestTheRealArticle:
    """The article from ../shared expressed with the blocks, end to end."""

    @pytest.fixture
    def lines(self, shared_dir):
        return read_article(shared_dir)

    @pytest.fixture
    def body(self, lines):
        block = ArticleBodyBlock()
        hours = ClinicHoursSnippetFactory(name="Office Hours")
        raw = [
            *article_body(lines),
            call_to_action(lines),
            {
                "type": "clinic_hours",
                "value": {"heading": "Office Hours", "clinic_hours": hours.pk},
            },
        ]
        return block, block.clean(block.to_python(raw))

    def test_structure(self, body):
        block, value = body
        types = [child.block_type for child in value]
        assert types == [
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
            "call_to_action",
            "clinic_hours",
        ]
        api = block.get_api_representation(value)
        conditions = api[5]["value"]["items"]
        assert [c["name"] for c in conditions] == [
            "Rheumatoid Arthritis (RA)",
            "Systemic Lupus Erythematosus (SLE)",
            "Guillain-Barré Syndrome (GBS)",
            "Multiple Sclerosis (MS)",
            "Sjogren’s Syndrome",
        ]
        assert [p["term"] for p in api[7]["value"]["items"]] == [
            "Immune System Attack",
            "Inflammatory Processes",
            "Vascular Changes",
        ]
        assert api[7]["value"]["intro"].startswith("The connection between autoimmune")
        assert [(s["number"], s["title"]) for s in api[9]["value"]["steps"]] == [
            (1, "Clinical Evaluation"),
            (2, "Electrodiagnostic Studies"),
            (3, "Laboratory Tests"),
            (4, "Imaging Studies"),
        ]
        assert api[1]["value"]["anchor"] == "what-is-neuropathy"
        assert api[12]["value"]["button_label"] == "Book appointment"
        assert api[13]["value"]["clinic_hours"]["summary"].startswith("Monday")

    def test_every_line_of_the_article_is_rendered(self, body, lines):
        block, value = body
        rendered = plain_text(block.render(value))
        for line in body_lines(lines):
            text = re.sub(r"^(\d+\.|•)\s+", "", line)
            assert plain_text(text) in rendered, text

    def test_ordered_and_bulleted_lists(self, body):
        block, value = body
        markup = block.render(value)
        assert markup.count("<ol>") == 2  # the conditions and the diagnosis steps
        assert markup.count("<ul>") == 1  # the mechanisms
        assert "<strong>Immune System Attack:</strong> In autoimmune" in markup
        assert "<strong>Rheumatoid Arthritis (RA):</strong> RA primarily" in markup

    def test_references(self, lines):
        block = ReferencesBlock()
        raw = [{"type": "citation", "value": {"url": url}} for url in reference_urls(lines)]
        value = block.clean(block.to_python(raw))
        api = block.get_api_representation(value)
        assert [(r["number"], r["value"]["formatted"]) for r in api] == [
            (
                1,
                "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105",
            ),
            (2, "https://www.ninds.nih.gov/Disorders/All-Disorders/Neuropathy-Information-Page"),
        ]


class TestConditionSectionBlock:
    block = ConditionSectionBlock()

    def test_heading_defaults_to_the_section_label(self):
        value = self.block.to_python(section("when_to_seek_care")["value"])
        data = self.block.get_api_representation(value)
        assert data == {
            "section": "when_to_seek_care",
            "heading": "When to seek care",
            "anchor": "when-to-seek-care",
            "content": [
                {"type": "paragraph", "value": "<p>About when_to_seek_care.</p>", "id": None}
            ],
        }

    def test_custom_heading(self):
        value = self.block.to_python(section("overview", "What is Neuropathy?")["value"])
        data = self.block.get_api_representation(value)
        assert (data["heading"], data["anchor"]) == ("What is Neuropathy?", "what-is-neuropathy")

    def test_render_nests_headings_under_the_section(self):
        content = [
            {
                "type": "symptom_list",
                "value": {"heading": "Common symptoms", "items": [{"name": "Numbness"}]},
            }
        ]
        html_ = self.block.render(self.block.to_python(section("symptoms", "", content)["value"]))
        assert '<section id="symptoms" class="condition-section condition-section--symptoms">' in (
            html_
        )
        assert "<h2>Symptoms</h2>" in html_
        assert "<h3>Common symptoms</h3>" in html_

    def test_content_blocks(self):
        assert list(self.block.child_blocks["content"].child_blocks) == [
            "paragraph",
            "image",
            "quote",
            "embed",
            "symptom_list",
            "key_points",
            "steps",
            "call_to_action",
        ]

    def test_section_choices(self):
        choices = [c[0] for c in self.block.child_blocks["section"].field.choices if c[0]]
        assert choices == [
            "overview",
            "symptoms",
            "causes",
            "risk_factors",
            "diagnosis",
            "treatment",
            "when_to_seek_care",
            "other",
        ]


class TestConditionBodyBlock:
    block = ConditionBodyBlock()

    def clean(self, raw):
        return self.block.clean(self.block.to_python(raw))

    def test_distinct_sections_are_fine(self):
        value = self.clean(
            [section("overview"), section("symptoms"), section("other"), section("other")]
        )
        assert len(value) == 4

    def test_same_section_twice_is_refused(self):
        with pytest.raises(StreamBlockValidationError) as excinfo:
            self.clean([section("symptoms"), section("overview"), section("symptoms")])
        error = excinfo.value
        assert [e.message for e in error.non_block_errors.as_data()] == [
            "The Symptoms section appears twice; merge them into one."
        ]
        # the repeat is marked on its section field, the first one is left alone
        assert list(error.block_errors) == [2]
        assert error.block_errors[2].block_errors["section"].messages == [
            "The Symptoms section appears twice; merge them into one."
        ]
        assert error.as_json_data()["messages"] == [
            "The Symptoms section appears twice; merge them into one."
        ]

    def test_three_times(self):
        with pytest.raises(StreamBlockValidationError) as excinfo:
            self.clean([section("risk_factors")] * 3)
        assert excinfo.value.non_block_errors.as_data()[0].message == (
            "The Risk factors section appears 3 times; merge them into one."
        )
        assert sorted(excinfo.value.block_errors) == [1, 2]

    def test_child_errors_are_reported_with_duplicates(self):
        bad_cta = {"type": "call_to_action", "value": {"heading": "", "button_label": "Book"}}
        with pytest.raises(StreamBlockValidationError) as excinfo:
            self.clean([section("causes"), bad_cta, section("causes")])
        assert sorted(excinfo.value.block_errors) == [1, 2]
        assert len(excinfo.value.non_block_errors) == 1

    def test_api(self):
        value = self.block.to_python(
            [section("diagnosis"), {"type": "paragraph", "value": "<p>x</p>"}]
        )
        data = self.block.get_api_representation(value)
        assert data[0]["type"] == "section"
        assert data[0]["value"]["heading"] == "Diagnosis"
        assert data[1] == {"type": "paragraph", "value": "<p>x</p>", "id": None}
