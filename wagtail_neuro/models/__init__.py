"""The package's models, importable from one place: ``from wagtail_neuro.models import ArticlePage``."""

from .articles import (
    AbstractArticleIndexPage,
    AbstractArticlePage,
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTag,
    ArticleRelatedLink,
)
from .clinic_hours import ClinicHoursSnippet
from .conditions import (
    AbstractConditionIndexPage,
    AbstractConditionPage,
    ConditionAlias,
    ConditionCode,
    ConditionIndexPage,
    ConditionPage,
)
from .review import MedicalReviewMixin
from .taxonomy import Author, Category

__all__ = [
    "AbstractArticleIndexPage",
    "AbstractArticlePage",
    "AbstractConditionIndexPage",
    "AbstractConditionPage",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedLink",
    "Author",
    "Category",
    "ClinicHoursSnippet",
    "ConditionAlias",
    "ConditionCode",
    "ConditionIndexPage",
    "ConditionPage",
    "MedicalReviewMixin",
]
