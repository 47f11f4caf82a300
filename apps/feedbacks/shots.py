"""Which shot of a plan a frame of a version falls in, and which plan an asset was shot from.

Plans, links and shot maps belong to `apps.ai_planning`, which registers the provider here
from its AppConfig.ready() (feedbacks never imports it). Without one nothing is linked: every
comment's `shot` is null and assets have no plan."""

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ShotSpan:
    shot_id: str
    number: int
    start_frame: int
    end_frame: int  # exclusive


@dataclass(frozen=True)
class AssetPlan:
    plan_id: str
    plan_title: str


class VersionShots:
    """A version's effective shot map, ready for lookups by frame or by shot."""

    def __init__(self, spans: Iterable[ShotSpan] = ()):
        self.spans = sorted(spans, key=lambda span: span.start_frame)
        self._starts = [span.start_frame for span in self.spans]

    def shot_at(self, frame: int) -> dict | None:
        """`{shot_id, number}` of the range holding `frame` (None in a gap or unmapped)."""
        index = bisect.bisect_right(self._starts, frame) - 1
        if index < 0 or frame >= self.spans[index].end_frame:
            return None
        span = self.spans[index]
        return {"shot_id": span.shot_id, "number": span.number}

    def span_of(self, shot_id) -> ShotSpan | None:
        return next((span for span in self.spans if span.shot_id == str(shot_id)), None)


class ShotProvider(Protocol):
    def version_shots(self, version_id) -> list[ShotSpan]: ...

    def asset_plans(self, asset_ids: list) -> dict[str, AssetPlan]: ...


class _NothingLinked:
    def version_shots(self, version_id) -> list[ShotSpan]:
        return []

    def asset_plans(self, asset_ids: list) -> dict[str, AssetPlan]:
        return {}


_provider: ShotProvider = _NothingLinked()


def register_shot_provider(provider: ShotProvider) -> None:
    global _provider
    _provider = provider


def shots_on(version_id) -> VersionShots:
    return VersionShots(_provider.version_shots(version_id))


def shots_in_context(context: dict, version_id) -> VersionShots:
    """The version's map, looked up once per serialization: kept in the serializer context,
    which a list, its items and their replies share."""
    cache = context.setdefault("shot_maps", {})
    key = str(version_id)
    if key not in cache:
        cache[key] = shots_on(version_id)
    return cache[key]


def plans_of_assets(asset_ids: Iterable) -> dict[str, AssetPlan]:
    """{asset id (str): its plan} for the linked ones, in one lookup."""
    ids = [str(pk) for pk in asset_ids]
    return _provider.asset_plans(ids) if ids else {}
