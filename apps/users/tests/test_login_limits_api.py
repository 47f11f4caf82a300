"""Failed-login limits that cannot be turned against a chosen account, through the real
HTTP path (APIClient with REMOTE_ADDR → DRF → the Redis counters): per (account, IP), per
IP, a generous per-account ceiling, and known devices judged only by their own failures."""

import pytest
from django.core.cache import cache

from apps.core.models import AuditLog
from apps.core.tests.assertions import assert_error
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
WRONG = "Wrong-Password-1"
VICTIM_IP = "198.51.100.7"


@pytest.fixture
def rates(settings):
    def _set(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
        }

    _set(login_failure="5/15min", login_failure_ip="50/15min", login_failure_account="100/hour")
    return _set


def login(api_client, email: str, password: str = DEFAULT_PASSWORD, *, ip: str = VICTIM_IP, device: str = ""):
    body = {"email": email, "password": password, **({"device_token": device} if device else {})}
    return api_client.post(LOGIN, body, format="json", REMOTE_ADDR=ip)


def attacker_ip(n: int) -> str:
    return f"203.0.113.{n % 250 + 1}" if n < 250 else f"192.0.2.{n % 250 + 1}"


def test_failures_from_many_ips_do_not_lock_the_owner_out(api_client, user, rates):
    for n in range(30):
        assert_error(login(api_client, user.email, WRONG, ip=attacker_ip(n)), 401, "invalid_credentials")

    response = login(api_client, user.email)

    assert response.status_code == 200, response.content
    assert not AuditLog.objects.filter(action="login.throttled").exists()


def test_brute_force_from_one_ip_on_one_account_is_locked_with_retry_after(api_client, user, rates):
    for _ in range(5):
        assert_error(login(api_client, user.email, WRONG, ip="203.0.113.9"), 401, "invalid_credentials")

    response = login(api_client, user.email, ip="203.0.113.9")  # even the right password

    error = assert_error(response, 429, "throttled", details={"retry_after"})
    assert 0 < error["details"]["retry_after"] <= 15 * 60
    assert int(response["Retry-After"]) == error["details"]["retry_after"]
    assert "access" not in response.json()
    assert AuditLog.objects.filter(action="login.throttled", target=user.email).count() == 1
    # The owner elsewhere is not affected.
    assert login(api_client, user.email, ip=VICTIM_IP).status_code == 200


def test_throttled_message_is_korean_by_default_and_english_on_request(api_client, user, rates):
    rates(login_failure="1/15min")
    login(api_client, user.email, WRONG)

    ko = login(api_client, user.email)
    en = api_client.post(
        LOGIN,
        {"email": user.email, "password": DEFAULT_PASSWORD},
        format="json",
        REMOTE_ADDR=VICTIM_IP,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert assert_error(ko, 429, "throttled")["message"] == "로그인 실패가 너무 많습니다. 나중에 다시 시도하세요."
    assert assert_error(en, 429, "throttled")["message"] == "Too many failed logins. Try again later."


def test_one_ip_trying_many_accounts_is_locked_per_ip(api_client, user, rates):
    rates(login_failure_ip="3/15min")
    for n in range(3):
        assert_error(
            login(api_client, f"stuffing{n}@example.com", "Guess-1234", ip="203.0.113.9"), 401, "invalid_credentials"
        )

    assert_error(login(api_client, user.email, ip="203.0.113.9"), 429, "throttled")
    assert login(api_client, user.email, ip=VICTIM_IP).status_code == 200


def test_the_per_account_ceiling_stops_a_botnet_but_not_a_known_device(api_client, user, rates):
    rates(login_failure_account="10/hour")
    device = login(api_client, user.email).json()["device_token"]  # the owner's browser, earlier
    for n in range(10):
        assert_error(login(api_client, user.email, WRONG, ip=attacker_ip(n)), 401, "invalid_credentials")

    # A new place (no device token) is refused once the ceiling is reached, right password or not …
    assert_error(login(api_client, user.email, ip="192.0.2.200"), 429, "throttled")
    assert_error(login(api_client, user.email, ip=VICTIM_IP), 429, "throttled")
    # … the owner's known device gets through, from any IP.
    response = login(api_client, user.email, ip=VICTIM_IP, device=device)
    assert response.status_code == 200, response.content
    assert response.json()["device_token"] == device  # the same device keeps its token


def test_a_known_device_is_judged_by_its_own_failures(api_client, user, rates):
    rates(login_failure="3/15min")
    device = login(api_client, user.email).json()["device_token"]
    for _ in range(3):  # an attacker on the same (shared) IP
        login(api_client, user.email, WRONG, ip=VICTIM_IP)
    assert_error(login(api_client, user.email, ip=VICTIM_IP), 429, "throttled")

    assert login(api_client, user.email, ip=VICTIM_IP, device=device).status_code == 200

    for _ in range(3):  # but guessing from the device locks the device
        login(api_client, user.email, WRONG, ip=VICTIM_IP, device=device)
    assert_error(login(api_client, user.email, ip=VICTIM_IP, device=device), 429, "throttled")


def test_a_device_token_of_another_account_or_a_forged_one_counts_as_no_device(api_client, user, make_user, rates):
    rates(login_failure_account="2/hour")
    other = make_user()
    others_device = login(api_client, other.email).json()["device_token"]
    for n in range(2):
        login(api_client, user.email, WRONG, ip=attacker_ip(n))

    assert_error(login(api_client, user.email, device=others_device), 429, "throttled")
    assert_error(login(api_client, user.email, device=others_device[:-3] + "abc"), 429, "throttled")


def test_success_clears_the_pair_counter_but_not_the_account_or_ip_counts(api_client, user, rates):
    login(api_client, user.email, WRONG)
    login(api_client, user.email, WRONG)
    assert cache.get(f"login-fail:pair:{user.email}:{VICTIM_IP}") == 2

    assert login(api_client, user.email).status_code == 200

    assert cache.get(f"login-fail:pair:{user.email}:{VICTIM_IP}") is None
    assert cache.get(f"login-fail:account:{user.email}") == 2
    assert cache.get(f"login-fail:ip:{VICTIM_IP}") == 2


def test_failure_counters_expire_after_their_windows(api_client, user, rates):
    login(api_client, user.email, WRONG)

    assert 0 < cache.ttl(f"login-fail:pair:{user.email}:{VICTIM_IP}") <= 15 * 60
    assert 0 < cache.ttl(f"login-fail:ip:{VICTIM_IP}") <= 15 * 60
    assert 15 * 60 < cache.ttl(f"login-fail:account:{user.email}") <= 3600


def test_below_the_limit_the_right_password_works(api_client, user, rates):
    for _ in range(4):
        login(api_client, user.email, WRONG)

    assert login(api_client, user.email).status_code == 200
