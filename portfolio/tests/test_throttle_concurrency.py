"""Every limit holds under a concurrent burst: exactly the allowance gets through.

The requests of a burst start together (a barrier) on threads of their own, so they
reach the shared store (Redis) at once; a read-then-write count lets most of them pass.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from chat_app.limits import FrameThrottle

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db]


def burst(count, send):
    """`send(number)` on `count` threads released at once; their results, in order."""
    barrier = threading.Barrier(count)

    def one(number):
        try:
            barrier.wait(timeout=30)
            return send(number)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def through(statuses):
    return sum(1 for status in statuses if status != 429)


def post(path, body=None, **extra):
    return Client().post(path, body or {}, content_type="application/json", **extra).status_code


# Fast hashing (conftest.py): the ten let through must not hold the pool's connections (10) for
# seconds while the others wait for one to resolve the account.
def test_a_login_burst_from_one_address_gets_exactly_ten():
    statuses = burst(
        30, lambda n: post("/api/v1/auth/login", {"username": f"guess{n}", "password": "x"})
    )
    assert through(statuses) == 10
    assert set(statuses) == {401, 429}


def test_a_login_burst_at_one_account_from_many_addresses_gets_exactly_ten():
    statuses = burst(
        30,
        lambda n: post(
            "/api/v1/auth/login",
            {"username": "alice", "password": "x"},
            REMOTE_ADDR=f"198.51.100.{n}",
        ),
    )
    assert through(statuses) == 10
    assert set(statuses) == {401, 429}


@pytest.mark.parametrize("path", ["/api/v1/chat/send", "/api/v1/cv/query"])
def test_a_chat_burst_gets_exactly_twenty(path):
    assert through(burst(40, lambda n: post(path))) == 20


def test_a_health_burst_gets_exactly_sixty():
    statuses = burst(
        90, lambda n: Client().get("/api/v1/health", HTTP_ACCEPT="application/json").status_code
    )
    assert through(statuses) == 60


def test_a_contact_burst_gets_exactly_five():
    assert through(burst(15, lambda n: post("/api/v1/contact/submit"))) == 5


def test_socket_frames_from_one_client_across_sockets_get_exactly_twenty(settings):
    def frame(_):
        throttle = FrameThrottle(scope="chat-socket", rate=settings.CHAT_RATE_LIMIT, ident="c1")
        return 429 if throttle.seconds_to_wait() else 200

    assert through(burst(50, frame)) == 20
