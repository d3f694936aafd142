"""ConditionPage and ConditionIndexPage: A–Z, related both ways, ICD-10 codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import ConditionPageFactory
from wagtail_neuro.models import ConditionCode, ConditionPage, ConditionRelatedLink
from wagtail_neuro.models.conditions import index_letter, validate_icd10

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["G35", "G62.9", "M35.00", "M05.79", "g61.0", " M32.9 "])
def test_valid_icd10_codes(code):
    validate_icd10(code)


@pytest.mark.parametrize("code", ["", "G6", "62.9", "G62-9", "G62.", "G62.12345", "GG2.9", "G62 9"])
def test_invalid_icd10_codes_say_what_to_enter(code):
    with pytest.raises(ValidationError, match=r"e\.g\. G62\.9"):
        validate_icd10(code)


@given(st.from_regex(r"\A[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?\Z"))
def test_every_code_of_the_icd10_shape_is_accepted(code):
    validate_icd10(code)


def test_code_is_stored_upper_case(conditions_index):
    page = ConditionPageFactory(parent=conditions_index)
    code = ConditionCode(page=page, code="m32.9")
    code.full_clean()
    assert code.code == "M32.9"


@pytest.mark.parametrize(
    ("title", "letter"),
    [("Sjögren's Syndrome", "S"), ("Guillain-Barré Syndrome", "G"), ("1p36 deletion", "#")],
)
def test_index_letter(title, letter):
    assert index_letter(title) == letter


def test_a_to_z_groups_visible_conditions(conditions_index, client):
    for title in ["Sjögren's Syndrome", "Multiple Sclerosis", "Systemic Lupus Erythematosus"]:
        ConditionPageFactory(parent=conditions_index, title=title)
    hidden = ConditionPageFactory(parent=conditions_index, title="Hidden Condition")
    hidden.unpublish()

    groups = conditions_index.conditions_by_letter()
    assert [(letter, [c.title for c in items]) for letter, items in groups] == [
        ("M", ["Multiple Sclerosis"]),
        ("S", ["Sjögren's Syndrome", "Systemic Lupus Erythematosus"]),
    ]
    html = client.get(conditions_index.url).content.decode()
    assert "Sjögren&#x27;s Syndrome" in html and "Hidden Condition" not in html


def test_related_conditions_show_both_ways(conditions_index):
    neuropathy = ConditionPageFactory(parent=conditions_index, title="Peripheral Neuropathy")
    lupus = ConditionPageFactory(parent=conditions_index, title="Lupus")
    ms = ConditionPageFactory(parent=conditions_index, title="Multiple Sclerosis")
    neuropathy.related_conditions.set([lupus, ms])
    neuropathy.save()

    assert list(neuropathy.get_related_conditions()) == [lupus, ms]
    assert list(ConditionPage.objects.get(pk=lupus.pk).get_related_conditions()) == [neuropathy]

    ms.unpublish()
    assert list(neuropathy.get_related_conditions()) == [lupus]


def test_condition_cannot_relate_to_itself(conditions_index):
    page = ConditionPageFactory(parent=conditions_index)
    with pytest.raises(ValidationError) as excinfo:
        ConditionRelatedLink(page=page, condition=page).full_clean()
    assert "related to itself" in str(excinfo.value.message_dict["condition"])


def test_condition_page_renders_sections_codes_and_related(conditions_index, client):
    neuropathy = ConditionPageFactory(parent=conditions_index, title="Peripheral Neuropathy")
    ConditionCode.objects.create(page=neuropathy, code="G62.9", description="Polyneuropathy")
    lupus = ConditionPageFactory(parent=conditions_index, title="Lupus")
    lupus.related_conditions.set([neuropathy])
    lupus.save()

    html = client.get(neuropathy.url).content.decode()
    assert "Numbness" in html and "Tingling" in html
    assert "G62.9" in html
    assert ">Lupus</a>" in html
