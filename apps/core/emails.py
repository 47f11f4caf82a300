"""Transactional email rendered from templates/emails/<name>/<locale>/ and delivered by a
Celery task (console in development, SMTP or an anymail provider in production)."""

import logging

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string

logger = logging.getLogger(__name__)


def email_render(*, template: str, locale: str, context: dict) -> dict:
    locale = locale if locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    base = f"emails/{template}/{locale}"
    context = {"frontend_url": settings.FRONTEND_URL, **context}
    return {
        "subject": " ".join(_render_plain(f"{base}/subject.txt", context).split()),
        "text": _render_plain(f"{base}/body.txt", context),
        "html": render_to_string(f"{base}/body.html", context),
    }


def _render_plain(name: str, context: dict) -> str:
    """Plain-text parts are not HTML: no escaping (a project called `Tom & Jerry` stays so)."""
    return get_template(name).template.render(Context(context, autoescape=False))


def email_send_templated(*, to: str, template: str, locale: str, context: dict, headers: dict | None = None) -> None:
    from .tasks import deliver_email

    message = email_render(template=template, locale=locale, context=context)
    if headers:
        message["headers"] = headers
    try:
        deliver_email.delay(to=to, **message)
    except Exception:  # noqa: BLE001 — the broker is down: deliver now rather than lose it
        logger.warning("Broker unavailable; sending %s email inline", template, exc_info=True)
        deliver_email.apply(kwargs={"to": to, **message})
