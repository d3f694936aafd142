"""The benchmark's deterministic data set, built on the example site's demo content.

``load_demo`` makes the clinic: site, blog, conditions, office hours, authors, categories and the
seed article (an 11-block body with condition links, key points, steps, references). Then:

* ten hero images (solid colours, 1600×900 PNGs), one per tenth of the articles;
* copies of the seed article up to ``articles`` (1,000 or 10,000), each with its own slug,
  title, date (one day apart, newest first) and hero image, the seed's tags, categories,
  body and references;
* copies of a demo condition up to 300 ConditionPages (aliases and codes included).

Copies are written by :func:`benchmarks.dataset.clone_page` (bulk SQL, seconds for 10k); the
content version is advanced once at the end, since bulk writes send no signals, and PostgreSQL's
statistics are refreshed (``ANALYZE``), as autovacuum would do on a live database.
"""

from __future__ import annotations

import datetime
import io

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction

from .dataset import clone_page

__all__ = ["build"]

HERO_COUNT = 10
CONDITIONS = 300
NEWEST = datetime.date(2026, 11, 1)


def _hero_images() -> list:
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    Image = get_image_model()
    images = list(Image.objects.filter(title__startswith="Benchmark hero").order_by("title"))
    for number in range(len(images), HERO_COUNT):
        buffer = io.BytesIO()
        colour = (20 * number, 120, 255 - 20 * number)
        PILImage.new("RGB", (1600, 900), colour).save(buffer, "PNG")
        image = Image(title=f"Benchmark hero {number:02d}", description="A solid colour")
        image.file = ImageFile(buffer, name=f"benchmark-hero-{number:02d}.png")
        image.save()
        images.append(image)
    return images


def _seed_article():
    """The demo's richest article (the seed with the 11-block body), never a copy."""
    from wagtail_neuro.models import ArticlePage

    candidates = ArticlePage.objects.exclude(slug__contains="-bench-").order_by("pk")
    return max(candidates, key=lambda page: len(page.body.raw_data))


def _analyze() -> None:
    """Refresh the planner's statistics after the bulk writes, as autovacuum would on a live
    database: with the empty tables' estimates (one row) PostgreSQL plans the listings' visibility
    check as a nested loop, and the 1k listing's count takes 0.9 s instead of 10 ms."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build(articles: int, *, verbose: bool = True) -> dict[str, int]:
    """Make the database hold ``articles`` ArticlePages and 300 ConditionPages (idempotent)."""
    from wagtail_neuro.cache import bump_content_version
    from wagtail_neuro.models import ArticlePage, ConditionPage

    if not ArticlePage.objects.exists():
        call_command("load_demo", verbosity=0)
    images = _hero_images()
    seed = _seed_article()
    if seed.hero_image_id != images[0].pk:
        seed.hero_image = images[0]
        seed.save_revision().publish()
    have = ArticlePage.objects.count()
    if have < articles:
        offset = ArticlePage.objects.filter(slug__contains="-bench-").count()
        clone_page(
            seed,
            articles - have,
            label=f"bench-{offset}",
            vary=lambda i: {
                "date": NEWEST - datetime.timedelta(days=offset + i),
                "hero_image": images[(offset + i) % HERO_COUNT].pk,
            },
        )
    conditions = ConditionPage.objects.count()
    if conditions < CONDITIONS:
        template = ConditionPage.objects.order_by("pk").first()
        clone_page(
            template,
            CONDITIONS - conditions,
            label="bench",
            vary=lambda i: {"hero_image": images[i % HERO_COUNT].pk},
        )
    with transaction.atomic():
        bump_content_version()
    _analyze()
    counts = {
        "articles": ArticlePage.objects.count(),
        "conditions": ConditionPage.objects.count(),
        "hero_images": len(images),
        "body_blocks": len(seed.body.raw_data),
    }
    if verbose:
        print(f"data set: {counts}", flush=True)
    return counts
