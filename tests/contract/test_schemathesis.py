"""The OpenAPI document is a contract: schemathesis, a tool nobody here wrote, checks every GET
operation of ``/api/v3/openapi.json`` against the demo content, in process over WSGI.

Each answer is checked for: no 5xx, a status the operation declares, a declared content type
(``application/problem+json`` for errors), and a body and headers matching the declared
schemas. Requests come from three sources:

* generated: for every GET operation, requests the schema describes (positive) and requests it
  forbids (negative), ``MAX_EXAMPLES`` each, ``derandomize``\\d so every run sends the same;
* the demo's objects: every page, clinic hours, image, document and redirect through its detail
  (and ``find/``) operation, and every operation without required parameters plainly, so each
  page type's real body is validated against its schema, not only the 404s of random ids;
* the answers a generator cannot provoke: a 304 for a matching ``If-None-Match`` and a 429 over
  the rate limit.

Every failure of every operation is collected (not only the first), so one run reports all.
This test supersedes the former ``tests/fuzz/test_openapi_fuzz.py`` (server errors only).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.example_site.demo_loading import load_demo
from tests.shared_data import build_once
from tests.wsgi import in_process_wsgi, own_throttle_counter
from wagtail_neuro.models import ClinicHoursSnippet

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo content (``make demo``'s), loaded once for the module."""
    yield from build_once(django_db_blocker, lambda: load_demo())


@pytest.fixture
def schema(demo: None, db: None, settings: Any) -> Iterator[Any]:
    """The served OpenAPI document, its operations sent to everything the package mounts."""
    settings.ROOT_URLCONF = "tests.security.hostile_urls"
    with in_process_wsgi() as app:
        yield schemathesis.openapi.from_wsgi("/api/v3/openapi.json", app)


def get_operations(schema: Any) -> dict[str, Any]:
    """Every GET operation, by ``operationId``."""
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    return {operation.definition.raw["operationId"]: operation for operation in operations}


class Failures:
    """Distinct failures per operation (the same failure from many examples counts once)."""

    def __init__(self) -> None:
        self.found: dict[str, dict[tuple[str, str], str]] = {}

    def check(self, case: Any, **kwargs: Any) -> Any:
        try:
            return case.call_and_validate(checks=CHECKS, **kwargs)
        except FailureGroup as group:
            for failure in group.exceptions:
                self.add(case.operation.label, failure)
        return None

    def add(self, label: str, failure: Failure) -> None:
        first_line = failure.message.splitlines()[0] if failure.message else ""
        report = f"{failure.title}: {failure.message}"[:800]
        self.found.setdefault(label, {}).setdefault((failure.title, first_line), report)

    def assert_none(self) -> None:
        kinds = Counter(title for found in self.found.values() for title, _line in found)
        report = {label: list(found.values()) for label, found in self.found.items()}
        assert not report, (dict(kinds), report)


def fuzz(operation: Any, mode: GenerationMode, failures: Failures) -> None:
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def examples(case: Any) -> None:
        failures.check(case)

    examples()


def test_generated_requests_conform(schema):
    operations = get_operations(schema)
    assert len(operations) >= 20, sorted(operations)
    failures = Failures()
    for operation in operations.values():
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, failures)
    failures.assert_none()


def demo_path_parameters() -> dict[str, list[dict[str, Any]]]:
    """Path parameters naming each demo object, per detail operation."""
    pages = Page.objects.filter(depth__gt=1).order_by("pk")
    return {
        "pages_detail": [{"page_id": pk} for pk in pages.values_list("pk", flat=True)],
        "wagtail_neuro_clinic_hours_detail": [
            {"hours_id": pk} for pk in ClinicHoursSnippet.objects.values_list("pk", flat=True)
        ],
        "images_detail": [
            {"image_id": pk} for pk in get_image_model().objects.values_list("pk", flat=True)
        ],
        "documents_detail": [
            {"document_id": pk} for pk in get_document_model().objects.values_list("pk", flat=True)
        ],
        "redirects_detail": [
            {"redirect_id": pk} for pk in Redirect.objects.values_list("pk", flat=True)
        ],
    }


def takes_no_required_parameter(operation: Any) -> bool:
    return not any(
        parameter.get("required") for parameter in operation.definition.raw.get("parameters", [])
    )


def test_the_demo_objects_conform(schema):
    operations = get_operations(schema)
    failures = Failures()
    called = Counter()
    for operation_id, objects in demo_path_parameters().items():
        for path_parameters in objects:
            failures.check(operations[operation_id].Case(path_parameters=path_parameters))
            called[operation_id] += 1
    for page in Page.objects.filter(depth__gt=2).order_by("pk"):
        failures.check(operations["pages_find"].Case(query={"html_path": page.url_path}))
    for operation_id, operation in operations.items():
        if takes_no_required_parameter(operation):
            failures.check(operation.Case())
            called[operation_id] += 1
    assert called["pages_detail"] >= 10, called  # the demo's pages were all sent
    assert called["wagtail_neuro_clinic_hours_detail"] >= 1, called
    failures.assert_none()


def answered(check: Callable[..., Any], case: Any, **kwargs: Any) -> Any:
    response = check(case, **kwargs)
    assert response is not None, "the request failed its checks"
    return response


def test_conditional_and_throttled_answers_conform(schema, settings):
    operations = get_operations(schema)
    failures = Failures()
    for operation_id in ("wagtail_neuro_articles_list", "pages_list", "pages_detail"):
        operation = operations[operation_id]
        path_parameters = {"page_id": Page.objects.filter(depth=3).first().pk}
        case = operation.Case(path_parameters=path_parameters if "{" in operation.path else {})
        first = answered(failures.check, case)
        assert first.status_code == 200 and first.headers.get("etag"), first.headers
        again = operation.Case(path_parameters=case.path_parameters)
        second = failures.check(again, headers={"If-None-Match": first.headers["etag"][0]})
        assert second is not None and second.status_code == 304, second
    own_throttle_counter(settings)
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "1/minute"}
    throttled = operations["wagtail_neuro_conditions_list"]
    failures.check(throttled.Case())
    over = failures.check(throttled.Case())
    assert over is not None and over.status_code == 429, over
    failures.assert_none()
