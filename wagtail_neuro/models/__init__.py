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
from .clinic_settings import ClinicSettings, ClinicSpecialty
from .conditions import (
    AbstractConditionIndexPage,
    AbstractConditionPage,
    ConditionAlias,
    ConditionCode,
    ConditionIndexPage,
    ConditionPage,
    ConditionRelatedLink,
)
from .content_version import ContentVersion, PageChange, PageFragment
from .review import MedicalReviewMixin, ReviewReminder
from .review_task import ClinicalReviewTask
from .seo import SearchMetadataMixin
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
    "ClinicSettings",
    "ClinicSpecialty",
    "ClinicalReviewTask",
    "ConditionAlias",
    "ConditionCode",
    "ConditionIndexPage",
    "ConditionPage",
    "ConditionRelatedLink",
    "ContentVersion",
    "MedicalReviewMixin",
    "PageChange",
    "PageFragment",
    "ReviewReminder",
    "SearchMetadataMixin",
]
