"""The "Clinical review" workflow step, driven through the admin's workflow views: only members
of the clinicians' group may approve, and approval stamps the review on the published page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    TaskState,
    Workflow,
    WorkflowState,
    WorkflowTask,
)

from tests.factories import AuthorFactory, ConditionPageFactory
from wagtail_neuro.models import ClinicalReviewTask, ConditionPage
from wagtail_neuro.models.review import add_months


def admin_user(django_user_model, username: str, *groups: Group):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(*groups)
    return user


@pytest.fixture
def editors(home):
    group = Group.objects.create(name="Content editors")
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=permission)
        )
    return group


@pytest.fixture
def clinicians(editors):
    return Group.objects.create(name="Clinicians")


@pytest.fixture
def in_review(conditions_index, clinicians, django_user_model, editors):
    """A condition page submitted to a workflow whose one step is the clinical review."""
    task = ClinicalReviewTask.objects.create(name="Clinical review")
    task.groups.add(clinicians)
    workflow = Workflow.objects.create(name="Medical content")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = ConditionPageFactory(parent=conditions_index, title="Neuropathy")
    page.save_revision().publish()
    editor = admin_user(django_user_model, "editor", editors)
    page = ConditionPage.objects.get(pk=page.pk)
    page.summary = "Reviewed wording."
    page.save_revision(user=editor)
    workflow_state = workflow.start(page, editor)
    return page, TaskState.objects.get(pk=workflow_state.current_task_state_id)


def action_url(page, action: str, task_state) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_a_clinician_approves_and_the_review_is_recorded(
    client, in_review, clinicians, editors, django_user_model, today
):
    page, task_state = in_review
    reviewer = AuthorFactory(name="Dr. Lee", credentials="MD")
    clinician = admin_user(django_user_model, "dr-lee", clinicians, editors)
    client.force_login(clinician)
    # the approval form asks who signs the review
    form = client.get(
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[page.pk, "approve", task_state.pk],
        )
    )
    assert form.status_code == 200
    assert "reviewed_by" in form.content.decode()

    response = client.post(
        action_url(page, "approve", task_state), {"reviewed_by": reviewer.pk, "comment": "OK"}
    )
    assert response.status_code == 302
    page = ConditionPage.objects.get(pk=page.pk)
    assert page.live and not page.has_unpublished_changes
    assert page.summary == "Reviewed wording."  # the submitted content was published
    assert (page.reviewed_by, page.last_reviewed) == (reviewer, today)
    assert page.next_review_due == add_months(today, 12)
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "approved"


def test_authors_without_credentials_cannot_sign(
    client, in_review, clinicians, editors, django_user_model
):
    page, task_state = in_review
    layperson = AuthorFactory(name="Care Manager", credentials="")
    client.force_login(admin_user(django_user_model, "dr-lee", clinicians, editors))
    client.post(action_url(page, "approve", task_state), {"reviewed_by": layperson.pk})
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert ConditionPage.objects.get(pk=page.pk).reviewed_by is None


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_only_clinicians_can_approve(client, in_review, editors, django_user_model, who):
    page, task_state = in_review
    reviewer = AuthorFactory(name="Dr. Lee", credentials="MD")
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    else:
        user = admin_user(django_user_model, "another-editor", editors)
    client.force_login(user)
    client.post(action_url(page, "approve", task_state), {"reviewed_by": reviewer.pk})
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    page = ConditionPage.objects.get(pk=page.pk)
    assert page.reviewed_by is None and page.summary != "Reviewed wording."


def test_a_clinician_can_request_changes(client, in_review, clinicians, editors, django_user_model):
    page, task_state = in_review
    client.force_login(admin_user(django_user_model, "dr-lee", clinicians, editors))
    client.post(action_url(page, "reject", task_state), {"comment": "Cite a source."})
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert ConditionPage.objects.get(pk=page.pk).reviewed_by is None
