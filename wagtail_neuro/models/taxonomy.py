"""Snippets that classify and sign articles: ``Author`` and ``Category``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLRichText, GraphQLString
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import PreviewableMixin
from wagtail.search import index

from ..api import serializers as api
from ..api.graphql import fields as gql


def unique_slug(model: type[models.Model], text: str, instance_pk: int | None) -> str:
    """A slug for ``text`` that no other row of ``model`` uses ("care-manager", "care-manager-2")."""
    base = slugify(text)[:45] or "item"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Author(PreviewableMixin, index.Indexed, models.Model):
    """Who wrote or medically reviewed content: a clinician or the clinic's care team.

    Previewable: the admin shows the author card (photo, name, credentials, role, bio) that
    article pages render, before the editor saves."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_('As shown in the byline, e.g. "Care Manager".')
    )
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        blank=True,
        help_text=_("Used in URLs and API filters. Leave blank to build it from the name."),
    )
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_('The author\'s role at the clinic, e.g. "Care Manager" or "Acupuncturist".'),
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=120,
        blank=True,
        help_text=_('Degrees and licences shown after the name, e.g. "DACM, L.Ac."'),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Where clinical review reminders go. Never published."),
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = RichTextField(
        _("biography"), blank=True, features=["bold", "italic", "link"], help_text=_("A short bio.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("credentials")],
            heading=_("Byline"),
        ),
        FieldPanel("email"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("credentials"),
        index.FilterField("slug"),
    ]

    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("role"),
        APIField("credentials"),
        APIField("photo", serializer=api.ImageField()),
        APIField("bio", serializer=api.RichTextDataField()),
    ]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("role", required=True),
        GraphQLString("credentials", required=True),
        gql.GraphQLImageData("photo"),
        GraphQLRichText("bio", required=True),
    ]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Author, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_preview_template(self, request: Any, mode_name: str) -> str:
        return "wagtail_neuro/snippets/author_preview.html"


class Category(PreviewableMixin, index.Indexed, models.Model):
    """A broad topic for articles ("Neuropathy", "Wellness"); an article without one is
    shown as ``WAGTAIL_NEURO_UNCATEGORIZED_LABEL``.

    Previewable: the admin shows the topic with its newest public articles, as a category
    archive would."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in URLs and API filters. Leave blank to build it from the name."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("slug"),
    ]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("description", required=True),
    ]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Category, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_preview_template(self, request: Any, mode_name: str) -> str:
        return "wagtail_neuro/snippets/category_preview.html"

    def get_preview_context(self, request: Any, mode_name: str) -> dict[str, Any]:
        from ..ordering import ARTICLE_ORDER
        from ..visibility import visible_pages
        from .articles import ArticlePage

        context = super().get_preview_context(request, mode_name)
        articles = ArticlePage.objects.none()
        if self.pk:
            articles = visible_pages(ArticlePage.objects.filter(categories=self))
        context["articles"] = articles.order_by(*ARTICLE_ORDER)[:10]
        return context
