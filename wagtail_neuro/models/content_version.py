"""The content version row: the one number every change visible in the feeds advances.

It lives in the database (not only in the cache) because every process must agree on it: each
gunicorn worker with a local-memory cache, a second app server, and ``publish_scheduled`` run by
cron in a process of its own. See :mod:`wagtail_neuro.cache.version`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ContentVersion"]


class ContentVersion(models.Model):
    """A single row (``pk=1``): ``value`` goes up on every publish, unpublish, move, delete and
    snippet change, in the same transaction as the change, and when time alone changes an
    answer (``next_change_at``)."""

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)
    #: The next instant an answer changes with no edit: a page or snippet expiring, a clinic
    #: opening or closing. Reading the version after it advances the version.
    next_change_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self) -> str:
        return f"content version {self.value}"
