"""Schemathesis over /api/schema/: no generated request may get a 5xx.

Every documented operation is fuzzed twice: with requests that fit the schema
(positive) and with requests that break it (negative: wrong types, missing
fields, junk). `make test` runs a bounded, derandomised pass (FUZZ_EXAMPLES,
default 10 per operation and mode), so CI sees the same cases every run;
`make fuzz` runs many more with fresh randomness. Requests go to the WSGI app
in-process, as a staff user, so admin endpoints are exercised past authentication.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from portfolio.wsgi import application

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM") != "1"
# Figures for the closing note of a run (printed with -s).
TALLY = {"requests": 0, "server_errors": 0, "contact_accepted": 0, "contact_lost": 0}


@schemathesis.check
def counted_and_nothing_lost(ctx, response, case):
    """Counts requests and 5xx; a contact message answered 201 must be stored."""
    from contact_app.models import ContactSubmission

    TALLY["requests"] += 1
    TALLY["server_errors"] += response.status_code >= 500
    if case.path.endswith("/contact/submit") and response.status_code == 201:
        TALLY["contact_accepted"] += 1
        submission_id = response.json()["data"]["submission_id"]
        if not ContactSubmission.objects.filter(pk=submission_id).exists():
            TALLY["contact_lost"] += 1
            raise AssertionError(f"Contact message {submission_id} answered 201 but not stored.")


# Loaded at collection (generating the schema needs no database). The plugin's
# schema.parametrize()/from_fixture() are not used: on pytest 9.2 they lose the
# per-operation test ids, and from_fixture fails outright.
SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.fixture
def in_transaction_requests():
    # A real WSGI request closes "old" connections when it finishes, which would
    # close the test's transaction; Django's test client turns this off the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def _tally():
    yield
    if TALLY["requests"]:
        print(f"\nfuzz figures: {TALLY}")


@pytest.fixture
def raised_throttles(settings):
    """Throttles far above what the run sends, so requests reach the logic."""
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(rates, "1000000/min"),
    }


@pytest.fixture
def staff_headers(admin_user):
    return {"Authorization": f"Bearer {RefreshToken.for_user(admin_user).access_token}"}


def test_the_schema_has_operations_to_fuzz():
    labels = {operation.label for operation in OPERATIONS}
    assert {"POST /api/v1/telemetry", "POST /api/telemetry", "GET /api/health"} <= labels


@pytest.mark.fuzz
@pytest.mark.parametrize("mode", MODES, ids=str)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_no_generated_request_gets_a_server_error(
    operation, mode, seeded, in_transaction_requests, staff_headers, raised_throttles
):
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=DERANDOMIZE,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case):
        case.call_and_validate(
            headers=staff_headers, checks=[not_a_server_error, counted_and_nothing_lost]
        )

    try:
        fuzz()
    except Unsatisfiable:
        # E.g. GET with no parameters: there is no request that breaks its schema.
        pytest.skip(f"No {mode} request can be generated for {operation.label}.")
