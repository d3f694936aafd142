"""The agency's models: ``docs/extending.md`` shows this file.

A ``ClinicArticlePage`` on the package's ``AbstractArticlePage``, whose body is the package's
article body plus an ``faq`` block of the agency's own. Nothing else is copied: the relations
that point at a concrete model (tags, editor-picked related articles) are declared here, as
for any subclass of the abstract bases.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

from wagtail_neuro.blocks import ArticleBodyBlock, ParagraphBlock
from wagtail_neuro.models import AbstractArticleIndexPage, AbstractArticlePage
from wagtail_neuro.models.inheritance import extend_stream_field


class FaqBlock(blocks.StructBlock):
    """A question and its answer. It keeps Wagtail's own representation, so its shape
    (``{question, answer}``) is described from its children: no declaration needed."""

    question = blocks.CharBlock(max_length=255, label=_("Question"))
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        description = _("A frequently asked question and its answer.")


class ClinicArticleBody(ArticleBodyBlock):
    """The package's article body, plus the agency's FAQ."""

    faq = FaqBlock()


class ClinicArticleIndexPage(AbstractArticleIndexPage):
    article_model = "clinicsite.ClinicArticlePage"
    subpage_types = ["clinicsite.ClinicArticlePage"]
    template = "wagtail_neuro/article_index_page.html"


class ClinicArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "clinicsite.ClinicArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ClinicArticlePage(AbstractArticlePage):
    body = extend_stream_field(AbstractArticlePage, "body", ClinicArticleBody())
    tags = ClusterTaggableManager(through=ClinicArticlePageTag, blank=True)

    parent_page_types = ["clinicsite.ClinicArticleIndexPage"]
    subpage_types: list[str] = []
    template = "wagtail_neuro/article_page.html"


class ClinicArticleRelatedLink(Orderable):
    page = ParentalKey(
        ClinicArticlePage, on_delete=models.CASCADE, related_name="related_article_links"
    )
    article = models.ForeignKey(ClinicArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article")]
