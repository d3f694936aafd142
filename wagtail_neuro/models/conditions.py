"""Condition pages: ``ConditionIndexPage`` (A–Z) and ``ConditionPage``."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLForeignKey, GraphQLRichText, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..api import search_metadata
from ..api import serializers as api
from ..api.graphql import fields as gql
from ..blocks import ConditionBodyBlock, ReferencesBlock
from ..fragments import SHARED_STORED_FIELDS
from ..ordering import CONDITION_ORDER
from ..safety import RichTextHTML
from ..structured_data.vocabulary import MEDICAL_SPECIALTY_CHOICES
from ..visibility import visible_pages
from .inheritance import family_model, resolve_model
from .panels import TabbedPanels
from .preview import NeuroPreviewMixin
from .review import MedicalReviewForm, MedicalReviewMixin
from .seo import SearchMetadataMixin

# ICD-10 (WHO) and ICD-10-CM: a letter, two characters, then optionally a dot and 1–4 more,
# e.g. G35, G62.9, M35.00, M05.79.
ICD10_PATTERN = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$")


def normalize_icd10(code: str) -> str:
    return code.strip().upper()


def validate_icd10(code: str) -> None:
    if not ICD10_PATTERN.match(normalize_icd10(code)):
        raise ValidationError(
            _(
                "“%(code)s” is not an ICD-10 code. Use a letter, two characters and an optional "
                "dot with up to four more, e.g. G62.9 or M35.00."
            ),
            code="invalid_icd10",
            params={"code": code},
        )


def index_letter(title: str) -> str:
    """The A–Z heading a title files under: "Sjögren's" → "S", "1p36 deletion" → "#"."""
    first = unicodedata.normalize("NFKD", title.strip()[:1]).encode("ascii", "ignore").decode()
    return first.upper() if first.isalpha() else "#"


class AbstractConditionIndexPage(NeuroPreviewMixin, Page):
    """Lists its live, public conditions A–Z, grouped by first letter."""

    #: The condition model this index lists; a subclass of ``AbstractConditionPage`` sets its own.
    condition_model: str | type[models.Model] = "wagtail_neuro.ConditionPage"

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two shown above the A–Z list."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=api.RichTextDataField())]
    # GraphQL reads the sanitised HTML that templates and REST send
    intro_html = RichTextHTML("intro")
    graphql_fields = [GraphQLRichText("intro", required=True, source="intro_html")]

    class Meta:
        abstract = True

    def get_conditions(self) -> models.QuerySet:
        return visible_pages(resolve_model(self.condition_model).objects.child_of(self)).order_by(
            *CONDITION_ORDER
        )

    def conditions_by_letter(self) -> list[tuple[str, list[ConditionPage]]]:
        groups: dict[str, list[ConditionPage]] = defaultdict(list)
        for condition in self.get_conditions():
            groups[index_letter(condition.title)].append(condition)
        return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["conditions_by_letter"] = self.conditions_by_letter()
        return context


class ConditionIndexPage(AbstractConditionIndexPage):
    subpage_types = ["wagtail_neuro.ConditionPage"]
    template = "wagtail_neuro/condition_index_page.html"

    class Meta:
        verbose_name = _("condition index page")


class ConditionPageForm(MedicalReviewForm):
    """Refuses the same ICD-10 code, alias or related condition twice on one page, and a
    condition related to itself, each on the row that holds it."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._refuse_duplicates("icd10_codes", "code", normalize_icd10)
        self._refuse_duplicates("also_known_as", "name", lambda name: name.strip().casefold())
        self._refuse_duplicates("related_condition_links", "condition", lambda page: page.pk)
        # the page chooser cannot hide the page itself, so it is refused on its row, here
        # rather than in the model (a refusal at save time would be a 500 on publish)
        self.refuse_self_in_formset(
            "related_condition_links", "condition", _("A condition cannot be related to itself.")
        )
        return cleaned

    def _refuse_duplicates(self, formset_name: str, field: str, key: Any) -> None:
        formset = self.formsets.get(formset_name)
        if formset is None or not formset.is_valid():
            return  # each row's own errors come first
        seen: set[str] = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get(field):
                continue
            value = key(data[field])
            if value in seen:
                form.add_error(field, _("“%s” is listed twice; remove one.") % data[field])
            seen.add(value)


class AbstractConditionPage(SearchMetadataMixin, MedicalReviewMixin, NeuroPreviewMixin, Page):
    """A condition: summary, sectioned body (overview, symptoms, causes …), codes, references."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("One to three plain sentences shown in listings and search results."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(
        ConditionBodyBlock(),
        verbose_name=_("body"),
        help_text=_(
            "Add a section for each part: overview, symptoms, causes, risk factors, diagnosis, "
            "treatment and when to seek care."
        ),
    )
    references = StreamField(
        ReferencesBlock(),
        verbose_name=_("references"),
        blank=True,
        help_text=_("Sources cited on this page; they are numbered in this order."),
    )

    relevant_specialty = models.CharField(
        _("relevant specialty"),
        max_length=40,
        blank=True,
        choices=MEDICAL_SPECIALTY_CHOICES,
        help_text=_("The medical specialty that treats this condition, for search engines."),
    )

    base_form_class = ConditionPageForm

    content_panels = [
        *Page.content_panels,
        InlinePanel(
            "also_known_as",
            heading=_("Also known as"),
            label=_("Other name"),
            help_text=_('Other names readers search for, e.g. "Lupus" or "SLE".'),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    details_panels = [
        InlinePanel(
            "icd10_codes",
            heading=_("ICD-10 codes"),
            label=_("ICD-10 code"),
            help_text=_("Codes for the condition, e.g. G62.9 for polyneuropathy, unspecified."),
        ),
        InlinePanel(
            "related_condition_links",
            heading=_("Related conditions"),
            label=_("Related condition"),
            help_text=_("Conditions to link from this page; they link back here automatically."),
        ),
        FieldPanel("relevant_specialty"),
    ]
    references_panels = [FieldPanel("references")]

    edit_handler = TabbedPanels(
        ("content_panels", _("Content")),
        ("details_panels", _("Codes & related")),
        ("references_panels", _("References")),
        ("review_panels", _("Medical review")),
        ("promote_panels", _("Promote")),
        ("settings_panels", _("Settings")),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.RelatedFields("also_known_as", [index.SearchField("name")]),
        index.RelatedFields("icd10_codes", [index.SearchField("code")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("also_known_as", serializer=api.AliasesField()),
        APIField("icd10_codes", serializer=api.IcdCodesField()),
        APIField("hero_image", serializer=api.ImageField()),
        APIField("body"),
        APIField("references"),
        APIField("related_conditions", serializer=api.RelatedConditionsField()),
        APIField("reviewed_by", serializer=api.AuthorField()),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("seo", serializer=search_metadata.SeoField()),
        APIField("jsonld", serializer=search_metadata.JsonLdField()),
    ]
    #: API fields stored with the page's representation (see :mod:`wagtail_neuro.fragments`)
    api_stored_fields = ("also_known_as", "icd10_codes", *SHARED_STORED_FIELDS)
    graphql_interfaces = (gql.CONDITION_INTERFACE,)
    graphql_fields = [
        GraphQLString("summary", required=True),
        gql.GraphQLStrings("also_known_as", source="also_known_as", key="name"),
        gql.GraphQLModelList("icd10_codes", "wagtail_neuro.ConditionCode"),
        gql.GraphQLImageData("hero_image"),
        gql.GraphQLBlocks("body"),
        gql.GraphQLBlocks("references"),
        gql.GraphQLVisiblePages(
            "related_conditions", gql.CONDITION_INTERFACE, source="get_related_conditions"
        ),
        GraphQLForeignKey("reviewed_by", "wagtail_neuro.Author"),
        gql.GraphQLDate("last_reviewed"),
        gql.GraphQLDate("next_review_due"),
        *search_metadata.graphql_fields(),
    ]

    class Meta:
        abstract = True

    def get_related_conditions(self) -> list[AbstractConditionPage]:
        """Related both ways: the conditions this page names and those that name it, live and
        public only, A–Z. (The ranking of :meth:`related_conditions_for`, for this one page.)"""
        return self.related_conditions_for([self]).get(self.pk, [])

    @classmethod
    def related_conditions_for(
        cls, pages: list[AbstractConditionPage]
    ) -> dict[int, list[AbstractConditionPage]]:
        """:meth:`get_related_conditions` of many saved conditions at once, by page id, in a
        fixed number of queries (GraphQL lists): the one implementation of the rule."""
        pages = [page for page in pages if page.pk is not None]
        if not pages:
            return {}
        model = family_model(cls, AbstractConditionPage)
        field = model._meta.get_field("related_conditions")
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        prefetch_related_objects(pages, "related_conditions")
        linked = {page.pk: {other.pk for other in page.related_conditions.all()} for page in pages}
        rows = field.remote_field.through.objects.filter(
            **{f"{target}__in": list(linked)}
        ).values_list(f"{source}_id", f"{target}_id")
        for from_id, to_id in rows:  # named by others: related back
            linked[to_id].add(from_id)
        wanted = set().union(*linked.values())
        found = list(visible_pages(model.objects.filter(pk__in=wanted)).order_by(*CONDITION_ORDER))
        return {
            page.pk: [
                other for other in found if other.pk in linked[page.pk] and other.pk != page.pk
            ]
            for page in pages
        }


class ConditionPage(AbstractConditionPage):
    #: The pages of ``related_condition_links`` (edited in the admin as page choosers, one per
    #: row), as a many-to-many so ``related_conditions.all()``, ``related_from`` and
    #: ``related_conditions_for`` read them as before.
    related_conditions = models.ManyToManyField(
        "self",
        through="wagtail_neuro.ConditionRelatedLink",
        through_fields=("page", "condition"),
        verbose_name=_("related conditions"),
        symmetrical=False,
        blank=True,
        related_name="related_from",
        help_text=_("Conditions to link from this page; they link back here automatically."),
    )

    parent_page_types = ["wagtail_neuro.ConditionIndexPage"]
    subpage_types: list[str] = []
    template = "wagtail_neuro/condition_page.html"

    class Meta:
        verbose_name = _("condition page")


class ConditionRelatedLink(Orderable):
    """An editor's pick of a related condition, in the order chosen (the through model of
    ``ConditionPage.related_conditions``): a page chooser limited to condition pages."""

    page = ParentalKey(
        ConditionPage, on_delete=models.CASCADE, related_name="related_condition_links"
    )
    condition = models.ForeignKey(
        ConditionPage,
        verbose_name=_("condition"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("condition", "wagtail_neuro.ConditionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related condition")
        verbose_name_plural = _("related conditions")

    def __str__(self) -> str:
        return str(self.condition)

    def clean(self) -> None:
        if self.condition_id and self.condition_id == self.page_id:
            raise ValidationError({"condition": _("A condition cannot be related to itself.")})


class ConditionAlias(Orderable):
    """Another name for a condition ("Lupus" for Systemic Lupus Erythematosus)."""

    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="also_known_as")
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return self.name


class ConditionCode(Orderable):
    """An ICD-10 code for a condition, stored upper-case."""

    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="icd10_codes")
    code = models.CharField(
        _("ICD-10 code"),
        max_length=8,
        validators=[validate_icd10],
        help_text=_("e.g. G62.9"),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_('The code\'s title, e.g. "Polyneuropathy, unspecified".'),
    )

    panels = [FieldPanel("code"), FieldPanel("description")]
    graphql_fields = [
        GraphQLString("code", required=True),
        GraphQLString("description", required=True),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ICD-10 code")
        verbose_name_plural = _("ICD-10 codes")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        self.code = normalize_icd10(self.code or "")
