def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_plain_text_email_parts_are_not_html_escaped():
    from apps.core.emails import email_render

    message = email_render(
        template="invitation",
        locale="en",
        context={
            "project": 'Tom & Jerry "S2"',
            "inviter": "O'Brien",
            "role": "editor",
            "link": "http://x/?a=1&b=2",
            "expires_at": None,
        },
    )
    assert message["subject"] == '[VideoPlanet] O\'Brien invited you to "Tom & Jerry "S2""'
    assert "http://x/?a=1&b=2" in message["text"]
    assert "Tom &amp; Jerry" in message["html"]
