from django.core.management import call_command

from apps.feedbacks.models import Feedback, Version
from apps.projects.models import Activity, Invitation, Membership, Phase, Project, Role
from apps.users.models import User


def test_seed_demo_builds_a_living_project_once(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")  # second start: nothing new, credentials printed again

    assert User.objects.filter(email="admin@videoplanet.local", is_staff=True, is_superuser=True).exists()
    project = Project.objects.get()
    roles = set(Membership.objects.filter(project=project).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Phase.objects.filter(project=project).count() == 5
    assert Activity.objects.filter(project=project).count() >= 10
    assert Invitation.objects.filter(project=project, accepted_at__isnull=True).count() == 1
    # A review under way: the clip was processed at once (no worker runs during the seed).
    version = Version.objects.get(asset__project=project)
    assert version.status == Version.Status.READY and version.frame_count == 480 and version.poster
    comments = Feedback.objects.filter(version=version)
    assert comments.filter(parent__isnull=True).count() == 3
    assert comments.filter(parent__isnull=False).count() == 1
    assert comments.filter(annotation__isnull=False).count() == 1
    assert comments.filter(resolved_at__isnull=False, internal=True).count() == 1
    out = capsys.readouterr().out
    assert out.count("director@videoplanet.local") == 2
    assert "vp-demo-2026!" in out


def test_the_demo_client_never_sees_the_team_only_note(db):
    """The demo's client account (the reviewer role) gets the review without the internal note;
    the editor gets it too."""
    from django.urls import reverse
    from rest_framework.test import APIClient

    call_command("seed_demo")
    version = Version.objects.get()
    note = Feedback.objects.get(version=version, internal=True)
    listed = {}
    for email in ("client@videoplanet.local", "editor@videoplanet.local"):
        client = APIClient()
        client.force_authenticate(User.objects.get(email=email))
        response = client.get(reverse("version-feedback", kwargs={"version_id": version.pk}))
        assert response.status_code == 200
        listed[email] = {item["id"] for item in response.json()["results"]}
    assert str(note.pk) not in listed["client@videoplanet.local"]
    assert str(note.pk) in listed["editor@videoplanet.local"]
    assert Membership.objects.get(user__email="client@videoplanet.local").role == Role.REVIEWER
