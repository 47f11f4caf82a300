import pytest

from apps.feedbacks import timecode
from apps.feedbacks.annotations import annotation_errors

NTSC = 30000 / 1001


@pytest.mark.parametrize(
    ("frame", "fps", "expected"),
    [
        (0, 25, "00:00:00:00"),
        (24, 25, "00:00:00:24"),
        (25, 25, "00:00:01:00"),
        (1234, 25, "00:00:49:09"),
        (90_000, 25, "01:00:00:00"),
        (1799, NTSC, "00:00:59:29"),
        (1800, NTSC, "00:01:00:00"),
        (86_399, 24000 / 1001, "00:59:59:23"),
        (3601, 60, "00:01:00:01"),
    ],
)
def test_frames_become_non_drop_frame_smpte(frame, fps, expected):
    assert timecode.frame_to_smpte(frame, fps) == expected
    assert timecode.smpte_to_frame(expected, fps) == frame


def test_seconds_map_to_the_frame_on_screen():
    assert timecode.seconds_to_frame(1.04, 25) == 26  # 1.04 × 25 = 26.000000000000004
    assert timecode.seconds_to_frame(1.0799, 25) == 26  # still frame 26 until 1.08
    assert timecode.seconds_to_frame(0, NTSC) == 0
    assert timecode.seconds_to_frame(1001 / 30000 * 7, NTSC) == 7


def test_printed_ntsc_rates_become_exact():
    assert timecode.exact_fps(29.97) == NTSC
    assert timecode.exact_fps(23.98) == 24000 / 1001
    assert timecode.exact_fps(25.0) == 25.0


@pytest.mark.parametrize("bad", ["1:00:00:00", "00:60:00:00", "00:00:00:25", "garbage", ""])
def test_bad_smpte_is_refused(bad):
    with pytest.raises(ValueError):
        timecode.smpte_to_frame(bad, 25)


GOOD = {
    "shapes": [
        {"type": "freehand", "color": "#ff0000", "stroke": 3, "points": [[0.1, 0.1], [0.2, 0.25], [0.3, 0.2]]},
        {"type": "arrow", "color": "#00FF00", "from": [0.5, 0.5], "to": [0.9, 0.1]},
        {"type": "rect", "color": "#0000ff", "x": 0.1, "y": 0.1, "w": 0.5, "h": 0.5},
        {"type": "ellipse", "color": "#ffffff", "cx": 0.5, "cy": 0.5, "rx": 0.2, "ry": 0.1},
        {"type": "text", "color": "#000000", "x": 0.2, "y": 0.8, "text": "로고 위치", "size": 24},
    ]
}


def test_every_shape_type_validates():
    assert annotation_errors(GOOD) == []


@pytest.mark.parametrize(
    ("annotation", "fragment"),
    [
        ({}, "'shapes' is a required property"),
        ({"shapes": []}, "should be non-empty"),
        ({"shapes": [{"type": "star", "color": "#ffffff"}]}, "shapes[0].type"),
        ({"shapes": [{"type": "arrow", "color": "red", "from": [0, 0], "to": [1, 1]}]}, "shapes[0].color"),
        ({"shapes": [{"type": "arrow", "color": "#ffffff", "from": [0, 0], "to": [1.5, 1]}]}, "shapes[0].to[0]"),
        ({"shapes": [{"type": "freehand", "color": "#ffffff", "points": [[0.1, -0.2], [0.2, 0.2]]}]}, "points[0][1]"),
        ({"shapes": [{"type": "rect", "color": "#ffffff", "x": 0.8, "y": 0, "w": 0.5, "h": 0.1}]}, "outside the frame"),
        ({"shapes": [{"type": "text", "color": "#ffffff", "x": 0, "y": 0}]}, "'text' is a required property"),
        ({"shapes": [{"type": "ellipse", "color": "#ffffff", "cx": 0, "cy": 0, "rx": 0, "ry": 0, "z": 1}]}, "'z'"),
        ([1, 2], "annotation: [1, 2] is not of type 'object'"),
    ],
)
def test_malformed_annotations_are_explained(annotation, fragment):
    errors = annotation_errors(annotation)
    assert errors and any(fragment in error for error in errors), errors
