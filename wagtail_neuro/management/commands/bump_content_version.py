"""``manage.py bump_content_version``: make every cached feed answer unreachable at once.

Publishing, unpublishing, moving and deleting advance the content version by themselves; run
this after a change that sends no signal (a bulk ``QuerySet.update()``, a raw SQL fix, restoring
a backup), or after a deploy that changes how a block or field is represented, so the response
cache, every ETag and every stored page representation start afresh.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail_neuro.cache import bump_content_version, current_version


class Command(BaseCommand):
    help = "Advance the content version: every cached API answer and ETag becomes stale."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            bump_content_version()
        self.stdout.write(f"Content version is now {current_version()}.")
