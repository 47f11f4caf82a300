"""`label(en, ko)`: a text shown by Django itself (an app's name in the admin, a column, a
fieldset title) in the request's language — the same in-code ko/en pick as `core.text` and
`error_messages` (the project keeps no gettext catalogue; Django's own texts come from
Django's). Lazy, so it can stand in class bodies; imports nothing of Django's apps, so an
`apps.py` may use it."""

from django.utils.functional import lazy
from django.utils.translation import get_language


def _pick(en: str, ko: str) -> str:
    return en if (get_language() or "ko").startswith("en") else ko


label = lazy(_pick, str)
