"""The drawing a reviewer leaves on a frame: a list of shapes with colours and coordinates
normalised to the frame (0..1 from the top-left corner), so it scales to any player size."""

from jsonschema import Draft202012Validator

_UNIT = {"type": "number", "minimum": 0, "maximum": 1}
_POINT = {"type": "array", "prefixItems": [_UNIT, _UNIT], "minItems": 2, "maxItems": 2}
_COMMON = {
    "type": {"type": "string"},
    "color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
    "stroke": {"type": "number", "minimum": 1, "maximum": 32},  # line width in CSS px at display size
}


def _shape(required: list[str], **properties) -> dict:
    return {
        "type": "object",
        "required": ["type", "color", *required],
        "additionalProperties": False,
        "properties": {**_COMMON, **properties},
    }


SHAPES = {
    "freehand": _shape(["points"], points={"type": "array", "items": _POINT, "minItems": 2, "maxItems": 5000}),
    "arrow": _shape(["from", "to"], **{"from": _POINT, "to": _POINT}),
    "rect": _shape(["x", "y", "w", "h"], x=_UNIT, y=_UNIT, w=_UNIT, h=_UNIT),
    "ellipse": _shape(["cx", "cy", "rx", "ry"], cx=_UNIT, cy=_UNIT, rx=_UNIT, ry=_UNIT),
    "text": _shape(
        ["x", "y", "text"],
        x=_UNIT,
        y=_UNIT,
        text={"type": "string", "minLength": 1, "maxLength": 500},
        size={"type": "number", "minimum": 8, "maximum": 128},
    ),
}

ANNOTATION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["shapes"],
    "additionalProperties": False,
    "properties": {
        "shapes": {
            "type": "array",
            "minItems": 1,
            "maxItems": 200,
            "items": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"enum": sorted(SHAPES)}},
                # One branch per shape type, so errors name the real problem.
                "allOf": [
                    {"if": {"properties": {"type": {"const": name}}}, "then": schema} for name, schema in SHAPES.items()
                ],
            },
        },
    },
}

_validator = Draft202012Validator(ANNOTATION_SCHEMA)


def annotation_errors(value) -> list[str]:
    """Human-readable problems with an annotation, each prefixed by where it is
    (`shapes[2].points[0][1]: 1.5 is greater than the maximum of 1`); empty if valid."""
    errors = []
    for error in sorted(_validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        errors.append(f"{where or 'annotation'}: {error.message}")
    if errors:
        return errors[:20]
    for index, shape in enumerate(value["shapes"]):
        if shape["type"] == "rect" and (shape["x"] + shape["w"] > 1 + 1e-9 or shape["y"] + shape["h"] > 1 + 1e-9):
            errors.append(f"shapes[{index}]: the rectangle reaches outside the frame")
    return errors
