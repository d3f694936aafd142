"""Build large, deterministic page trees fast: copies of one real page, written in bulk.

Creating 10,000 articles through Wagtail's tree API (``add_child`` + ``save_revision().publish()``)
takes tens of minutes: every page locks and rewrites its parent, writes a revision, a log entry,
search and reference index rows and sends signals. A benchmark needs none of that: it needs
10,000 rows that the feeds read exactly as they read a published page. :func:`clone_page`
writes them directly:

1. ``wagtailcore_page`` rows with ``bulk_create``: each with the next treebeard materialised
   path under the same parent (``Page._get_path(parent.path, depth, step)``), its own slug,
   ``url_path``, title and a deterministic ``translation_key``;
2. the specific table (e.g. ``wagtail_neuro_articlepage``) with one ``INSERT … SELECT`` per
   batch that copies the template's row (StreamField bodies included) under the new pointers,
   so the bodies never travel through Python;
3. the template's child rows (tags, aliases, ICD-10 codes, related links: every relation of the
   page's own app) and many-to-many rows (categories), with ``bulk_create``;
4. the parent's ``numchild``, by one ``UPDATE``.

Then ``vary(i)`` may set per-copy fields of the specific table (date, hero image) with one
``executemany``. The copies are live, public and published at the template's time; they have
no revisions, no search-index entries and no reference-index rows (nothing the read paths use).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models, transaction
from django.db.models import F
from wagtail.models import Page

__all__ = ["clone_page"]

BATCH = 1000
NAMESPACE = uuid.UUID("6f1c1b52-5d8a-4ad7-9b55-1b1b0a7e7a11")


def _batches(items: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _page_rows(template: Page, parent: Page, count: int, label: str) -> list[Page]:
    last = parent.get_last_child()
    first_step = (last._get_lastpos_in_path() if last else 0) + 1
    depth = parent.depth + 1
    base = Page.objects.get(pk=template.pk)
    rows = []
    for number in range(count):
        slug = f"{template.slug}-{label}-{number}"
        row = Page(
            **{
                field.attname: getattr(base, field.attname)
                for field in Page._meta.concrete_fields
                if field.attname != "id"
            }
        )
        row.pk = None
        row.path = Page._get_path(parent.path, depth, first_step + number)
        row.depth = depth
        row.numchild = 0
        row.slug = slug
        row.title = row.draft_title = f"{template.title} ({label} {number})"
        row.url_path = f"{parent.url_path}{slug}/"
        row.translation_key = uuid.uuid5(NAMESPACE, row.url_path)
        row.latest_revision_id = row.live_revision_id = None
        row.live = True
        row.has_unpublished_changes = False
        rows.append(row)
    return Page.objects.bulk_create(rows, batch_size=BATCH)


def _copy_specific_rows(model: type[models.Model], template_pk: int, new_pks: list[int]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    pointer = model._meta.pk.column
    columns = [f.column for f in model._meta.local_concrete_fields if f.column != pointer]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        for batch in _batches(new_pks):
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({connection.ops.quote_name(pointer)}, {quoted}) "
                f"SELECT p.id, {', '.join('t.' + connection.ops.quote_name(c) for c in columns)} "
                f"FROM wagtailcore_page p, {table} t WHERE t.{connection.ops.quote_name(pointer)}"
                f" = %s AND p.id IN ({marks})",
                [template_pk, *batch],
            )


def _copy_children(template: models.Model, new_pks: list[int]) -> None:
    """Rows of the page's own app that point at it (tags, aliases, codes, related links)."""
    model = type(template)
    app_label = model._meta.app_label
    for relation in model._meta.related_objects:
        related = relation.related_model
        if not relation.one_to_many or related._meta.app_label != app_label:
            continue
        rows = list(related._default_manager.filter(**{relation.field.name: template.pk}))
        copies = []
        for pk in new_pks:
            for row in rows:
                copy = related(
                    **{
                        f.attname: getattr(row, f.attname)
                        for f in related._meta.concrete_fields
                        if not f.primary_key
                    }
                )
                setattr(copy, relation.field.attname, pk)
                copies.append(copy)
        related._default_manager.bulk_create(copies, batch_size=BATCH)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if through is None or not through._meta.auto_created:
            continue
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        targets = list(
            through.objects.filter(**{source: template.pk}).values_list(f"{target}_id", flat=True)
        )
        through.objects.bulk_create(
            [through(**{f"{source}_id": pk, f"{target}_id": t}) for pk in new_pks for t in targets],
            batch_size=BATCH,
        )


def _vary(model: type[models.Model], new_pks: list[int], vary: Callable[[int], dict]) -> None:
    changes = [vary(number) for number in range(len(new_pks))]
    if not changes or not changes[0]:
        return
    names = list(changes[0])
    columns = [model._meta.get_field(name).column for name in names]
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    pointer = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {pointer} = %s",
            [
                [change[name] for name in names] + [pk]
                for change, pk in zip(changes, new_pks, strict=True)
            ],
        )


def clone_page(
    template: Page,
    count: int,
    *,
    label: str = "copy",
    vary: Callable[[int], dict[str, Any]] | None = None,
) -> list[int]:
    """Write ``count`` live copies of ``template`` (a specific page) beside it; their ids.

    ``label`` keeps slugs unique across calls; ``vary(i)`` returns per-copy values of fields
    of the specific model (the same keys for every ``i``).
    """
    template = template.specific
    model = type(template)
    parent = template.get_parent()
    with transaction.atomic():
        rows = _page_rows(template, parent, count, label)
        new_pks = [row.pk for row in rows]
        if model is not Page:
            if model._meta.get_parent_list() != [Page]:
                raise ValueError(f"{model.__name__}: only direct Page subclasses are supported")
            _copy_specific_rows(model, template.pk, new_pks)
            _copy_children(template, new_pks)
            if vary is not None:
                _vary(model, new_pks, vary)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return new_pks
