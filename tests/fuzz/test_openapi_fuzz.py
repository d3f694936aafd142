"""schemathesis over ``/api/v3/openapi.json``, in process against the WSGI app: no request
the schema describes gets a 5xx. A bounded number of examples per operation keeps CI fast;
conformance checks beyond server errors belong to the frontend-contract work.

Every GET operation is fuzzed inside one test (schemathesis's lazy pytest fixtures need the
database, which its pytest plugin cannot give them), and failures are collected per operation.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 8


def test_no_operation_gets_a_server_error(wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", wsgi_app)
    # anonymous writes only ever get 401; the reads are what the public reaches
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    assert len(operations) >= 10, [operation.label for operation in operations]
    failures: dict[str, str] = {}
    for operation in operations:

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def fuzz(case):
            case.call_and_validate(checks=[not_a_server_error])

        try:
            fuzz()
        except Exception as error:  # collected, so one run reports every failing operation
            failures[operation.label] = str(error)[:1000]
    assert not failures, failures
