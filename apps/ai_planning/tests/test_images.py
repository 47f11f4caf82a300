"""Storyboard reference images from the local fake image search server, in each provider's
format; a provider that is down or slow leaves frames with their queries and the plan done."""

import pytest
from django.urls import reverse

from apps.ai_planning import image_search
from apps.ai_planning.models import AIJob, Plan

from .factories import BriefFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def generate(project_with_roles, fake_openai, django_capture_on_commit_callbacks):
    def run():
        brief = BriefFactory(project=project_with_roles.project)
        with django_capture_on_commit_callbacks(execute=True):
            response = project_with_roles.client("owner").post(reverse("brief-plans", kwargs={"brief_id": brief.pk}))
        assert response.status_code == 202
        return Plan.objects.get(pk=response.json()["plan"])

    return run


def test_frames_get_up_to_three_attributed_images(generate, fake_images):
    plan = generate()

    assert plan.status == Plan.Status.SUCCEEDED
    assert plan.result["images_status"] == {"provider": "pexels", "status": "ok", "error": ""}
    frame = plan.result["storyboard"][0]
    assert frame["image_query"] and len(frame["images"]) == 3
    image = frame["images"][0]
    assert image["source_url"].startswith("https://www.pexels.com/photo/")
    assert image["thumbnail_url"] and image["author"] == "Pexels Author 0" and image["license"] == "Pexels License"
    assert fake_images.calls[0]["authorization"] == "pexels-test"
    assert fake_images.calls[0]["params"]["query"] == frame["image_query"]
    # One search per distinct query.
    assert len(fake_images.calls) == len({f["image_query"] for f in plan.result["storyboard"]})


def test_provider_down_keeps_queries_and_the_plan_succeeds(generate, fake_images):
    fake_images.default = "500"

    plan = generate()

    assert plan.status == Plan.Status.SUCCEEDED and AIJob.objects.get().status == AIJob.Status.SUCCEEDED
    assert plan.result["images_status"]["status"] == "unavailable"
    assert "unavailable" in plan.result["images_status"]["error"]
    assert all(frame["image_query"] and frame["images"] == [] for frame in plan.result["storyboard"])


@pytest.mark.parametrize("behaviour", ["429", "slow"])
def test_a_busy_or_slow_provider_is_retried(fake_images, behaviour):
    fake_images.queue(behaviour)
    images = image_search.provider().search("seoul street at night")
    assert len(images) == 3
    assert [call["behaviour"] for call in fake_images.calls] == [behaviour, "ok"]


def test_invalid_json_from_the_provider_is_an_error(fake_images):
    fake_images.queue("invalid_json")
    with pytest.raises(image_search.ImageSearchError):
        image_search.provider().search("x")


def test_google_custom_search_format(fake_images, settings):
    settings.PEXELS_API_KEY = ""
    settings.GOOGLE_CSE_KEY, settings.GOOGLE_CSE_CX = "g-key", "g-cx"

    images = image_search.provider().search("남산타워 야경")

    assert images[0].provider == "google" and images[0].url.endswith("/g/0.jpg")
    assert images[0].source_url.startswith("https://example.com/page/0") and images[0].thumbnail_url
    assert fake_images.calls[0]["params"] == {
        "key": "g-key",
        "cx": "g-cx",
        "q": "남산타워 야경",
        "searchType": "image",
        "num": "3",
        "safe": "active",
    }


def test_unsplash_format(fake_images, settings):
    settings.PEXELS_API_KEY = ""
    settings.UNSPLASH_ACCESS_KEY = "u-key"

    images = image_search.provider().search("coffee")

    assert images[0].provider == "unsplash" and images[0].author == "Unsplash Author 0"
    assert images[0].author_url == "https://unsplash.com/@u0" and images[0].license == "Unsplash License"
    assert fake_images.calls[0]["authorization"] == "Client-ID u-key"


def test_without_keys_images_are_off(settings):
    assert image_search.provider() is None
    frames = [{"image_query": "q", "images": []}]
    assert image_search.attach_images(frames) == {"provider": None, "status": "off", "error": ""}
    assert frames == [{"image_query": "q", "images": []}]
