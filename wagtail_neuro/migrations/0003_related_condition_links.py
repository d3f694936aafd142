"""Related conditions become page-chooser rows (``ConditionRelatedLink``), the through model of
``ConditionPage.related_conditions``.

Django cannot add ``through=`` to an existing many-to-many field, so the old field is removed
and added again around a data step that copies its rows into the new model (in the order they
were added) and rewrites stored revisions: a revision holding ``related_conditions`` as a list
of ids would no longer load (a plain many-to-many cannot be assigned), so its ids become
``related_condition_links`` rows, and unpublished drafts keep their picks.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links(apps, schema_editor) -> None:
    ConditionPage = apps.get_model("wagtail_neuro", "ConditionPage")
    ConditionRelatedLink = apps.get_model("wagtail_neuro", "ConditionRelatedLink")
    Through = ConditionPage._meta.get_field("related_conditions").remote_field.through
    rows = Through.objects.order_by("id").values_list(
        "from_conditionpage_id", "to_conditionpage_id"
    )
    position: dict[int, int] = {}
    links = []
    for page_id, condition_id in rows:
        position[page_id] = position.get(page_id, -1) + 1
        links.append(
            ConditionRelatedLink(
                page_id=page_id, condition_id=condition_id, sort_order=position[page_id]
            )
        )
    ConditionRelatedLink.objects.bulk_create(links)
    rewrite_revisions(apps, "related_conditions", to_links)


def copy_links_back(apps, schema_editor) -> None:
    ConditionPage = apps.get_model("wagtail_neuro", "ConditionPage")
    ConditionRelatedLink = apps.get_model("wagtail_neuro", "ConditionRelatedLink")
    Through = ConditionPage._meta.get_field("related_conditions").remote_field.through
    pairs = dict.fromkeys(
        ConditionRelatedLink.objects.order_by("page_id", "sort_order", "id").values_list(
            "page_id", "condition_id"
        )
    )  # the old field had no order and no duplicates
    Through.objects.bulk_create(
        Through(from_conditionpage_id=page_id, to_conditionpage_id=condition_id)
        for page_id, condition_id in pairs
    )
    rewrite_revisions(apps, "related_condition_links", to_ids)


def to_links(content: dict, page_id: str) -> None:
    ids = content.pop("related_conditions", None) or []
    content["related_condition_links"] = [
        {"pk": None, "page": int(page_id), "condition": condition_id, "sort_order": position}
        for position, condition_id in enumerate(ids)
    ]


def to_ids(content: dict, page_id: str) -> None:
    links = content.pop("related_condition_links", None) or []
    content["related_conditions"] = list(dict.fromkeys(link["condition"] for link in links))


def rewrite_revisions(apps, key: str, rewrite) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(
        app_label="wagtail_neuro", model="conditionpage"
    ).first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type=content_type, content__has_key=key)
    for revision in revisions.iterator():
        rewrite(revision.content, revision.object_id)
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtail_neuro", "0002_clinic_review_seo_hours_cache"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConditionRelatedLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "condition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtail_neuro.conditionpage",
                        verbose_name="condition",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_condition_links",
                        to="wagtail_neuro.conditionpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "related condition",
                "verbose_name_plural": "related conditions",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
        migrations.RemoveField(model_name="conditionpage", name="related_conditions"),
        migrations.AddField(
            model_name="conditionpage",
            name="related_conditions",
            field=models.ManyToManyField(
                blank=True,
                help_text="Conditions to link from this page; they link back here automatically.",
                related_name="related_from",
                through="wagtail_neuro.ConditionRelatedLink",
                through_fields=("page", "condition"),
                to="wagtail_neuro.conditionpage",
                verbose_name="related conditions",
            ),
        ),
    ]
