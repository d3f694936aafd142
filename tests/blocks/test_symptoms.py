import pytest
from wagtail.blocks import StructBlockValidationError

from wagtail_neuro.blocks import SymptomListBlock

block = SymptomListBlock()

RAW = {
    "heading": "Common symptoms of neuropathy",
    "intro": "Symptoms can include numbness, tingling, pain, and weakness.",
    "items": [
        {
            "name": "Numbness",
            "description": "In the feet.",
            "severity": "moderate",
            "urgent": False,
        },
        {"name": "Tingling", "description": "", "severity": "", "urgent": False},
        {"name": "Rapid-onset muscle weakness", "severity": "severe", "urgent": True},
    ],
}


def test_api():
    value = block.to_python(RAW)
    assert block.get_api_representation(value) == {
        "heading": "Common symptoms of neuropathy",
        "intro": "Symptoms can include numbness, tingling, pain, and weakness.",
        "items": [
            {
                "name": "Numbness",
                "description": "In the feet.",
                "severity": "moderate",
                "urgent": False,
            },
            {"name": "Tingling", "description": "", "severity": None, "urgent": False},
            {
                "name": "Rapid-onset muscle weakness",
                "description": "",
                "severity": "severe",
                "urgent": True,
            },
        ],
    }


def test_clean_accepts_a_valid_list():
    cleaned = block.clean(block.to_python(RAW))
    assert [item["name"] for item in cleaned["items"]] == [
        "Numbness",
        "Tingling",
        "Rapid-onset muscle weakness",
    ]


def test_at_least_one_item():
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({**RAW, "items": []}))
    assert excinfo.value.block_errors["items"].messages == ["Add at least one symptom."]


def test_all_errors_are_reported_together():
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"heading": "", "items": []}))
    assert set(excinfo.value.block_errors) == {"heading", "items"}


def test_item_name_is_required():
    raw = {**RAW, "items": [{"name": "", "severity": "mild"}]}
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(raw))
    assert "items" in excinfo.value.block_errors


def test_render():
    html = block.render(block.to_python(RAW))
    assert "<h2>Common symptoms of neuropathy</h2>" in html
    assert "<ul>" in html
    assert '<li class="symptom symptom--moderate">' in html
    assert (
        '<strong>Numbness</strong> <span class="symptom__severity">(Moderate)</span>: In the feet.'
        in html
    )
    assert '<li class="symptom symptom--severe symptom--urgent">' in html
    assert "Seek urgent care" in html
    assert html.count("Seek urgent care") == 1


def test_render_uses_h3_inside_a_section():
    html = block.render(block.to_python(RAW), context={"block_heading_level": "h3"})
    assert "<h3>Common symptoms of neuropathy</h3>" in html
