"""`make test-fast` runs on several xdist workers: each must have a Redis of its own."""

from conftest import worker_redis_url


def test_each_worker_gets_the_configured_redis_database_plus_its_number():
    assert worker_redis_url("redis://127.0.0.1:6379/6", "gw0") == "redis://127.0.0.1:6379/6"
    assert worker_redis_url("redis://127.0.0.1:6379/6", "gw3") == "redis://127.0.0.1:6379/9"
    assert worker_redis_url("redis://:secret@redis:6379", "gw1") == "redis://:secret@redis:6379/1"


def test_a_run_without_workers_or_without_redis_keeps_its_url():
    assert worker_redis_url("redis://127.0.0.1:6379/6", "") == "redis://127.0.0.1:6379/6"
    assert worker_redis_url("", "gw1") == ""
