import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.models import PageViewRestriction

from tests.factories import ConditionPageFactory
from wagtail_neuro.blocks import ConditionListBlock, KeyPointsBlock, StepsBlock

RA = (
    "RA primarily affects the joints, but it can also cause neuropathy. The inflammation from "
    "RA can compress nerves or lead to a condition called rheumatoid neuropathy, which presents "
    "as pain, weakness, or numbness in the extremities."
)
SLE = (
    "Lupus can affect multiple organ systems, including the nervous system. Neuropathy in lupus "
    "patients can result from vasculitis (inflammation of blood vessels) or directly from "
    "immune-mediated damage to the nerves."
)


class TestConditionListBlock:
    block = ConditionListBlock()

    def raw(self, page=None):
        return {
            "heading": "",
            "items": [
                {"name": "Rheumatoid Arthritis (RA)", "description": RA, "page": page},
                {"name": "Systemic Lupus Erythematosus (SLE)", "description": SLE, "page": None},
            ],
        }

    @pytest.mark.django_db
    def test_api_without_pages(self):
        data = self.block.get_api_representation(self.block.to_python(self.raw()))
        assert data == {
            "heading": "",
            "items": [
                {"name": "Rheumatoid Arthritis (RA)", "description": RA, "page": None},
                {"name": "Systemic Lupus Erythematosus (SLE)", "description": SLE, "page": None},
            ],
        }

    @pytest.mark.django_db
    def test_render_matches_the_article(self):
        html = self.block.render(self.block.to_python(self.raw()))
        assert "<ol>" in html
        assert f"<li><strong>Rheumatoid Arthritis (RA):</strong> {RA}</li>" in html
        assert "<h2>" not in html  # no heading given

    @pytest.mark.django_db
    def test_live_condition_page_is_linked(self, conditions_index):
        ra = ConditionPageFactory(parent=conditions_index, title="Rheumatoid Arthritis", slug="ra")
        value = self.block.to_python(self.raw(page=ra.pk))
        data = self.block.get_api_representation(value)
        assert data["items"][0]["page"] == {
            "id": ra.pk,
            "title": "Rheumatoid Arthritis",
            "url": "/conditions/ra/",
            "type": "wagtail_neuro.ConditionPage",
        }
        html = self.block.render(value)
        assert (
            '<li><strong><a href="/conditions/ra/">Rheumatoid Arthritis (RA)</a>:</strong>' in html
        )

    @pytest.mark.django_db
    def test_unpublished_condition_page_is_not_linked(self, conditions_index):
        ra = ConditionPageFactory(parent=conditions_index, slug="ra")
        ra.unpublish()
        value = self.block.to_python(self.raw(page=ra.pk))
        assert self.block.get_api_representation(value)["items"][0]["page"] is None
        assert "/conditions/ra/" not in self.block.render(value)

    @pytest.mark.django_db
    def test_private_condition_page_is_not_linked(self, conditions_index):
        ra = ConditionPageFactory(parent=conditions_index, slug="ra")
        PageViewRestriction.objects.create(
            page=conditions_index, restriction_type=PageViewRestriction.LOGIN
        )
        value = self.block.to_python(self.raw(page=ra.pk))
        assert self.block.get_api_representation(value)["items"][0]["page"] is None
        assert "/conditions/ra/" not in self.block.render(value)

    @pytest.mark.django_db
    def test_chooser_only_offers_condition_pages(self, page, conditions_index):
        chooser = self.block.child_blocks["items"].child_block.child_blocks["page"]
        with pytest.raises(Exception, match="valid choice"):
            chooser.clean(page)
        ra = ConditionPageFactory(parent=conditions_index)
        assert chooser.clean(ra) == ra

    @pytest.mark.django_db
    def test_at_least_one_condition(self):
        with pytest.raises(StructBlockValidationError) as excinfo:
            self.block.clean(self.block.to_python({"heading": "", "items": []}))
        assert excinfo.value.block_errors["items"].messages == ["Add at least one condition."]

    @pytest.mark.django_db
    def test_description_is_required(self):
        raw = {"items": [{"name": "RA", "description": "", "page": None}]}
        with pytest.raises(StructBlockValidationError) as excinfo:
            self.block.clean(self.block.to_python(raw))
        assert "items" in excinfo.value.block_errors


class TestKeyPointsBlock:
    block = KeyPointsBlock()
    raw = {
        "heading": "The Mechanisms Behind Autoimmune Neuropathy",
        "intro": "The connection between autoimmune diseases and neuropathy involves complex "
        "mechanisms:",
        "items": [
            {"term": "Immune System Attack", "explanation": "The immune system targets nerves."},
            {"term": "Vascular Changes", "explanation": "Vasculitis can impair blood flow."},
        ],
    }

    def test_api(self):
        assert self.block.get_api_representation(self.block.to_python(self.raw)) == {
            "heading": "The Mechanisms Behind Autoimmune Neuropathy",
            "intro": self.raw["intro"],
            "items": [
                {
                    "term": "Immune System Attack",
                    "explanation": "The immune system targets nerves.",
                },
                {"term": "Vascular Changes", "explanation": "Vasculitis can impair blood flow."},
            ],
        }

    def test_render_bulleted_terms_as_in_the_article(self):
        html = self.block.render(self.block.to_python(self.raw))
        assert "<h2>The Mechanisms Behind Autoimmune Neuropathy</h2>" in html
        assert "<ul>" in html
        assert (
            "<li><strong>Immune System Attack:</strong> The immune system targets nerves.</li>"
            in html
        )

    def test_at_least_one_point(self):
        with pytest.raises(StructBlockValidationError) as excinfo:
            self.block.clean(self.block.to_python({"items": []}))
        assert excinfo.value.block_errors["items"].messages == ["Add at least one key point."]


class TestStepsBlock:
    block = StepsBlock()
    raw = {
        "heading": "Diagnosis and Management",
        "intro": "",
        "steps": [
            {"title": "Clinical Evaluation", "description": "A detailed medical history."},
            {"title": "Electrodiagnostic Studies", "description": "EMG and NCS."},
            {"title": "Laboratory Tests", "description": "Blood tests and autoimmune panels."},
            {"title": "Imaging Studies", "description": "MRI may be used."},
        ],
    }

    def test_api_numbers_the_steps(self):
        data = self.block.get_api_representation(self.block.to_python(self.raw))
        assert [(s["number"], s["title"]) for s in data["steps"]] == [
            (1, "Clinical Evaluation"),
            (2, "Electrodiagnostic Studies"),
            (3, "Laboratory Tests"),
            (4, "Imaging Studies"),
        ]
        assert data["steps"][0] == {
            "number": 1,
            "title": "Clinical Evaluation",
            "description": "A detailed medical history.",
        }
        assert data["intro"] == ""

    def test_render_ordered_list(self):
        html = self.block.render(self.block.to_python(self.raw))
        assert "<ol>" in html
        assert "<li><strong>Clinical Evaluation:</strong> A detailed medical history.</li>" in html
        assert "<p>" not in html  # no intro

    def test_at_least_one_step(self):
        with pytest.raises(StructBlockValidationError) as excinfo:
            self.block.clean(self.block.to_python({"steps": []}))
        assert excinfo.value.block_errors["steps"].messages == ["Add at least one step."]
