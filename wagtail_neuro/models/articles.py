"""Health articles: ``ArticleIndexPage`` (the blog) and ``ArticlePage`` (a post).

The ``Abstract*`` classes carry every field, panel and behaviour so an agency can subclass them;
the concrete classes add what needs a concrete model (tags and related-article links).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLForeignKey, GraphQLInt, GraphQLRichText, GraphQLString
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..api import search_metadata
from ..api import serializers as api
from ..api.graphql import fields as gql
from ..blocks import ArticleBodyBlock, ReferencesBlock
from ..conf import neuro_settings
from ..filters import ArticleFilterSet, FilterError
from ..fragments import SHARED_STORED_FIELDS
from ..native_dates import NativeDateInput
from ..ordering import ARTICLE_ORDER
from ..reading_time import count_words, reading_minutes
from ..safety import RichTextHTML
from ..visibility import visible_pages, visible_tags
from .inheritance import family_model, resolve_model
from .panels import TabbedPanels
from .preview import NeuroPreviewMixin
from .review import MedicalReviewForm, MedicalReviewMixin
from .seo import SearchMetadataMixin
from .taxonomy import Author, Category


class AbstractArticleIndexPage(NeuroPreviewMixin, Page):
    """The blog: lists its articles newest first, paginated, filterable by ``?tag=`` and
    ``?category=`` (slugs)."""

    #: The article model this index lists; a subclass of ``AbstractArticlePage`` sets its own.
    article_model: str | type[models.Model] = "wagtail_neuro.ArticlePage"

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two shown above the list of articles."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=api.RichTextDataField())]
    # GraphQL reads the sanitised HTML that templates and REST send
    intro_html = RichTextHTML("intro")
    graphql_fields = [GraphQLRichText("intro", required=True, source="intro_html")]

    class Meta:
        abstract = True

    def get_articles(self) -> models.QuerySet:
        """Live, public articles below this index, newest first."""
        return (
            visible_pages(resolve_model(self.article_model).objects.child_of(self))
            .select_related("author", "hero_image")
            .order_by(*ARTICLE_ORDER)
        )

    def filter_articles(self, articles: models.QuerySet, params: Any) -> models.QuerySet:
        """Narrow ``articles`` by the filters of the feeds (:class:`~..filters.ArticleFilterSet`:
        ``tags``, ``category``, ``author``, ``date_from``, ``date_to``, ``condition``); ``tag``
        is read as ``tags``, for older links. An unknown slug gives an empty list; a value that
        cannot be understood raises :class:`~..filters.FilterError`."""
        data = {name: params.get(name) for name in ArticleFilterSet.parameter_names()}
        data["tags"] = data["tags"] or params.get("tag")
        return ArticleFilterSet.apply(articles, data)

    def paginate(self, articles: models.QuerySet, page_number: Any) -> PaginatorPage:
        return Paginator(articles, neuro_settings.ARTICLES_PER_PAGE).get_page(page_number)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        articles = self.get_articles()
        try:
            articles = self.filter_articles(articles, request.GET)
        except FilterError as error:
            articles, context["filter_error"] = articles.none(), str(error)
        context["articles"] = self.paginate(articles, request.GET.get("page"))
        # only a tag some visible page uses: naming a tag only drafts use would announce them
        tag = (request.GET.get("tags") or request.GET.get("tag") or "").split(",")[0].strip()
        context["active_tag"] = visible_tags().filter(slug=tag).first() if tag else None
        context["active_category"] = Category.objects.filter(
            slug=request.GET.get("category") or ""
        ).first()
        context["categories"] = Category.objects.all()
        return context


class ArticleIndexPage(AbstractArticleIndexPage):
    subpage_types = ["wagtail_neuro.ArticlePage"]
    template = "wagtail_neuro/article_index_page.html"

    class Meta:
        verbose_name = _("article index page")


class ArticlePageTag(TaggedItemBase):
    """Tags of ``ArticlePage`` (django-taggit through model)."""

    content_object = ParentalKey(
        "wagtail_neuro.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def _ids(objects: Any) -> set[int]:
    return {obj.pk for obj in objects}


#: Candidate rows (article × tag × category) the related-articles ranking reads first, per
#: article it ranks; the window doubles while one of them still lacks enough related articles.
RELATED_WINDOW_ROWS = 32

#: Topics of a candidate article: its tag ids and category ids.
Topics = tuple[set[int], set[int]]


def _read_candidates(
    rows: Any, seekers: list[tuple[int | None, set[int], set[int]]], limit: int
) -> dict[int, Topics]:
    """The newest candidates of ``rows`` (``pk, tag, category`` in ranking order) with their
    topics, read in growing windows until each seeker ``(pk, tags, categories)`` has ``limit``
    of them sharing a topic, or none are left.

    Why windows: every article of a blog may share its commonest tag, so reading all candidates
    would make an article's related list cost in proportion to the blog (60,000 rows at 10k
    articles) where the newest few dozen nearly always suffice.
    """
    candidates: dict[int, Topics] = {}
    start, size = 0, max(1, RELATED_WINDOW_ROWS * (limit + 1) * len(seekers))
    while True:
        window = list(rows[start : start + size])
        for pk, tag, category in window:
            tags, categories = candidates.setdefault(pk, (set(), set()))
            tags.add(tag)
            categories.add(category)
        start += len(window)
        if len(window) < size:
            return candidates  # every candidate read
        unsettled = window[-1][0]  # its remaining rows may be in the next window
        if all(_has_enough(candidates, unsettled, seeker, limit) for seeker in seekers):
            return candidates
        size *= 2


def _has_enough(
    candidates: dict[int, Topics],
    unsettled: int,
    seeker: tuple[int | None, set[int], set[int]],
    limit: int,
) -> bool:
    """Whether ``limit`` candidates read before ``unsettled`` share a topic with ``seeker``."""
    pk, tags, categories = seeker
    found = 0
    for other, (other_tags, other_categories) in candidates.items():
        if other == unsettled:
            return False
        if other != pk and (other_tags & tags or other_categories & categories):
            found += 1
            if found >= limit:
                return True
    return False


class ArticlePageForm(MedicalReviewForm):
    """Refuses an article picked as related to itself, on the picked row."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.refuse_self_in_formset(
            "related_article_links", "article", _("An article cannot be related to itself.")
        )
        return cleaned


class AbstractArticlePage(SearchMetadataMixin, MedicalReviewMixin, NeuroPreviewMixin, Page):
    """A health article: summary, byline, body blocks, numbered references, medical review."""

    base_form_class = ArticlePageForm

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_(
            "The excerpt shown in listings, related posts and search results: one to three "
            "sentences, at most 500 characters."
        ),
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the byline. Add authors under Clinic → Authors."),
    )
    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        # Indexed: every article listing orders by it (ordering.ARTICLE_ORDER); at 10k articles
        # the index takes the listing's main query from ~60 ms to under 1 ms (docs/performance.md).
        db_index=True,
        help_text=_("The date shown on the article; listings are ordered by it, newest first."),
    )
    categories = ParentalManyToManyField(
        Category,
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to show the article as uncategorized."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the article and on cards. Give the image alt text."),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("body"),
        help_text=_("The article: headings, paragraphs, lists of conditions, steps and more."),
    )
    references = StreamField(
        ReferencesBlock(),
        verbose_name=_("references"),
        blank=True,
        help_text=_("Sources cited by the article; they are numbered in this order."),
    )
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        default=1,
        editable=False,
        help_text=_("Worked out from the body when the page is saved."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    details_panels = [
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("date", widget=NativeDateInput)],
            heading=_("Byline"),
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    references_panels = [FieldPanel("references")]
    related_panels = [
        InlinePanel(
            "related_article_links",
            heading=_("Related articles"),
            label=_("Related article"),
            help_text=_(
                "Pick articles to show as related posts. Leave empty to show the newest articles "
                "that share a tag or category."
            ),
        )
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("author"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("author", serializer=api.AuthorField()),
        APIField("date"),
        APIField("categories", serializer=api.CategoriesField()),
        APIField("category_labels", serializer=api.StringListField()),
        APIField("tags", serializer=api.TagsField()),
        APIField("hero_image", serializer=api.ImageField()),
        APIField("body"),
        APIField("references"),
        APIField("related_articles", serializer=api.RelatedArticlesField()),
        APIField("reading_time"),
        APIField("reviewed_by", serializer=api.AuthorField()),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("seo", serializer=search_metadata.SeoField()),
        APIField("jsonld", serializer=search_metadata.JsonLdField()),
    ]
    #: API fields stored with the page's representation (see :mod:`wagtail_neuro.fragments`)
    api_stored_fields = ("author", "categories", "category_labels", "tags", *SHARED_STORED_FIELDS)
    graphql_interfaces = (gql.ARTICLE_INTERFACE,)
    graphql_fields = [
        GraphQLString("summary", required=True),
        GraphQLForeignKey("author", "wagtail_neuro.Author"),
        gql.GraphQLDate("date", required=True),
        gql.GraphQLModelList("categories", "wagtail_neuro.Category"),
        GraphQLString("category_labels", is_list=True, required=True),
        gql.GraphQLTags("tags"),
        gql.GraphQLImageData("hero_image"),
        gql.GraphQLBlocks("body"),
        gql.GraphQLBlocks("references"),
        gql.GraphQLVisiblePages(
            "related_articles", gql.ARTICLE_INTERFACE, source="get_related_articles"
        ),
        GraphQLInt("reading_time", required=True),
        GraphQLForeignKey("reviewed_by", "wagtail_neuro.Author"),
        gql.GraphQLDate("last_reviewed"),
        gql.GraphQLDate("next_review_due"),
        *search_metadata.graphql_fields(),
    ]

    class Meta:
        abstract = True

    edit_handler = TabbedPanels(
        ("content_panels", _("Content")),
        ("details_panels", _("Details")),
        ("references_panels", _("References")),
        ("related_panels", _("Related")),
        ("review_panels", _("Medical review")),
        ("promote_panels", _("Promote")),
        ("settings_panels", _("Settings")),
    )

    def clean(self) -> None:
        super().clean()
        self.reading_time = reading_minutes(
            count_words(self._meta.get_field("body"), self.body),
            neuro_settings.WORDS_PER_MINUTE,
        )

    @property
    def category_labels(self) -> list[str]:
        """Category names, or the "Uncategorized" label the source blog shows when there are none."""
        names = [category.name for category in self.categories.all()]
        return names or [neuro_settings.UNCATEGORIZED_LABEL]

    def get_related_articles(self, limit: int | None = None) -> list[AbstractArticlePage]:
        """Editor picks when there are any; otherwise the newest live, public articles sharing a
        tag or category. Drafts, private and expired pages never appear. (The ranking of
        :meth:`related_articles_for`, for this one page: templates, REST and GraphQL agree.)"""
        return self.rank_related_articles([self], limit)[0]

    @classmethod
    def related_articles_for(
        cls, pages: list[AbstractArticlePage], limit: int | None = None
    ) -> dict[int, list[AbstractArticlePage]]:
        """:meth:`get_related_articles` of many saved articles at once, by page id, in a fixed
        number of queries (GraphQL and REST lists)."""
        pages = [page for page in pages if page.pk is not None]
        return dict(
            zip((page.pk for page in pages), cls.rank_related_articles(pages, limit), strict=True)
        )

    @classmethod
    def rank_related_articles(
        cls, pages: list[AbstractArticlePage], limit: int | None = None
    ) -> list[list[AbstractArticlePage]]:
        """The one ranking of related articles, for each of ``pages`` in order (a preview of a
        page never saved included; its editor picks and topics are read from the instance).

        Editor picks win; otherwise the candidates are the visible articles of the page's
        family sharing a tag or category with it, newest first (:data:`ARTICLE_ORDER`). The
        candidates of all pages are read as ids and topics in one query, and only the chosen
        articles are loaded."""
        limit = limit or neuro_settings.RELATED_ARTICLES_COUNT
        if not pages:
            return []
        model = family_model(cls, AbstractArticlePage)
        saved = [page for page in pages if page.pk is not None]
        if saved:
            prefetch_related_objects(saved, "related_article_links", "tags", "categories")
        picks = [[link.article_id for link in page.related_article_links.all()] for page in pages]
        topics = [
            (set(), set()) if picked else (_ids(page.tags.all()), _ids(page.categories.all()))
            for page, picked in zip(pages, picks, strict=True)
        ]
        tag_ids = set().union(*(tags for tags, _ in topics))
        category_ids = set().union(*(categories for _, categories in topics))
        candidates: dict[int, tuple[set[int], set[int]]] = {}
        if tag_ids or category_ids:
            shared = Q(tags__in=tag_ids) | Q(categories__in=category_ids)
            shared_ids = visible_pages(model.objects.filter(shared)).values("pk")
            rows = (
                model.objects.filter(pk__in=shared_ids)
                # the topics break ties within an article, so windows never split it unevenly
                .order_by(*ARTICLE_ORDER, "tags", "categories")
                .values_list("pk", "tags", "categories")
            )
            seekers = [
                (page.pk, tags, categories)
                for page, (tags, categories) in zip(pages, topics, strict=True)
                if tags or categories
            ]
            candidates = _read_candidates(rows, seekers, limit)
        chosen_ids: list[list[int]] = []
        for page, picked, (tags, categories) in zip(pages, picks, topics, strict=True):
            if picked:
                ids = [pk for pk in picked if pk != page.pk]
            else:
                ids = [
                    pk
                    for pk, (other_tags, other_categories) in candidates.items()
                    if pk != page.pk and (other_tags & tags or other_categories & categories)
                ][:limit]  # all visible already
            chosen_ids.append(ids)
        wanted = {pk for ids in chosen_ids for pk in ids}
        found = visible_pages(model.objects.filter(pk__in=wanted)).in_bulk() if wanted else {}
        return [[found[pk] for pk in ids if pk in found][:limit] for ids in chosen_ids]


class ArticlePage(AbstractArticlePage):
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Topics readers may browse by, e.g. neuropathy, autoimmune."),
    )

    parent_page_types = ["wagtail_neuro.ArticleIndexPage"]
    subpage_types: list[str] = []
    template = "wagtail_neuro/article_page.html"

    class Meta:
        verbose_name = _("article page")


class ArticleRelatedLink(Orderable):
    """An editor's pick of a related article, in the order chosen."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_article_links")
    article = models.ForeignKey(
        ArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("article", "wagtail_neuro.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")

    def clean(self) -> None:
        if self.article_id and self.article_id == self.page_id:
            raise ValidationError({"article": _("An article cannot be related to itself.")})
