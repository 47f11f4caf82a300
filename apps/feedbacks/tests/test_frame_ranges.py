"""The range arithmetic of review attention (apps/feedbacks/frame_ranges.py)."""

from apps.feedbacks import frame_ranges


def test_merge_sorts_joins_overlapping_and_touching_ranges_and_drops_empty_ones():
    merged = frame_ranges.merge([[50, 60], [0, 10], [5, 20], [20, 25], [30, 30], [40, 35], [59, 70]])

    assert merged == [[0, 25], [50, 70]]


def test_merge_of_nothing_is_nothing():
    assert frame_ranges.merge([]) == []


def test_length_counts_frames():
    assert frame_ranges.length([[0, 25], [50, 70]]) == 45


def test_gaps_are_what_the_ranges_leave_out_of_the_whole():
    assert frame_ranges.gaps([[10, 20], [30, 40]], 50) == [[0, 10], [20, 30], [40, 50]]
    assert frame_ranges.gaps([], 50) == [[0, 50]]
    assert frame_ranges.gaps([[0, 50]], 50) == []


def test_gaps_shorter_than_asked_are_left_out():
    assert frame_ranges.gaps([[0, 20], [22, 40], [45, 49]], 50, shortest=5) == [[40, 45]]


def test_a_second_counts_as_watched_from_half_of_its_frames():
    # 25 fps, 100 frames = 4 s: second 0 fully, second 1 exactly half (frames 25..37 of 25..50
    # is 12.5 → 13 frames ≥ half), second 2 too little (10 frames), second 3 none.
    watched = frame_ranges.seconds_watched([[0, 38], [50, 60]], 100, 25.0)

    assert watched == [True, True, False, False]


def test_seconds_of_an_ntsc_rate_cover_every_frame_once():
    fps = 30000 / 1001  # 29.97: seconds are 30 or 29 frames long, never overlapping
    frame_count = 300
    seconds = frame_ranges.second_count(frame_count, fps)
    starts = [frame_ranges.first_frame_of_second(second, fps) for second in range(seconds + 1)]

    assert seconds == 10  # 300 frames last 10.01 s, but no frame starts after 10 s
    assert starts[0] == 0 and all(29 <= b - a <= 30 for a, b in zip(starts, starts[1:], strict=False))
    assert frame_ranges.seconds_watched([[0, frame_count]], frame_count, fps) == [True] * 10
