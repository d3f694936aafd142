"""The main schema.org node of each kind of page, chosen through a small registry.

``register(model, builder)`` maps a page class to a function ``builder(page, context)`` that
returns the page's nodes; the closest registered class in the page's MRO wins, so an agency's
``ArticlePage`` subclass is described as an article without doing anything, and may register
its own builder to say more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Page, Site

from ..blocks.lists import ConditionListBlock, KeyPointsBlock, StepsBlock
from ..blocks.streams import ConditionSectionBlock
from ..blocks.symptoms import SymptomListBlock
from ..conf import neuro_settings
from ..visibility import is_visible
from .listing import related_conditions_of
from .nodes import (
    category_names,
    citations,
    compact,
    image_url,
    iso,
    node_id,
    person,
    reference,
    tag_names,
)
from .vocabulary import enumeration_url

Builder = Callable[[Page, "DocumentContext"], list[dict[str, Any]]]

_BUILDERS: dict[type, Builder] = {}
_PACKAGE_REGISTERED = False


@dataclass
class DocumentContext:
    """What every builder of one document shares: the page's URL, its site and the clinic."""

    url: str | None
    site: Site | None
    clinic: dict[str, Any] | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def publisher(self) -> dict[str, str] | None:
        return reference(self.clinic)


def register(model: type, builder: Builder) -> None:
    """Describe pages of ``model`` (and its subclasses) with ``builder``."""
    _BUILDERS[model] = builder


def register_package_pages() -> None:
    """The package's own page types; called on first use (models import this module)."""
    from ..models.articles import AbstractArticlePage
    from ..models.conditions import AbstractConditionPage

    global _PACKAGE_REGISTERED
    _BUILDERS.setdefault(AbstractArticlePage, article_page)
    _BUILDERS.setdefault(AbstractConditionPage, condition_page)
    _PACKAGE_REGISTERED = True


def builder_for(page: Page) -> Builder:
    if not _PACKAGE_REGISTERED:
        register_package_pages()
    for klass in type(page).__mro__:
        if klass in _BUILDERS:
            return _BUILDERS[klass]
    return web_page


# ----------------------------------------------------------------------------- walking blocks


def walk(stream: Any, section: str = "") -> Iterator[tuple[Any, Any, str]]:
    """``(block, value, section kind)`` for every block of a stream, inside sections too."""
    for child in stream or ():
        if isinstance(child.block, ConditionSectionBlock):
            yield from walk(child.value.get("content"), child.value.get("section") or "")
        else:
            yield child.block, child.value, section


def item_names(block: Any, value: Any) -> list[str]:
    """The names listed by a list block: symptoms, key point terms or step titles."""
    if isinstance(block, SymptomListBlock):
        return [item.get("name") for item in value.get("items") or () if item.get("name")]
    if isinstance(block, KeyPointsBlock):
        return [item.get("term") for item in value.get("items") or () if item.get("term")]
    if isinstance(block, StepsBlock):
        return [step.get("title") for step in value.get("steps") or () if step.get("title")]
    return []


def named(schema_type: str, names: list[str]) -> list[dict[str, str]]:
    unique = list(dict.fromkeys(names))
    return [{"@type": schema_type, "name": name} for name in unique]


# ----------------------------------------------------------------------------- reviewed pages


def review_properties(page: Page) -> dict[str, Any]:
    """``lastReviewed`` and ``reviewedBy`` of a reviewed page (WebPage properties)."""
    reviewer = getattr(page, "reviewed_by", None)
    last_reviewed = getattr(page, "last_reviewed", None)
    if reviewer is None or last_reviewed is None:
        return {}
    return {"lastReviewed": iso(last_reviewed), "reviewedBy": person(reviewer)}


def page_node(page: Page, context: DocumentContext, schema_type: str) -> dict[str, Any]:
    """The ``WebPage`` (or subtype) node every page has, with its breadcrumb and publisher."""
    return {
        "@type": schema_type,
        "@id": node_id(context.url, "webpage"),
        "url": context.url,
        "name": page.seo_title or page.title,
        "description": page.search_description or getattr(page, "summary", ""),
        "inLanguage": page.locale.language_code if page.locale_id else None,
        "dateModified": iso(page.last_published_at),
        "breadcrumb": {"@id": node_id(context.url, "breadcrumb")} if context.url else None,
        "publisher": context.publisher,
        "isPartOf": {"@type": "WebSite", "url": context.extra.get("site_url")}
        if context.extra.get("site_url")
        else None,
    }


def web_page(page: Page, context: DocumentContext) -> list[dict[str, Any]]:
    """Any other page: a ``WebPage``."""
    return [compact(page_node(page, context, "WebPage"))]


# ----------------------------------------------------------------------------- conditions


def medical_condition(page: Page, context: DocumentContext) -> dict[str, Any]:
    """The condition a condition page is about, from its fields and its body's lists."""
    symptoms: list[str] = []
    treatments: list[str] = []
    risk_factors: list[str] = []
    for block, value, section in walk(page.body):
        names = item_names(block, value)
        if isinstance(block, SymptomListBlock):
            symptoms += names
        elif section == "treatment":
            treatments += names
        elif section == "risk_factors":
            risk_factors += names
    specialty = getattr(page, "relevant_specialty", "")
    return compact(
        {
            "@type": "MedicalCondition",
            "@id": node_id(context.url, "condition"),
            "name": page.title,
            "alternateName": [alias.name for alias in page.also_known_as.all()],
            "description": page.summary,
            "url": context.url,
            "code": [
                compact(
                    {
                        "@type": "MedicalCode",
                        "codeValue": code.code,
                        "codingSystem": "ICD-10",
                        "name": code.description,
                    }
                )
                for code in page.icd10_codes.all()
            ],
            "signOrSymptom": named("MedicalSignOrSymptom", symptoms),
            "possibleTreatment": named("MedicalTherapy", treatments),
            "riskFactor": named("MedicalRiskFactor", risk_factors),
            "relevantSpecialty": enumeration_url(specialty) if specialty else None,
        }
    )


def condition_page(page: Page, context: DocumentContext) -> list[dict[str, Any]]:
    """A ``MedicalWebPage`` about a ``MedicalCondition``; related conditions are linked pages."""
    condition = medical_condition(page, context)
    related = [other.get_full_url() for other in related_conditions_of(page)]
    node = page_node(page, context, "MedicalWebPage")
    node.update(
        review_properties(page),
        about=condition,
        primaryImageOfPage=image_url(page.hero_image),
        relatedLink=[url for url in related if url],
        citation=citations(page.references),
    )
    return [compact(node)]


# ----------------------------------------------------------------------------- articles


def linked_conditions(page: Page) -> list[dict[str, Any]]:
    """The published condition pages an article's condition lists link to."""
    found: dict[int, Page] = {}
    for block, value, _section in walk(page.body):
        if isinstance(block, ConditionListBlock):
            for item in value.get("items") or ():
                linked = item.get("page")
                if linked is not None and is_visible(linked):
                    found.setdefault(linked.pk, linked)
    return [
        compact(
            {
                "@type": "MedicalCondition",
                "@id": node_id(linked.get_full_url(), "condition"),
                "name": linked.title,
                "url": linked.get_full_url(),
            }
        )
        for linked in found.values()
    ]


def article_page(page: Page, context: DocumentContext) -> list[dict[str, Any]]:
    """A ``WebPage`` (reviewed, when it is) whose main entity is the article: a
    ``BlogPosting``, or a ``MedicalScholarlyArticle`` by ``WAGTAIL_NEURO_ARTICLE_SCHEMA_TYPE``.

    ``lastReviewed``/``reviewedBy`` belong to web pages in schema.org, so they sit on the page
    node, not on the article."""
    article = compact(
        {
            "@type": neuro_settings.ARTICLE_SCHEMA_TYPE,
            "@id": node_id(context.url, "article"),
            "mainEntityOfPage": {"@id": node_id(context.url, "webpage")} if context.url else None,
            "url": context.url,
            "headline": page.title[:110],
            "description": page.summary,
            "author": person(page.author),
            "datePublished": iso(page.date),
            "dateModified": iso(page.last_published_at),
            "image": image_url(page.hero_image),
            "keywords": tag_names(page),
            "articleSection": category_names(page),
            "about": linked_conditions(page),
            "citation": citations(page.references),
            "publisher": context.publisher,
        }
    )
    web = page_node(page, context, "MedicalWebPage" if review_properties(page) else "WebPage")
    web.update(review_properties(page), mainEntity=reference(article))
    return [compact(web), article]
