"""Money has one shape on every database: USD amounts are Decimals with the 6 places of their
columns (`max_digits=12, decimal_places=6`).

PostgreSQL sums `numeric(12, 6)` exactly ("0.009000"). SQLite keeps decimals as floats and
Django quantizes a plain column it reads, but not an aggregate: a SUM came back as
"0.00900000000000000" and showed so in API errors, exports and metrics. Sum money with
`UsdSum`; turn any other amount into its shape with `usd()`."""

from decimal import Decimal

from django.db.models import DecimalField, Sum

USD_PLACES = 6
_QUANTUM = Decimal(1).scaleb(-USD_PLACES)


def usd(value) -> Decimal:
    """An amount (Decimal, int, float or str; None is 0) with exactly 6 places."""
    if value is None:
        return Decimal(0).quantize(_QUANTUM)
    return (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(_QUANTUM)


class UsdSum(Sum):
    """SUM of a USD column, with 6 places on every database (None when there are no rows)."""

    def __init__(self, expression, **extra):
        super().__init__(expression, output_field=DecimalField(max_digits=20, decimal_places=USD_PLACES), **extra)

    @property
    def convert_value(self):
        return _to_usd


def _to_usd(value, expression, connection):
    return None if value is None else usd(value)
