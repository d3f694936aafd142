"""The content version row: the one number every change visible in the feeds advances.

It lives in the database (not only in the cache) because every process must agree on it: each
gunicorn worker with a local-memory cache, a second app server, and ``publish_scheduled`` run by
cron in a process of its own. See :mod:`wagtail_neuro.cache.version`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ContentVersion", "PageChange", "PageFragment"]


class ContentVersion(models.Model):
    """A single row (``pk=1``): ``value`` goes up on every publish, unpublish, move, delete and
    snippet change, in the same transaction as the change, and when time alone changes an
    answer (``next_change_at``)."""

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)
    #: The next instant an answer changes with no edit: a page or snippet expiring, a clinic
    #: opening or closing. Reading the version after it advances the version.
    next_change_at = models.DateTimeField(null=True, blank=True)
    #: The ``value`` of the last change not confined to known pages (a snippet, an image, the
    #: settings, a move, time passing): stored page representations older than it are unused
    #: (see :mod:`wagtail_neuro.fragments`).
    epoch = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self) -> str:
        return f"content version {self.value}"


class PageChange(models.Model):
    """The content version at which a page's stored representation last went out of date: the
    page was published, unpublished or saved, or a page it shows was (reference index)."""

    #: No database constraint: a change may be recorded for a page being deleted in the same
    #: transaction (Wagtail unpublishes it first); such a row is never read again.
    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="+",
        db_constraint=False,
    )
    version = models.BigIntegerField()

    class Meta:
        verbose_name = _("page change")
        verbose_name_plural = _("page changes")

    def __str__(self) -> str:
        return f"page {self.page_id} changed at version {self.version}"


class PageFragment(models.Model):
    """A live page's API representation (its costly fields: body, references, JSON-LD, SEO …),
    stored by the first answer that built it, for one *variant* (media origin, rich-text format,
    the package's version). Used only while ``version`` is at least the page's
    :class:`PageChange` and ``epoch`` is the current one (see :mod:`wagtail_neuro.fragments`)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    variant = models.CharField(max_length=64)
    #: JSON text as the API sends it (text, not a JSON column, so keys keep their order)
    data = models.TextField()
    #: the content version and epoch read before the page was read to build ``data``
    version = models.BigIntegerField()
    epoch = models.BigIntegerField()

    class Meta:
        verbose_name = _("stored page representation")
        verbose_name_plural = _("stored page representations")
        constraints = [
            models.UniqueConstraint(fields=["page", "variant"], name="wagtail_neuro_fragment_key")
        ]

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.variant[:8]})"
