"""The sockets' flood control is DRF's SimpleRateThrottle, counting frames."""

import pytest
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import BaseThrottle

from chat_app.limits import SocketRate
from portfolio.api.clients import client_ip_from_scope
from portfolio.api.throttles import local_limits

pytestmark = pytest.mark.django_db


async def test_a_socket_has_its_own_budget_and_a_wait(settings):
    settings.WS_RATE_LIMIT = "2/min"
    settings.CHAT_RATE_LIMIT = "100/min"
    first, second = SocketRate("ip-a"), SocketRate("ip-a")
    assert [await first.wait(), await first.wait()] == [0, 0]
    assert 0 < await first.wait() <= 60
    assert await second.wait() == 0


async def test_every_socket_of_one_client_shares_the_chat_budget(settings):
    settings.WS_RATE_LIMIT = "100/min"
    settings.CHAT_RATE_LIMIT = "2/hour"
    assert [await SocketRate("ip-b").wait() for _ in range(2)] == [0, 0]
    assert 0 < await SocketRate("ip-b").wait() <= 3600
    assert await SocketRate("ip-c").wait() == 0


async def test_with_redis_down_the_chat_budget_is_counted_in_the_process(settings, redis_down):
    settings.WS_RATE_LIMIT = "100/min"
    settings.CHAT_RATE_LIMIT = "1/min"
    local_limits.clear()
    assert await SocketRate("ip-d").wait() == 0
    assert await SocketRate("ip-d").wait() > 0


@pytest.mark.parametrize("num_proxies", [None, 0, 1, 2])
@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.9", "198.51.100.1, 203.0.113.9"])
def test_a_socket_client_address_is_read_as_drf_reads_a_request(
    monkeypatch, num_proxies, forwarded
):
    monkeypatch.setattr(api_settings, "NUM_PROXIES", num_proxies)
    headers = [] if forwarded is None else [(b"x-forwarded-for", forwarded.encode())]
    scope = {"client": ("192.0.2.1", 5000), "headers": headers}
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = APIRequestFactory().get("/", REMOTE_ADDR="192.0.2.1", **extra)
    assert client_ip_from_scope(scope) == BaseThrottle().get_ident(request)
