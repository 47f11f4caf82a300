"""The API's body parsers. Each refuses text the database cannot store (apps.core.text) with
a 400 naming where it sits, so no field, nested JSON or dict key can carry it to a query.
A new parser of text belongs here and does the same (tests pin it for every view)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from apps.core.text import unstorable_details


def _refuse_unstorable(data) -> None:
    details = unstorable_details(data)
    if details:
        raise ValidationError(details)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, except that a body nested too deeply for the decoder is a 400
    like any other malformed JSON: `json` raises RecursionError there, not ValueError, and
    DRF would let it through as a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply.") from exc
        _refuse_unstorable(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's, with the form fields checked (Django already drops unprintable characters
    from file names)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_unstorable(parsed.data)
        return parsed
