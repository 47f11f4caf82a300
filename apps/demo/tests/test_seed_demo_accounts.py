from django.core.management import call_command
from rest_framework.test import APIClient

from apps.users.models import User


def test_demo_accounts_are_verified_and_sign_in_at_once(db):
    call_command("seed_demo")

    assert not User.objects.filter(email_verified=False).exists()
    response = APIClient().post(
        "/api/v1/auth/login/", {"email": "director@videoplanet.local", "password": "vp-demo-2026!"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["user"]["email"] == "director@videoplanet.local"
