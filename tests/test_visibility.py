"""One definition of "the public may see this page"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import ArticlePageFactory
from wagtail_neuro.visibility import is_visible, visible_pages

pytestmark = pytest.mark.django_db


def restrict(page, kind: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Staff"))


HIDDEN_CASES = {
    "unpublished": lambda page, blog: page.unpublish(),
    "expired": lambda page, blog: Page.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    ),
    "password": lambda page, blog: restrict(page, "password"),
    "login": lambda page, blog: restrict(page, "login"),
    "groups": lambda page, blog: restrict(page, "groups"),
    "restricted ancestor": lambda page, blog: restrict(blog, "login"),
}


@pytest.mark.parametrize("case", HIDDEN_CASES)
def test_hidden_pages(blog, case):
    page = ArticlePageFactory(parent=blog)
    HIDDEN_CASES[case](page, blog)
    page = Page.objects.get(pk=page.pk)
    assert not is_visible(page)
    assert page not in visible_pages(Page.objects.all())


def test_live_public_page_is_visible(blog):
    page = ArticlePageFactory(parent=blog, expire_at=timezone.now() + dt.timedelta(days=1))
    assert is_visible(page)
    assert page.page_ptr in visible_pages(Page.objects.all())
    assert not is_visible(None)
