"""schema.org names the package emits as values, checked against the vocabulary by the tests."""

from __future__ import annotations

import re

SCHEMA = "https://schema.org/"

#: Members of schema.org's ``MedicalSpecialty`` enumeration (release 30.0).
MEDICAL_SPECIALTIES = (
    "Anesthesia",
    "Cardiovascular",
    "CommunityHealth",
    "Dentistry",
    "Dermatologic",
    "Dermatology",
    "DietNutrition",
    "Emergency",
    "Endocrine",
    "Gastroenterologic",
    "Genetic",
    "Geriatric",
    "Gynecologic",
    "Hematologic",
    "Infectious",
    "LaboratoryScience",
    "Midwifery",
    "Musculoskeletal",
    "Neurologic",
    "Nursing",
    "Obstetric",
    "Oncologic",
    "Optometric",
    "Otolaryngologic",
    "Pathology",
    "Pediatric",
    "PharmacySpecialty",
    "Physiotherapy",
    "PlasticSurgery",
    "Podiatric",
    "PrimaryCare",
    "Psychiatric",
    "PublicHealth",
    "Pulmonary",
    "Radiography",
    "Renal",
    "RespiratoryTherapy",
    "Rheumatologic",
    "SpeechPathology",
    "Surgical",
    "Toxicologic",
    "Urologic",
)


def _label(name: str) -> str:
    """``"DietNutrition"`` → ``"Diet nutrition"``: the enumeration name read as words."""
    words = re.findall(r"[A-Z][a-z]*", name)
    return " ".join([words[0], *(word.lower() for word in words[1:])])


MEDICAL_SPECIALTY_CHOICES = [(name, _label(name)) for name in MEDICAL_SPECIALTIES]

#: The types an ``ArticlePage`` may be published as (``WAGTAIL_NEURO_ARTICLE_SCHEMA_TYPE``).
ARTICLE_SCHEMA_TYPES = ("BlogPosting", "MedicalScholarlyArticle")


def enumeration_url(name: str) -> str:
    """``"Neurologic"`` → ``"https://schema.org/Neurologic"``, as Google's examples write them."""
    return SCHEMA + name
