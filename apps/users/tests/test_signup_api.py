"""Sign-up without account enumeration, and e-mail verification, through the real HTTP path
(APIClient → DRF → PostgreSQL/Redis → Celery (eager) → the locmem mail outbox)."""

import re
import threading
import time
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.db import connection
from rest_framework.test import APIClient

from apps.core.models import AuditLog
from apps.core.tests.assertions import assert_error
from apps.core.throttling import AuthRateThrottle
from apps.users.models import User
from apps.users.services import token_pair_for
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
VERIFY = "/api/v1/auth/verify-email/"
RESEND = "/api/v1/auth/verify-email/resend/"
ME = "/api/v1/users/me/"

STRONG_PASSWORD = "Blue-Lantern-Orbit-77"


def registration(**overrides) -> dict:
    return {"email": "new.member@example.com", "password": STRONG_PASSWORD, "display_name": "김감독", **overrides}


@pytest.fixture
def post(api_client, django_capture_on_commit_callbacks):
    """POST as JSON, running what the request enqueued on commit (the sign-up e-mails)."""

    def _post(url: str, data: dict, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return api_client.post(url, data, format="json", **extra)

    return _post


def verification_token(message) -> str:
    link = re.search(r"https?://\S+/verify-email\?token=\S+", message.body).group(0)
    return parse_qs(urlparse(link).query)["token"][0]


def login(post, email: str, password: str):
    return post(LOGIN, {"email": email, "password": password})


# --- register: the same answer for a new and a taken address ---------------------------


def test_register_answers_202_check_your_email_and_signs_nobody_in(post):
    response = post(REGISTER, registration(email="New.Member@Example.COM", locale="en"))

    assert response.status_code == 202, response.content
    assert response.json() == {"email": "new.member@example.com", "verification_required": True}
    user = User.objects.get()
    assert (user.email, user.locale, user.email_verified, user.is_active) == (
        "new.member@example.com",
        "en",
        False,
        True,
    )
    assert user.check_password(STRONG_PASSWORD)
    assert AuditLog.objects.filter(action="user.registered", actor=user).count() == 1
    [message] = mail.outbox
    assert message.to == ["new.member@example.com"]
    assert message.subject == "[VideoPlanet] Confirm your e-mail address"
    assert "/verify-email?token=" in message.body


def test_register_sends_the_verification_email_in_korean_by_default(post):
    post(REGISTER, registration())

    [message] = mail.outbox
    assert message.subject == "[VideoPlanet] 이메일 주소를 확인해 주세요"
    assert "김감독님" in message.body
    assert User.objects.get().locale == "ko"


def test_register_with_a_taken_address_answers_exactly_like_a_new_one(post):
    UserFactory(email="taken@example.com", display_name="Owner", locale="en")

    new = post(REGISTER, registration(email="fresh@example.com"))
    taken = post(REGISTER, registration(email="TAKEN@example.com"))

    assert (new.status_code, taken.status_code) == (202, 202)
    assert set(new.json()) == set(taken.json())
    assert new.json() == {**taken.json(), "email": "fresh@example.com"}
    assert new.headers["Content-Type"] == taken.headers["Content-Type"]
    assert User.objects.count() == 2
    owner = User.objects.get(email="taken@example.com")
    assert owner.display_name == "Owner" and owner.check_password(DEFAULT_PASSWORD)  # nothing changed
    # The owner hears of the attempt (in their language); no verification link goes there.
    attempt = [m for m in mail.outbox if m.to == ["taken@example.com"]]
    assert len(attempt) == 1
    assert attempt[0].subject == "[VideoPlanet] Someone tried to sign up with your address"
    assert "verify-email" not in attempt[0].body
    assert "/reset-password" in attempt[0].body
    assert AuditLog.objects.filter(action="user.register_existing", target=str(owner.pk)).count() == 1


def test_registration_attempt_email_is_korean_for_a_korean_owner(post):
    UserFactory(email="taken@example.com", locale="ko")

    post(REGISTER, registration(email="taken@example.com"))

    [message] = mail.outbox
    assert message.subject == "[VideoPlanet] 회원님의 이메일로 가입 시도가 있었습니다"


def test_register_with_a_taken_address_still_refuses_a_weak_password_like_a_new_one(post):
    UserFactory(email="taken@example.com")

    taken = post(REGISTER, registration(email="taken@example.com", password="qwertyuiop"))
    new = post(REGISTER, registration(email="fresh@example.com", password="qwertyuiop"))

    a = assert_error(taken, 400, "validation_error", details={"password"})
    b = assert_error(new, 400, "validation_error", details={"password"})
    assert a["details"] == b["details"]
    assert mail.outbox == []


@pytest.mark.slow  # real PBKDF2 hashing, seven times
def test_register_takes_about_as_long_for_a_taken_address(post, settings):
    # Real hashing cost (the test settings use MD5): both paths hash the password once.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    UserFactory(email="taken@example.com")

    def elapsed(email: str) -> float:
        start = time.perf_counter()
        assert post(REGISTER, registration(email=email)).status_code == 202
        return time.perf_counter() - start

    elapsed("warm-up@example.com")
    new = min(elapsed(f"fresh{n}@example.com") for n in range(3))
    taken = min(elapsed("taken@example.com") for _ in range(3))

    assert taken > 0.5 * new and new > 0.5 * taken, (new, taken)


def test_registering_an_unverified_address_again_sends_a_new_link_and_changes_nothing(post):
    post(REGISTER, registration())
    first = verification_token(mail.outbox[0])

    again = post(REGISTER, registration(display_name="Second", password="Other-Lantern-88"))

    assert again.status_code == 202
    user = User.objects.get()
    assert (user.display_name, user.email_verified) == ("김감독", False)
    assert not user.check_password("Other-Lantern-88")
    second = verification_token(mail.outbox[1])
    assert post(VERIFY, {"token": second, "password": STRONG_PASSWORD}).status_code == 200
    # One link confirmed the address; every other one is void from then on.
    assert_error(post(VERIFY, {"token": first, "password": STRONG_PASSWORD}), 400, "verification_link_invalid")


def test_pre_hijacking_fails_the_mailbox_owner_sets_the_password_when_verifying(post, api_client):
    """An attacker registers the victim's address with a password of their own (before or
    after the victim did); the link reaches only the victim, who types their own password on
    the verification page. The attacker's password never opens the account, and the attacker
    can neither replay the link nor re-register to take the verified account."""
    attacker_password, victim_password = "Attacker-Owns-This-1", "Victim-Real-Secret-2"
    post(REGISTER, registration(email="victim@example.com", password=attacker_password, display_name="Attacker"))
    post(REGISTER, registration(email="victim@example.com", password=attacker_password, display_name="Attacker"))
    link = verification_token(mail.outbox[-1])
    # Before verification nobody is let in, the attacker included.
    assert_error(login(post, "victim@example.com", attacker_password), 403, "email_not_verified")

    verified = post(VERIFY, {"token": link, "password": victim_password})

    assert verified.status_code == 200, verified.content
    assert_error(login(post, "victim@example.com", attacker_password), 401, "invalid_credentials")
    victim = login(post, "victim@example.com", victim_password)
    assert victim.status_code == 200, victim.content
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {victim.json()['access']}").status_code == 200
    # Replaying the link (to set the attacker's password) fails, and so does registering again.
    assert_error(post(VERIFY, {"token": link, "password": attacker_password}), 400, "verification_link_invalid")
    assert post(REGISTER, registration(email="victim@example.com", password=attacker_password)).status_code == 202
    assert "verify-email" not in mail.outbox[-1].body
    assert User.objects.get(email="victim@example.com").check_password(victim_password)


def test_verifying_revokes_tokens_issued_before(post, api_client):
    post(REGISTER, registration())
    user = User.objects.get()
    earlier = token_pair_for(user)  # e.g. minted while the account was unverified
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {earlier['access']}").status_code == 200

    assert (
        post(VERIFY, {"token": verification_token(mail.outbox[0]), "password": "Fresh-Verify-Pass-9"}).status_code
        == 200
    )

    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {earlier['access']}").status_code == 401
    assert post("/api/v1/auth/refresh/", {"refresh": earlier["refresh"]}).status_code == 401


def test_verify_refuses_a_weak_password_and_keeps_the_link_usable(post):
    post(REGISTER, registration())
    token = verification_token(mail.outbox[0])

    weak = post(VERIFY, {"token": token, "password": "1234"})

    assert_error(weak, 400, "validation_error", details={"password"})
    assert not User.objects.get().email_verified
    assert post(VERIFY, {"token": token, "password": STRONG_PASSWORD}).status_code == 200


def test_sign_up_emails_to_one_address_are_capped_without_changing_the_answer(post, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "email_verification": "2/hour"},
    }
    UserFactory(email="taken@example.com")

    statuses = [post(REGISTER, registration(email="taken@example.com")) for _ in range(4)]

    assert [r.status_code for r in statuses] == [202] * 4
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_with_same_email_create_one_user_and_answer_alike():
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def register(email: str) -> None:
        try:
            client = APIClient()
            barrier.wait(timeout=5)
            statuses.append(client.post(REGISTER, registration(email=email), format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(email,)) for email in ("race@example.com", "RACE@example.com")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [202, 202]
    assert list(User.objects.values_list("email", flat=True)) == ["race@example.com"]
    assert AuditLog.objects.filter(action="user.registered").count() == 1


# --- verification -----------------------------------------------------------------------


def test_unverified_account_cannot_sign_in_until_the_link_is_followed(post, api_client):
    post(REGISTER, registration(locale="en"))

    refused = login(post, "new.member@example.com", STRONG_PASSWORD)
    assert_error(refused, 403, "email_not_verified")
    assert "access" not in refused.json()

    verified = post(VERIFY, {"token": verification_token(mail.outbox[0]), "password": STRONG_PASSWORD})

    assert verified.status_code == 200, verified.content
    assert verified.json() == {"email": "new.member@example.com", "email_verified": True}
    user = User.objects.get()
    assert user.email_verified
    assert AuditLog.objects.filter(action="email.verified", actor=user).count() == 1
    signed_in = login(post, "new.member@example.com", STRONG_PASSWORD)
    assert signed_in.status_code == 200, signed_in.content
    access = signed_in.json()["access"]
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {access}").json()["email"] == "new.member@example.com"


def test_email_not_verified_message_is_korean_by_default_and_english_on_request(post):
    UserFactory(email="pending@example.com", email_verified=False)

    ko = login(post, "pending@example.com", DEFAULT_PASSWORD)
    en = post(LOGIN, {"email": "pending@example.com", "password": DEFAULT_PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")

    assert assert_error(ko, 403, "email_not_verified")["message"].startswith("먼저 이메일 주소를 확인하세요")
    assert assert_error(en, 403, "email_not_verified")["message"].startswith("Confirm your e-mail address first")


def test_wrong_password_on_an_unverified_account_is_just_wrong(post):
    UserFactory(email="pending@example.com", email_verified=False)

    assert_error(login(post, "pending@example.com", "Wrong-Password-1"), 401, "invalid_credentials")


def test_following_the_link_twice_fails_the_second_time(post):
    post(REGISTER, registration())
    token = verification_token(mail.outbox[0])

    first = post(VERIFY, {"token": token, "password": STRONG_PASSWORD})
    second = post(VERIFY, {"token": token, "password": "Another-Lantern-55"})

    assert first.status_code == 200
    assert_error(second, 400, "verification_link_invalid")
    assert User.objects.get().check_password(STRONG_PASSWORD)
    assert AuditLog.objects.filter(action="email.verified").count() == 1


def test_verify_rejects_a_tampered_token(post):
    post(REGISTER, registration())
    token = verification_token(mail.outbox[0])

    assert_error(
        post(VERIFY, {"token": token[:-2] + "xx", "password": STRONG_PASSWORD}), 400, "verification_link_invalid"
    )
    assert not User.objects.get().email_verified


def test_verify_rejects_an_expired_token(post, settings, monkeypatch):
    post(REGISTER, registration())
    token = verification_token(mail.outbox[0])
    settings.EMAIL_VERIFICATION_MAX_AGE = 60
    later = time.time() + 61
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = post(VERIFY, {"token": token, "password": STRONG_PASSWORD})

    assert_error(response, 400, "verification_link_invalid")
    assert not User.objects.get().email_verified


def test_verify_rejects_a_password_reset_style_garbage_token(post):
    assert_error(post(VERIFY, {"token": "abc:def", "password": STRONG_PASSWORD}), 400, "verification_link_invalid")
    assert_error(post(VERIFY, {}), 400, "validation_error", details={"token", "password"})


def test_resend_answers_alike_and_mails_only_an_unverified_account(post):
    UserFactory(email="pending@example.com", email_verified=False, locale="en")
    UserFactory(email="done@example.com")

    answers = [
        post(RESEND, {"email": email}) for email in ("pending@example.com", "done@example.com", "nobody@example.com")
    ]

    assert [a.status_code for a in answers] == [202, 202, 202]
    assert [a.json()["verification_required"] for a in answers] == [True, True, True]
    [message] = mail.outbox
    assert message.to == ["pending@example.com"]
    assert post(VERIFY, {"token": verification_token(message), "password": STRONG_PASSWORD}).status_code == 200
    assert User.objects.get(email="pending@example.com").email_verified


def test_resend_is_throttled_per_address(post, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "email_verification": "3/hour"},
    }
    UserFactory(email="pending@example.com", email_verified=False)

    for _ in range(5):
        assert post(RESEND, {"email": "pending@example.com"}).status_code == 202

    assert len(mail.outbox) == 3


def test_resend_is_throttled_per_ip_like_the_other_auth_routes(post, monkeypatch):
    monkeypatch.setattr(AuthRateThrottle, "rate", "2/min", raising=False)
    for n in range(2):
        assert post(RESEND, {"email": f"a{n}@example.com"}).status_code == 202

    assert_error(post(RESEND, {"email": "a9@example.com"}), 429, "throttled")


# --- accounts an operator makes are verified ---------------------------------------------


def test_createsuperuser_and_manager_accounts_are_verified(db):
    from django.core.management import call_command

    call_command("createsuperuser", "--noinput", "--email", "ops@example.com", "--display_name", "Ops")

    assert User.objects.get(email="ops@example.com").email_verified
    assert User.objects.create_user(email="scripted@example.com", password="x", display_name="S").email_verified


def test_verification_link_expires_after_the_configured_age_in_the_email(post, settings):
    settings.EMAIL_VERIFICATION_MAX_AGE = int(timedelta(hours=48).total_seconds())

    post(REGISTER, registration(locale="en"))

    assert "48 hours" in mail.outbox[0].body
