"""The example site's home page: the root of the tree the demo hangs the blog and conditions on.

An agency's own home page lives in its own app like this one; wagtail_neuro only provides the
pages below it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLRichText
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_neuro.api.serializers import RichTextDataField
from wagtail_neuro.models import ArticlePage, ConditionPage
from wagtail_neuro.safety import RichTextHTML

LATEST_ARTICLES = 3


class HomePage(Page):
    """Welcomes visitors and points to the newest articles and the conditions treated."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two under the clinic's name."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # the package's sanitised front-end HTML, in REST and GraphQL alike
    api_fields = [APIField("intro", serializer=RichTextDataField())]
    intro_html = RichTextHTML("intro")
    graphql_fields = [GraphQLRichText("intro", source="intro_html")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("author")
            .order_by("-date", "-pk")[:LATEST_ARTICLES]
        )
        context["conditions"] = (
            ConditionPage.objects.live().public().descendant_of(self).order_by("title")
        )
        return context
