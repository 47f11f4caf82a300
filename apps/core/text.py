"""Text that may not be stored: NUL (PostgreSQL refuses it in text and jsonb), the other C0
control characters (no place in anything a person types; tab, newline and carriage return
excepted) and unpaired UTF-16 surrogates (JSON's `\\ud800` escape carries them, but UTF-8
cannot encode them, so PostgreSQL and SQLite both fail). Every way text enters over HTTP —
the JSON and multipart parsers (apps.core.api.parsers), the query string and the URL path
(apps.core.middleware.UnstorableTextMiddleware) — refuses it through `unstorable_details`."""

import re
from collections import deque

from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# A body full of bad strings is answered with the first few, not a copy of itself.
MAX_REPORTED = 10


def unstorable_char(text: str) -> str | None:
    """The first character of `text` that may not be stored, as `U+0000`; None when none."""
    found = _UNSTORABLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def unstorable_paths(data) -> dict[str, str]:
    """`path → "U+XXXX"` for the strings in `data` (parsed JSON, or a QueryDict) holding such
    a character. A path joins keys and list indexes with dots (`annotation.shapes.0.text`);
    a bad key is reported at the object holding it (`""` for the top level) and not entered.
    Iterative, so the deepest body the JSON decoder accepted cannot overflow the stack."""
    if isinstance(data, MultiValueDict):
        data = {key: values[0] if len(values) == 1 else values for key, values in data.lists()}
    found: dict[str, str] = {}
    queue = deque([((), data)])
    while queue and len(found) < MAX_REPORTED:
        path, value = queue.popleft()
        if isinstance(value, str):
            if char := unstorable_char(value):
                found[".".join(path)] = char
        elif isinstance(value, dict):
            for key, item in value.items():
                if char := unstorable_char(str(key)):
                    found.setdefault(".".join(path), char)
                else:
                    queue.append(((*path, str(key)), item))
        elif isinstance(value, list | tuple):
            queue.extend(((*path, str(index)), item) for index, item in enumerate(value))
    return found


def unstorable_message(char: str) -> str:
    if (get_language() or "ko").startswith("en"):
        return f"Contains {char}, a control character or unpaired surrogate, which cannot be stored."
    return f"저장할 수 없는 문자({char}: 제어 문자 또는 짝 없는 서로게이트)가 들어 있습니다."


def unstorable_details(data) -> dict[str, list[str]]:
    """The error envelope's `details` for `data`'s unstorable strings (empty when none):
    each path, or `non_field_errors` for the top level, with one message."""
    return {path or "non_field_errors": [unstorable_message(char)] for path, char in unstorable_paths(data).items()}
