from apps.core.sse import event_stream_routes, frame


def test_only_event_stream_views_are_served_past_the_per_request_thread():
    """config/asgi.py skips Django's per-request ThreadSensitiveContext for these routes alone."""
    assert [str(route) for route in event_stream_routes()] == ["api/v1/ai-jobs/<uuid:job_id>/events/"]


def test_a_frame_keeps_its_data_on_one_line_whatever_the_text_holds():
    text = frame(id=7, event="plan.progress", data={"note": "line one\nline two\r\n: not a comment"})
    assert text == 'id: 7\nevent: plan.progress\ndata: {"note":"line one\\nline two\\r\\n: not a comment"}\n\n'
