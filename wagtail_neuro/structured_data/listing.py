"""What the ``jsonld`` and ``seo`` of many pages share, loaded once for a listing.

A page's document needs its site, the site's ``ClinicSettings`` (and the clinic node built
from them) and its breadcrumb ancestors. Asked page by page that is a dozen queries each;
:func:`prime_listing` (called by :func:`wagtail_neuro.api.prefetch.prefetch_pages`) loads them
for every page of one listing in a few queries and leaves a :class:`ListingMemo` on each page.
The readers below (:func:`site_of`, :func:`settings_of`, :func:`ancestors_of`) answer from
that memo and fall back to querying when a page carries none (detail pages, templates).

The memo lives on the page instances of one request only: nothing is cached across requests,
so an edited setting shows at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from wagtail.models import Page, Site

__all__ = [
    "ListingMemo",
    "ancestors_of",
    "memo_of",
    "prime_listing",
    "related_conditions_of",
    "settings_of",
    "site_of",
]

#: The attribute a primed page carries its listing's memo in.
MEMO_ATTRIBUTE = "_neuro_listing_memo"


class ListingMemo:
    """Sites, clinic settings and breadcrumb ancestors of the pages of one listing, loaded on
    first use (a card listing that never reads ``jsonld`` or ``seo`` pays nothing)."""

    def __init__(self, pages: Iterable[Page]) -> None:
        self.pages = list(pages)
        self.loaded = False
        self.site_ids: dict[int, int | None] = {}  # page pk -> site pk
        self.sites: dict[int, Site] = {}
        self.settings: dict[int, Any] = {}  # site pk -> ClinicSettings | None
        self.ancestors: dict[str, Page] = {}  # path -> live, public page
        self.clinics: dict[int, Any] = {}  # site pk -> MedicalClinic node
        self.related: dict[int, list[Page]] | None = None  # condition pk -> related conditions

    def load(self) -> ListingMemo:
        if not self.loaded:
            self.loaded = True
            self._load()
        return self

    def _load(self) -> None:
        from ..api.prefetch import prefetch_images
        from ..visibility import restricted

        for page in self.pages:
            self.site_ids[page.pk] = _site_id(page)
        site_ids = {pk for pk in self.site_ids.values() if pk is not None}
        if site_ids:
            # a site has at most one ClinicSettings (a one-to-one): joined, not queried apart
            self.sites = Site.objects.select_related(
                "root_page", "clinicsettings__logo", "clinicsettings__opening_hours"
            ).in_bulk(site_ids)
            self.settings = {pk: _settings(site) for pk, site in self.sites.items()}
            rows = [row for row in self.settings.values() if row is not None]
            prefetch_related_objects(rows, "specialties")
            logos = [row.logo for row in self.settings.values() if row is not None]
            prefetch_images(logos)
        # the pages themselves end their own trails whatever their state: not loaded again
        own = {page.path for page in self.pages}
        paths = {path for page in self.pages for path in _ancestor_paths(page)} - own
        if paths:
            # live and public (``restricted()`` is ``public()`` in one query, not two)
            crumbs = Page.objects.filter(path__in=paths).live().exclude(restricted())
            # titles and URLs only: specific classes (for their URL rules), fields deferred
            crumbs = crumbs.specific(defer=True)
            self.ancestors = {crumb.path: crumb for crumb in crumbs}

    def related_conditions(self, page: Page) -> list[Page]:
        """``page.get_related_conditions()``, answered for every condition of the listing by
        one ``related_conditions_for`` per page class."""
        from ..models.conditions import AbstractConditionPage

        if self.related is None:
            groups: dict[type, list[Page]] = defaultdict(list)
            for listed in self.pages:
                if isinstance(listed, AbstractConditionPage):
                    groups[type(listed)].append(listed)
            self.related = {}
            for model, group in groups.items():
                self.related.update(model.related_conditions_for(group))
        if page.pk not in self.related:
            return page.get_related_conditions()
        return self.related[page.pk]

    def clinic(self, site: Site | None, build: Callable[[], Any]) -> Any:
        """The clinic node of ``site``, built once per listing."""
        if site is None:
            return build()
        if site.pk not in self.clinics:
            self.clinics[site.pk] = build()
        return self.clinics[site.pk]


def memo_of(page: Page) -> ListingMemo | None:
    """The loaded memo of the listing ``page`` belongs to, or ``None`` outside a listing."""
    memo = getattr(page, MEMO_ATTRIBUTE, None)
    return memo.load() if memo is not None else None


def carry_memo(source: Page, target: Page) -> Page:
    """Give ``target`` (``source.specific``) the memo ``source`` carries; returns ``target``."""
    memo = getattr(source, MEMO_ATTRIBUTE, None)
    if memo is not None and target is not source:
        setattr(target, MEMO_ATTRIBUTE, memo)
    return target


def _settings(site: Site) -> Any:
    """The ``ClinicSettings`` joined to ``site``, or ``None``."""
    try:
        return site.clinicsettings
    except ObjectDoesNotExist:
        return None


def _site_id(page: Page) -> int | None:
    parts = page.get_url_parts()
    return parts[0] if parts else None


def _ancestor_paths(page: Page) -> list[str]:
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def prime_listing(pages: Iterable[Page]) -> ListingMemo:
    """Mark ``pages`` as one listing: their sites, clinic settings and breadcrumb ancestors
    are loaded together when the first of them is read."""
    pages = [page for page in pages if page is not None and page.pk is not None]
    memo = ListingMemo(pages)
    for page in pages:
        setattr(page, MEMO_ATTRIBUTE, memo)
    return memo


def site_of(page: Page) -> Site | None:
    """The page's site: from the listing's memo, else ``page.get_site()`` (one query)."""
    memo = memo_of(page)
    if memo is None or page.pk not in memo.site_ids:
        return page.get_site()
    site_id = memo.site_ids[page.pk]
    return memo.sites.get(site_id) if site_id is not None else None


def settings_of(site: Site | None, page: Page | None = None) -> Any:
    """The ``ClinicSettings`` of ``site``: from ``page``'s listing memo, else one query."""
    from .clinic import clinic_settings

    memo = memo_of(page) if page is not None else None
    if memo is None or site is None or site.pk not in memo.settings:
        return clinic_settings(site)
    return memo.settings[site.pk]


def related_conditions_of(page: Page) -> list[Page]:
    """``page.get_related_conditions()``, from its listing's batch when it is in one."""
    memo = getattr(page, MEMO_ATTRIBUTE, None)
    if memo is None:
        return page.get_related_conditions()
    return memo.related_conditions(page)


def ancestors_of(page: Page) -> list[Page] | None:
    """The live, public ancestors of ``page``, root first, then ``page`` itself (which ends
    its trail even as a draft or private page), from its listing memo; ``None`` without one."""
    memo = memo_of(page)
    if memo is None:
        return None
    paths = _ancestor_paths(page)[:-1]
    return [memo.ancestors[path] for path in paths if path in memo.ancestors] + [page]
