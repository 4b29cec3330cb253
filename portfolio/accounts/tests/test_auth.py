import base64
import json
import threading
from datetime import timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from portfolio.testing import PASSWORD, assert_error_envelope, bearer

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"


def login(client, username, password=PASSWORD, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        content_type="application/json",
        **extra,
    )


def post_json(client, url, body, **extra):
    return client.post(url, body, content_type="application/json", **extra)


def as_bearer(access):
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}


# --- Login --------------------------------------------------------------------


def test_login_with_username_returns_a_token_pair_and_the_user(client, admin_user):
    response = login(client, "owner")
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == {"access", "refresh", "user"}
    assert data["user"] == {
        "id": str(admin_user.pk),
        "username": "owner",
        "email": "owner@example.com",
        "is_staff": True,
        "is_superuser": True,
        "groups": [],
    }
    me = client.get(ME, **as_bearer(data["access"]))
    assert me.json()["data"]["username"] == "owner"


def test_login_with_the_email_in_any_case_works(client, admin_user):
    response = login(client, "Owner@EXAMPLE.com")
    assert response.status_code == 200
    assert response.json()["data"]["user"]["username"] == "owner"


def test_login_records_the_last_login(client, admin_user):
    assert admin_user.last_login is None
    login(client, "owner")
    admin_user.refresh_from_db()
    assert admin_user.last_login is not None


def test_an_email_shared_by_two_accounts_signs_in_neither(client, django_user_model):
    for name in ("first", "second"):
        django_user_model.objects.create_user(name, "shared@example.com", PASSWORD)
    assert login(client, "shared@example.com").status_code == 401


@pytest.mark.parametrize(
    ("username", "password"),
    [("owner", "wrong-password"), ("nobody", PASSWORD), ("nobody@example.com", PASSWORD)],
)
def test_wrong_credentials_answer_401_with_one_sentence(client, admin_user, username, password):
    response = login(client, username, password)
    assert_error_envelope(response, 401, "The username or password is not correct.")


def test_an_inactive_account_cannot_sign_in(client, member_user):
    member_user.is_active = False
    member_user.save()
    assert login(client, "member").status_code == 401


def test_login_without_a_password_answers_400_naming_the_field(client, admin_user):
    response = post_json(client, LOGIN, {"username": "owner"})
    assert response.status_code == 400
    assert "password" in response.json()["details"]


def test_login_only_accepts_post(client):
    response = client.get(LOGIN)
    assert response.status_code == 405
    assert response.json()["success"] is False


def test_a_stale_authorization_header_does_not_block_login(client, admin_user):
    response = login(client, "owner", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 200


def test_token_lifetimes_are_15_minutes_and_7_days(client, admin_user):
    data = login(client, "owner").json()["data"]
    access, refresh = AccessToken(data["access"]), RefreshToken(data["refresh"])
    # iat and exp are rounded to whole seconds separately: allow one second.
    assert abs(access["exp"] - access["iat"] - 15 * 60) <= 1
    assert abs(refresh["exp"] - refresh["iat"] - 7 * 24 * 3600) <= 1
    assert django_settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] == timedelta(minutes=15)


# --- Throttling ---------------------------------------------------------------


def test_login_is_throttled_per_ip_with_retry_after(client, admin_user):
    # Ten attempts a minute (LOGIN_RATE_LIMIT), whichever usernames they try.
    for n in range(10):
        assert login(client, f"guess{n}", "x").status_code == 401
    response = login(client, "owner")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["success"] is False


def test_login_is_throttled_per_username_across_addresses(client, admin_user):
    for n in range(10):
        response = login(client, "owner", "wrong", REMOTE_ADDR=f"203.0.113.{n + 1}")
        assert response.status_code == 401
    # A new address, the same account (in another case): still throttled.
    response = login(client, "OWNER", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Other accounts from that new address are not affected.
    assert login(client, "someone-else", "x", REMOTE_ADDR="198.51.100.7").status_code == 401


def test_the_login_rate_follows_the_setting(client, admin_user, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "2/min",
            "login_username": "2/min",
        },
    }
    assert login(client, "owner").status_code == 200
    assert login(client, "owner").status_code == 200
    assert login(client, "owner").status_code == 429


# --- Refresh: rotation, reuse, expiry, tampering -------------------------------


def test_refresh_rotates_the_pair_and_blacklists_the_old_refresh(client, admin_user):
    first = login(client, "owner").json()["data"]
    response = post_json(client, REFRESH, {"refresh": first["refresh"]})
    assert response.status_code == 200
    second = response.json()["data"]
    assert set(second) == {"access", "refresh"}
    assert second["refresh"] != first["refresh"]
    spent_jti = RefreshToken(first["refresh"], verify=False)["jti"]
    assert BlacklistedToken.objects.filter(token__jti=spent_jti).exists()
    assert client.get(ME, **as_bearer(second["access"])).status_code == 200
    # The new refresh token works in turn.
    assert post_json(client, REFRESH, {"refresh": second["refresh"]}).status_code == 200


def test_reusing_a_rotated_refresh_token_answers_401(client, admin_user):
    first = login(client, "owner").json()["data"]
    assert post_json(client, REFRESH, {"refresh": first["refresh"]}).status_code == 200
    response = post_json(client, REFRESH, {"refresh": first["refresh"]})
    assert response.status_code == 401
    assert response.json()["error"] == "The refresh token is invalid, expired or already used."


def test_an_expired_refresh_token_answers_401(client, admin_user):
    token = RefreshToken.for_user(admin_user)
    token.set_exp(from_time=timezone.now() - timedelta(days=8))
    assert post_json(client, REFRESH, {"refresh": str(token)}).status_code == 401


def test_a_tampered_refresh_token_answers_401(client, admin_user):
    refresh = login(client, "owner").json()["data"]["refresh"]
    header, payload, signature = refresh.split(".")
    forged = ".".join(
        [header, payload, signature[:-4] + ("AAAA" if signature[-4:] != "AAAA" else "BBBB")]
    )
    assert post_json(client, REFRESH, {"refresh": forged}).status_code == 401


def test_an_access_token_is_not_a_refresh_token(client, admin_user):
    access = login(client, "owner").json()["data"]["access"]
    assert post_json(client, REFRESH, {"refresh": access}).status_code == 401


def test_a_disabled_account_cannot_refresh(client, member_user):
    refresh = login(client, "member").json()["data"]["refresh"]
    member_user.is_active = False
    member_user.save()
    assert post_json(client, REFRESH, {"refresh": refresh}).status_code == 401


def test_refresh_without_a_token_answers_400(client):
    response = post_json(client, REFRESH, {})
    assert response.status_code == 400
    assert "refresh" in response.json()["details"]


# --- Logout -------------------------------------------------------------------


def test_logout_blacklists_the_refresh_token_so_refresh_then_answers_401(client, admin_user):
    tokens = login(client, "owner").json()["data"]
    response = post_json(
        client, LOGOUT, {"refresh": tokens["refresh"]}, **as_bearer(tokens["access"])
    )
    assert response.status_code == 200
    assert response.json() == {"success": True, "data": None, "message": "Signed out."}
    assert post_json(client, REFRESH, {"refresh": tokens["refresh"]}).status_code == 401


def test_logout_needs_a_signed_in_user(client, admin_user):
    tokens = login(client, "owner").json()["data"]
    response = post_json(client, LOGOUT, {"refresh": tokens["refresh"]})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    # Nothing was revoked.
    assert post_json(client, REFRESH, {"refresh": tokens["refresh"]}).status_code == 200


def test_nobody_can_log_out_someone_elses_session(client, admin_user, member_user):
    owners = login(client, "owner").json()["data"]
    response = post_json(client, LOGOUT, {"refresh": owners["refresh"]}, **bearer(member_user))
    assert response.status_code == 403
    assert post_json(client, REFRESH, {"refresh": owners["refresh"]}).status_code == 200


def test_logout_with_a_spent_refresh_token_answers_400(client, admin_user):
    tokens = login(client, "owner").json()["data"]
    post_json(client, LOGOUT, {"refresh": tokens["refresh"]}, **as_bearer(tokens["access"]))
    again = post_json(client, LOGOUT, {"refresh": tokens["refresh"]}, **as_bearer(tokens["access"]))
    assert again.status_code == 400


# --- Access tokens ------------------------------------------------------------


def test_me_without_a_token_answers_401_with_www_authenticate(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["success"] is False


def test_a_tampered_access_token_answers_401(client, admin_user):
    access = login(client, "owner").json()["data"]["access"]
    header, _payload, signature = access.split(".")
    claims = AccessToken(access).payload
    claims["user_id"] = "999"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    response = client.get(ME, **as_bearer(f"{header}.{forged_payload}.{signature}"))
    assert response.status_code == 401
    assert response.json()["success"] is False


def test_an_expired_access_token_answers_401(client, admin_user):
    token = AccessToken.for_user(admin_user)
    token.set_exp(from_time=timezone.now() - timedelta(minutes=16))
    response = client.get(ME, **as_bearer(str(token)))
    assert response.status_code == 401


def test_a_token_signed_with_another_key_answers_401(client, admin_user):
    claims = dict(AccessToken.for_user(admin_user).payload)
    forged = jwt.encode(claims, "not-the-secret-key-but-long-enough-for-hs256!", algorithm="HS256")
    assert client.get(ME, **as_bearer(forged)).status_code == 401


def test_me_shows_the_groups(client, editor_user):
    response = client.get(ME, **bearer(editor_user))
    assert response.status_code == 200
    assert response.json()["data"]["groups"] == ["Editor"]
    assert response.json()["data"]["is_staff"] is False


# --- Django admin keeps its own session login -----------------------------------


def test_the_django_admin_still_signs_in_with_a_session(client, admin_user):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "owner", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- Seed 004 mounts --------------------------------------------------------------


def test_seed_004_auth_paths_log_in_refresh_and_log_out(client, admin_user):
    tokens = post_json(
        client, "/api/auth/login", {"username": "owner", "password": PASSWORD}
    ).json()["data"]
    rotated = post_json(client, "/api/auth/refresh", {"refresh": tokens["refresh"]})
    assert rotated.status_code == 200
    fresh = rotated.json()["data"]
    out = post_json(
        client, "/api/auth/logout", {"refresh": fresh["refresh"]}, **as_bearer(fresh["access"])
    )
    assert out.status_code == 200
    assert post_json(client, "/api/auth/refresh", {"refresh": fresh["refresh"]}).status_code == 401


# --- With the production services ----------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_refreshes_with_one_token_let_only_one_through(admin_user):
    # Threads need committed rows, hence a transactional test; serialized_rollback
    # puts back what migrations created (the Editor group) for the tests after it.
    from django.db import connection
    from django.test import Client

    refresh = str(RefreshToken.for_user(admin_user))
    barrier = threading.Barrier(2)
    statuses = []

    def spend():
        try:
            barrier.wait(timeout=10)
            response = post_json(Client(), REFRESH, {"refresh": refresh})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=spend) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200, 401]


@pytest.mark.redis
def test_login_throttling_is_shared_by_every_process_through_redis(client, admin_user):
    from django.core.cache import caches

    other_process = caches.create_connection("default")
    for _ in range(3):
        login(client, "owner", "wrong")
    assert other_process.get("throttle_login_127.0.0.1") == 3


def test_the_username_and_the_email_share_one_bucket_per_account(client, admin_user, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "100/min",
            "login_username": "4/min",
        },
    }
    # Two guesses by username, two by email, from different addresses: one account.
    spellings = ["owner", "OWNER", "owner@example.com", "Owner@Example.COM"]
    for number, identifier in enumerate(spellings):
        response = login(client, identifier, "wrong", REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 401
    response = login(client, "owner@example.com", PASSWORD, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429


def test_with_the_throttle_store_down_login_fails_closed_with_a_503(client, admin_user, redis_down):
    response = login(client, "owner")
    assert_error_envelope(
        response, 503, "Sign-in is unavailable for a moment. Please try again shortly."
    )
    assert response["Retry-After"] == "30"


# --- Claims checked before use (issue 23) -------------------------------------------

BAD_USER_IDS = [[1], "1 OR 1=1", {"id": 1}, True, "", "\uff11", -1]


@pytest.mark.parametrize("user_id", BAD_USER_IDS)
def test_an_access_token_with_a_malformed_user_id_is_a_401(client, admin_user, user_id):
    token = AccessToken.for_user(admin_user)
    token["user_id"] = user_id
    response = client.get("/api/v1/auth/me", **as_bearer(str(token)))
    assert response.status_code == 401
    assert response.json()["success"] is False


@pytest.mark.parametrize("user_id", BAD_USER_IDS)
def test_a_refresh_token_with_a_malformed_user_id_is_a_401(client, admin_user, user_id):
    token = RefreshToken.for_user(admin_user)
    token["user_id"] = user_id
    response = post_json(client, REFRESH, {"refresh": str(token)})
    assert response.status_code == 401
    assert not BlacklistedToken.objects.exists()


def test_an_access_token_with_a_malformed_token_id_is_a_401(client, admin_user):
    token = AccessToken.for_user(admin_user)
    token["jti"] = ["x"]
    assert client.get("/api/v1/auth/me", **as_bearer(str(token))).status_code == 401


def test_a_token_with_a_well_formed_numeric_user_id_still_works(client, admin_user):
    token = AccessToken.for_user(admin_user)
    token["user_id"] = admin_user.pk  # an integer, as other issuers write it
    assert client.get("/api/v1/auth/me", **as_bearer(str(token))).status_code == 200
