"""Settings → Clinic in the admin: editors fill in the clinic, its specialties and its hours."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.models import ClinicSettings
from wagtail_neuro.structured_data.clinic import medical_clinic


def edit_url(site: Site) -> str:
    return reverse("wagtailsettings:edit", args=["wagtail_neuro", "clinicsettings", site.pk])


def form(**fields) -> dict:
    data = {
        "name": "Blue Ridge Clinic",
        "telephone": "+1-828-555-0100",
        "email": "",
        "street_address": "",
        "address_locality": "",
        "address_region": "NC",
        "postal_code": "",
        "address_country": "us",
        "booking_url": "https://example.com/book",
        "accepting_new_patients": "on",
        "opening_hours": "",
        "specialties": inline_formset([{"specialty": "Neurologic"}]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_editors_save_the_clinic_with_specialties_and_hours(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    hours = ClinicHoursSnippetFactory()
    hours.save_revision().publish()
    assert admin_client.get(edit_url(site)).status_code == 200
    response = admin_client.post(edit_url(site), form(opening_hours=hours.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    clinic = ClinicSettings.objects.get(site=site)
    assert clinic.address_country == "US"
    assert [row.specialty for row in clinic.specialties.all()] == ["Neurologic"]
    node = medical_clinic(site)
    assert node["medicalSpecialty"] == ["https://schema.org/Neurologic"]
    assert len(node["openingHoursSpecification"]) == 4


def test_an_unknown_specialty_is_refused_on_its_field(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    response = admin_client.post(
        edit_url(site), form(specialties=inline_formset([{"specialty": "Wizardry"}]))
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ClinicSettings.objects.filter(site=site, name="Blue Ridge Clinic").exists()
