"""``condition`` and ``conditions``: condition pages with their symptoms."""

from __future__ import annotations

import pytest

from .conftest import make_condition

pytestmark = pytest.mark.django_db

CONDITION = """
query ($slug: String) {
  condition(slug: $slug) {
    title summary alsoKnownAs icd10Codes { code description }
    body {
      ... on ConditionSectionBlock {
        section heading anchor
        content {
          ... on ParagraphBlock { value }
          ... on SymptomListBlock { heading items { name severity urgent } }
        }
      }
    }
    relatedConditions { title }
  }
}
"""


def test_condition_has_sections_symptoms_codes_and_related(gql, conditions):
    lupus, arthritis = conditions[1], conditions[0]
    lupus.related_conditions.add(arthritis)
    lupus.save_revision().publish()

    data = gql.data(CONDITION, {"slug": lupus.slug})["condition"]

    assert data["alsoKnownAs"] == ["Lupus"]
    assert data["icd10Codes"] == [{"code": "M32.9", "description": "Systemic lupus erythematosus"}]
    overview, symptoms = data["body"]
    assert overview["section"] == "overview"
    assert overview["heading"] == "Overview"
    assert overview["content"] == [{"value": "<p>Systemic Lupus Erythematosus overview.</p>"}]
    assert symptoms["anchor"] == "symptoms"
    assert [s["name"] for s in symptoms["content"][0]["items"]] == ["Numbness", "Tingling"]
    assert data["relatedConditions"] == [{"title": arthritis.title}]
    # related both ways
    back = gql.data(CONDITION, {"slug": arthritis.slug})["condition"]["relatedConditions"]
    assert back == [{"title": lupus.title}]


def test_conditions_are_listed_a_to_z_and_filtered_by_symptom_and_search(gql, conditions_index):
    make_condition(conditions_index, "Migraine", symptoms=["Headache", "Nausea"])
    make_condition(conditions_index, "Carpal Tunnel", symptoms=["Numbness"])
    make_condition(conditions_index, "Bell's Palsy", symptoms=["Facial weakness"])

    def titles(arguments: str = "") -> list[str]:
        query = f"{{ conditions{arguments} {{ title }} }}"
        return [c["title"] for c in gql.data(query)["conditions"]]

    assert titles() == ["Bell's Palsy", "Carpal Tunnel", "Migraine"]
    assert titles('(symptom: "numbness")') == ["Carpal Tunnel"]
    assert titles('(symptom: "numb")') == []  # a whole symptom name, as in REST
    assert titles('(symptom: "HEADACHE")') == ["Migraine"]
    assert titles('(search: "migraine")') == ["Migraine"]
    assert titles("(limit: 1, offset: 1)") == ["Carpal Tunnel"]


def test_conditions_limit_is_capped(gql, conditions_index, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT = 2
    for name in "ABC":
        make_condition(conditions_index, name)
    assert len(gql.data("{ conditions(limit: 50) { title } }")["conditions"]) == 2
