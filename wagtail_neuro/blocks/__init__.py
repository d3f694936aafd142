"""StreamField blocks for clinic content, importable from one place.

``from wagtail_neuro.blocks import ArticleBodyBlock, ReferencesBlock``. Migrations refer to the
blocks by these public paths too (see ``DECONSTRUCT_ALIASES`` in each module).
"""

from .base import (
    HEADING_LEVELS,
    CheckedStructBlock,
    EmbedBlock,
    HeadingBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
)
from .citations import (
    doi_url,
    format_ama,
    format_apa,
    format_citation,
    get_citation_formatter,
    parse_authors,
    pmid_url,
)
from .cta import CallToActionBlock
from .hours import ClinicHoursBlock, clinic_hours_data
from .lists import (
    ConditionItemBlock,
    ConditionListBlock,
    KeyPointBlock,
    KeyPointsBlock,
    StepBlock,
    StepsBlock,
)
from .references import ReferenceCitationBlock, ReferencesBlock, citation_html
from .streams import (
    SECTION_CHOICES,
    ArticleBodyBlock,
    ConditionBodyBlock,
    ConditionSectionBlock,
    SectionContentBlock,
)
from .symptoms import SEVERITY_CHOICES, SymptomBlock, SymptomListBlock
from .validators import (
    normalize_doi,
    normalize_pmid,
    validate_doi,
    validate_http_url,
    validate_pmid,
)

__all__ = [
    "HEADING_LEVELS",
    "SECTION_CHOICES",
    "SEVERITY_CHOICES",
    "ArticleBodyBlock",
    "CallToActionBlock",
    "CheckedStructBlock",
    "ClinicHoursBlock",
    "ConditionBodyBlock",
    "ConditionItemBlock",
    "ConditionListBlock",
    "ConditionSectionBlock",
    "EmbedBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyPointBlock",
    "KeyPointsBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "ReferenceCitationBlock",
    "ReferencesBlock",
    "SectionContentBlock",
    "StepBlock",
    "StepsBlock",
    "SymptomBlock",
    "SymptomListBlock",
    "citation_html",
    "clinic_hours_data",
    "doi_url",
    "format_ama",
    "format_apa",
    "format_citation",
    "get_citation_formatter",
    "normalize_doi",
    "normalize_pmid",
    "parse_authors",
    "pmid_url",
    "validate_doi",
    "validate_http_url",
    "validate_pmid",
]
