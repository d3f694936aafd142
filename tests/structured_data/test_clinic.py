"""The clinic's ``MedicalClinic`` node from its site settings and published opening hours."""

from __future__ import annotations

import json

import pytest
from wagtail.models import Site

from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.models import ClinicSettings, ClinicSpecialty
from wagtail_neuro.structured_data import page_document
from wagtail_neuro.structured_data.clinic import medical_clinic


@pytest.fixture
def hours(db):
    snippet = ClinicHoursSnippetFactory(
        exceptions=json.dumps(
            [
                {
                    "type": "exception",
                    "value": {
                        "label": "Thanksgiving",
                        "start_date": "2026-11-26",
                        "end_date": "2026-11-27",
                        "closed": True,
                        "periods": [],
                    },
                },
                {
                    "type": "exception",
                    "value": {
                        "label": "Late clinic",
                        "start_date": "2026-12-03",
                        "end_date": None,
                        "closed": False,
                        "periods": [{"opens": "12:00", "closes": "20:00"}],
                    },
                },
            ]
        )
    )
    snippet.save_revision().publish()
    return snippet


@pytest.fixture
def clinic(home, hours):
    settings = ClinicSettings(
        site=Site.objects.get(is_default_site=True),
        name="Blue Ridge Clinic",
        telephone="+1-828-555-0100",
        street_address="1 Main St",
        address_locality="Asheville",
        address_region="NC",
        postal_code="28801",
        address_country="US",
        booking_url="https://example.com/book",
        accepting_new_patients=False,
        opening_hours=hours,
    )
    settings.specialties = [
        ClinicSpecialty(specialty="Neurologic"),
        ClinicSpecialty(specialty="Physiotherapy"),
    ]
    settings.save()
    return settings


def test_clinic_node_from_settings(clinic):
    node = medical_clinic(clinic.site)
    assert node["@type"] == "MedicalClinic"
    assert node["@id"] == "http://testserver/#clinic"
    assert node["telephone"] == "+1-828-555-0100"
    assert node["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Main St",
        "addressLocality": "Asheville",
        "addressRegion": "NC",
        "postalCode": "28801",
        "addressCountry": "US",
    }
    assert node["medicalSpecialty"] == [
        "https://schema.org/Neurologic",
        "https://schema.org/Physiotherapy",
    ]
    assert node["isAcceptingNewPatients"] is False
    assert node["potentialAction"]["target"]["urlTemplate"] == "https://example.com/book"


def test_exceptions_are_special_opening_hours_closed_days_at_midnight(clinic):
    special = medical_clinic(clinic.site)["specialOpeningHoursSpecification"]
    assert special == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-11-26",
            "validThrough": "2026-11-27",
            "opens": "00:00:00",
            "closes": "00:00:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-03",
            "validThrough": "2026-12-03",
            "opens": "12:00:00",
            "closes": "20:00:00",
        },
    ]
    weekly = medical_clinic(clinic.site)["openingHoursSpecification"]
    assert all("validFrom" not in spec for spec in weekly)
    assert len(weekly) == 4


def test_unpublished_hours_are_not_announced(clinic, hours):
    hours.unpublish()
    node = medical_clinic(clinic.site)
    assert "openingHoursSpecification" not in node
    assert "specialOpeningHoursSpecification" not in node


def test_no_clinic_without_a_name(home):
    site = Site.objects.get(is_default_site=True)
    assert medical_clinic(site) is None
    ClinicSettings.objects.create(site=site, name="")
    assert medical_clinic(site) is None
    types = [node["@type"] for node in page_document(home)["@graph"]]
    assert "MedicalClinic" not in types


def test_the_clinic_document_uses_the_vocabulary(clinic, vocabulary):
    from tests.structured_data.vocabulary import problems

    document = page_document(clinic.site.root_page)
    assert problems(vocabulary, vocabulary.expand(document)) == []
