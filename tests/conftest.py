"""Shared fixtures: one site tree (Home → Blog, Home → Conditions) built per test.

Data a whole module only reads is built once with ``tests.shared_data.build_once``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import ArticleIndexPageFactory, ConditionIndexPageFactory, site_home
from tests.receiver import Receiver, serve

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that read it skip cleanly when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"../shared is not present beside the checkout (looked in {SHARED_DIR})")
    return SHARED_DIR


@pytest.fixture
def home(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    return site_home()


@pytest.fixture
def blog(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def conditions_index(home):
    return ConditionIndexPageFactory(parent=home)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.com", password="unused"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A real HTTP server on a loopback port that records webhooks and PURGEs."""
    with serve() as state:
        yield state
