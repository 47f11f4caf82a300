"""The long round the review-scale benchmark and browser test open: valid rows the list API
serves in timeline order, page by page, with every kind of comment the room draws."""

from apps.feedbacks.busy_round import seed_busy_round
from apps.feedbacks.models import Feedback, Reaction
from apps.projects.models import Role

from .conftest import url
from .factories import VersionFactory


def test_busy_round_is_served_in_timeline_order_with_replies_drawings_ranges_and_reactions(review):
    version = VersionFactory(asset=review.asset, number=2)
    authors = [review.users[Role.OWNER], review.users[Role.REVIEWER]]

    written = seed_busy_round(version=version, authors=authors, count=120)

    assert written == 120 + 40  # every third comment has a reply
    assert Reaction.objects.filter(feedback__version=version).count() == 60 * 2
    listed, path = [], url("version-feedback", version_id=version.pk) + "?page_size=50"
    while path:
        page = review.client(Role.OWNER).get(path).json()
        listed += page["results"]
        path = page["next"]
    assert len(listed) == 120
    frames = [item["frame"] for item in listed]
    assert frames == sorted(frames) and frames[0] == 0 and frames[-1] == version.frame_count - 1
    assert sum(1 for item in listed if item["replies"]) == 40
    assert sum(1 for item in listed if item["annotation"]) == 30
    assert sum(1 for item in listed if item["end_frame"] is not None) == 12
    assert any(item["resolved"] for item in listed) and any(item["internal"] for item in listed)
    # The client sees no team-only notes.
    client_view = review.client(Role.REVIEWER).get(url("version-feedback", version_id=version.pk) + "?page_size=200")
    assert Feedback.objects.filter(version=version, parent=None, internal=True).count() == 120 - len(
        client_view.json()["results"]
    )
