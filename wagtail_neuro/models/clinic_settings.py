"""``ClinicSettings``: the clinic behind a site, as search engines should know it.

A Wagtail site setting (Settings → Clinic in the admin), one per site, read by
:mod:`wagtail_neuro.structured_data.clinic` to describe the clinic as a schema.org
``MedicalClinic`` with its opening hours on every page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import Orderable

from ..structured_data.vocabulary import MEDICAL_SPECIALTY_CHOICES

__all__ = ["ClinicSettings", "ClinicSpecialty"]


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting, ClusterableModel):
    """Name, contact details, booking link, specialties and opening hours of a site's clinic."""

    name = models.CharField(
        _("clinic name"),
        max_length=200,
        blank=True,
        help_text=_("As patients know it. Leave empty to describe no clinic in structured data."),
    )
    telephone = models.CharField(
        _("telephone"),
        max_length=40,
        blank=True,
        help_text=_("With the country code, e.g. +1-828-555-0100."),
    )
    email = models.EmailField(_("email"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    address_locality = models.CharField(_("town or city"), max_length=100, blank=True)
    address_region = models.CharField(
        _("state or region"), max_length=100, blank=True, help_text=_("E.g. NC.")
    )
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    address_country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("The two-letter ISO 3166 code, e.g. US."),
    )
    booking_url = models.URLField(
        _("booking URL"), blank=True, help_text=_("Where patients book an appointment online.")
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepting_new_patients = models.BooleanField(_("accepting new patients"), default=True)
    opening_hours = models.ForeignKey(
        "wagtail_neuro.ClinicHoursSnippet",
        verbose_name=_("opening hours"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The clinic hours published as the clinic's opening hours."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo"), FieldPanel("accepting_new_patients")],
            heading=_("Clinic"),
        ),
        MultiFieldPanel(
            [FieldPanel("telephone"), FieldPanel("email"), FieldPanel("booking_url")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("address_locality"),
                FieldPanel("address_region"),
                FieldPanel("postal_code"),
                FieldPanel("address_country"),
            ],
            heading=_("Address"),
        ),
        FieldPanel("opening_hours"),
        InlinePanel("specialties", heading=_("Medical specialties"), label=_("Specialty")),
    ]

    class Meta:
        verbose_name = _("clinic")
        verbose_name_plural = _("clinic")

    def __str__(self) -> str:
        return self.name or str(_("Clinic"))

    def clean(self) -> None:
        super().clean()
        self.address_country = self.address_country.upper()


class ClinicSpecialty(Orderable):
    """One schema.org ``MedicalSpecialty`` the clinic practises."""

    settings = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="specialties")
    specialty = models.CharField(_("specialty"), max_length=40, choices=MEDICAL_SPECIALTY_CHOICES)

    panels = [FieldPanel("specialty")]

    class Meta(Orderable.Meta):
        verbose_name = _("medical specialty")
        verbose_name_plural = _("medical specialties")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "specialty"], name="neuro_clinic_specialty_once"
            )
        ]

    def __str__(self) -> str:
        return self.get_specialty_display()
