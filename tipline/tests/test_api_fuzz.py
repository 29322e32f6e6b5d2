"""The JSON API fuzzed from its own OpenAPI document (schemathesis): whatever a client sends, the API answers
without a server error and only with responses its document describes. Bounded in examples per operation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from tipline.config.wsgi import application
from tipline.testsupport.factories import report_make
from tipline.vault.receipts import receipt_format

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _connection_kept_across_requests() -> Iterator[None]:
    """Schemathesis calls the WSGI application directly, so Django's request signals close the database
    connection after each request, which would end the test's transaction. Django's own test client disconnects
    them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Every other built-in check runs (no server error, documented status codes, response schemas and content types,
# refusal of invalid data, authentication enforced). "Schema-valid data is accepted" cannot hold: a category must
# exist in the configuration and a body must agree with `anonymous`, rules no schema states.
EXCLUDED = [positive_data_acceptance]
BOUNDED = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_api_answers_only_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=EXCLUDED)


@pytest.fixture
def receipt_header(units: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Receipt {receipt_format(report_make().code)}"}


@pytest.mark.django_db
@schema.include(path_regex="^/api/v1/status").parametrize()
@BOUNDED
def test_follow_up_with_a_valid_receipt_answers_only_as_documented(
    case: schemathesis.Case, receipt_header: dict[str, str]
) -> None:
    """The same with a real receipt code, so that the bodies reach the follow-up services."""
    case.headers = {**(case.headers or {}), **receipt_header}
    # Authentication itself is checked by the test above; here the header is always the real one.
    case.call_and_validate(
        excluded_checks=[
            *EXCLUDED,
            schemathesis.checks.ignored_auth,
            schemathesis.checks.missing_required_header,
        ]
    )
