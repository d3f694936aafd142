"""The clinic of a site as a schema.org ``MedicalClinic``, from its ``ClinicSettings``.

Opening hours come from the chosen ``ClinicHoursSnippet`` while it is published: the weekly
pattern as ``openingHoursSpecification`` and its exceptions as
``specialOpeningHoursSpecification`` (a closed day opens and closes at 00:00, as Google documents).
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Site

from ..safety import safe_url
from ..visibility import is_published
from .nodes import compact, image_object, image_url, node_id, site_url
from .vocabulary import enumeration_url


def clinic_settings(site: Site | None) -> Any:
    """The site's ``ClinicSettings`` row, or ``None``: reading never creates one."""
    from ..models.clinic_settings import ClinicSettings

    if site is None:
        return None
    return (
        ClinicSettings.objects.filter(site=site)
        .select_related("logo", "opening_hours")
        .prefetch_related("specialties")
        .first()
    )


def opening_hours(snippet: Any) -> tuple[list[dict], list[dict]]:
    """``(weekly, special)`` OpeningHoursSpecification lists of a published hours snippet."""
    if not is_published(snippet):
        return [], []
    specs = snippet.get_schedule().opening_hours_specification()
    weekly = [spec for spec in specs if "dayOfWeek" in spec]
    special = [spec for spec in specs if "dayOfWeek" not in spec]
    return weekly, special


def postal_address(settings: Any) -> dict[str, Any] | None:
    address = compact(
        {
            "streetAddress": settings.street_address,
            "addressLocality": settings.address_locality,
            "addressRegion": settings.address_region,
            "postalCode": settings.postal_code,
            "addressCountry": settings.address_country,
        }
    )
    return {"@type": "PostalAddress", **address} if address else None


def booking_action(url: str) -> dict[str, Any] | None:
    """Online booking as a ``ReserveAction`` whose target is the booking page (an http(s) URL
    by :func:`~wagtail_neuro.safety.safe_url`'s rule)."""
    url = safe_url(url)
    if not url:
        return None
    return {
        "@type": "ReserveAction",
        "name": "Book appointment",
        "target": {"@type": "EntryPoint", "urlTemplate": url},
    }


def clinic_id(site: Site | None) -> str:
    return node_id(site_url(site), "clinic")


def medical_clinic(site: Site | None, settings: Any = None) -> dict[str, Any] | None:
    """The ``MedicalClinic`` node of ``site``; ``None`` when no clinic name is set."""
    settings = settings if settings is not None else clinic_settings(site)
    if settings is None or not settings.name:
        return None
    weekly, special = opening_hours(settings.opening_hours)
    logo = image_object(settings.logo)
    return compact(
        {
            "@type": "MedicalClinic",
            "@id": clinic_id(site),
            "name": settings.name,
            "url": site_url(site),
            "telephone": settings.telephone,
            "email": settings.email,
            "address": postal_address(settings),
            "logo": logo,
            "image": image_url(settings.logo),
            "medicalSpecialty": [
                enumeration_url(row.specialty) for row in settings.specialties.all()
            ],
            "isAcceptingNewPatients": settings.accepting_new_patients,
            "openingHoursSpecification": weekly,
            "specialOpeningHoursSpecification": special,
            "potentialAction": booking_action(settings.booking_url),
        }
    )
