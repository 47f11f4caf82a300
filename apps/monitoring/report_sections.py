"""Sections of the operations report (weekly and monthly), in a registry like the alert
sources (sources.py): monitoring registers its own (uptime per host, alerts, HTTP), and an
app that owns other data registers a section from its AppConfig.ready() — apps.ai_planning
for AI calls and cost per project, the analytics package for its totals — so monitoring
imports none of them.

A section's `build(start, end)` returns the rows of the half-open period [start, end) as a
`SectionData`; the report stores it as JSON, the console shows it, the CSV writes it and the
e-mail summarises it. Column and section titles come in every language (ko and en)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Column:
    key: str
    unit: str  # "", "%", "s", "min", "ms", "usd", "count", "datetime", "severity"
    titles: dict[str, str]  # locale → title


@dataclass
class SectionData:
    rows: list[dict] = field(default_factory=list)
    totals: dict = field(default_factory=dict)  # same keys as the columns, where a total means something
    available: bool = True
    note: dict[str, str] = field(default_factory=dict)  # locale → why it is unavailable, or what it leaves out


@dataclass(frozen=True)
class ReportSection:
    key: str
    order: int
    titles: dict[str, str]
    columns: tuple[Column, ...]
    build: Callable[[datetime, datetime], SectionData]

    def run(self, start: datetime, end: datetime) -> dict:
        data = self.build(start, end)
        keys = [column.key for column in self.columns]
        return {
            "key": self.key,
            "titles": self.titles,
            "columns": [{"key": c.key, "unit": c.unit, "titles": c.titles} for c in self.columns],
            "rows": [{key: row.get(key) for key in keys} for row in data.rows],
            "totals": {key: data.totals[key] for key in keys if key in data.totals},
            "available": data.available,
            "note": data.note,
        }


_SECTIONS: dict[str, ReportSection] = {}


def register_report_section(section: ReportSection) -> None:
    _SECTIONS[section.key] = section


def report_sections_all() -> list[ReportSection]:
    from .services import reports  # noqa: F401 — registers monitoring's own sections

    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


def column(key: str, unit: str, en: str, ko: str) -> Column:
    return Column(key=key, unit=unit, titles={"en": en, "ko": ko})


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(q * 100) * len(ordered) // 100))  # ceil(q·n)
    return float(ordered[min(rank, len(ordered)) - 1])
