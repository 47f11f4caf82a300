"""Reference images for storyboard frames: one interface, three providers (Google Custom
Search, Pexels, Unsplash), chosen by which key is set. Calls have a timeout and are
retried with backoff on 429/5xx/timeouts; a provider that stays down leaves the frame with
its query and no images (the plan itself never fails because of images)."""

import json
import logging
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass

from django.conf import settings

logger = logging.getLogger(__name__)

MAX_IMAGES = 3


@dataclass
class Image:
    url: str
    thumbnail_url: str
    source_url: str
    author: str
    author_url: str
    license: str
    provider: str


class ImageSearchError(Exception):
    pass


class ImageSearchProvider(ABC):
    name = ""

    @abstractmethod
    def search(self, query: str, *, limit: int = MAX_IMAGES) -> list[Image]:
        """Up to `limit` images for the query, with their attribution."""

    def _get(self, url: str, params: dict, headers: dict | None = None) -> dict:
        full = f"{url}?{urllib.parse.urlencode(params)}"
        attempts = settings.IMAGE_SEARCH_MAX_RETRIES + 1
        for attempt in range(attempts):
            request = urllib.request.Request(full, headers={"Accept": "application/json", **(headers or {})})
            try:
                with urllib.request.urlopen(request, timeout=settings.IMAGE_SEARCH_TIMEOUT_SECONDS) as response:
                    return json.loads(response.read().decode())
            except urllib.error.HTTPError as exc:
                if exc.code != 429 and exc.code < 500:
                    raise ImageSearchError(f"{self.name} refused the search ({exc.code}).") from exc
                problem = f"HTTP {exc.code}"
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                problem = str(getattr(exc, "reason", exc))
            except ValueError as exc:
                raise ImageSearchError(f"{self.name} answered with invalid JSON.") from exc
            if attempt + 1 < attempts:
                time.sleep(random.uniform(0, min(5.0, 0.2 * 2**attempt)))
        raise ImageSearchError(f"{self.name} is unavailable ({problem}).")


class GoogleCustomSearch(ImageSearchProvider):
    name = "google"

    def search(self, query: str, *, limit: int = MAX_IMAGES) -> list[Image]:
        data = self._get(
            settings.GOOGLE_CSE_URL,
            {
                "key": settings.GOOGLE_CSE_KEY,
                "cx": settings.GOOGLE_CSE_CX,
                "q": query,
                "searchType": "image",
                "num": limit,
                "safe": "active",
            },
        )
        images = []
        for item in data.get("items", [])[:limit]:
            image = item.get("image", {})
            images.append(
                Image(
                    url=item.get("link", ""),
                    thumbnail_url=image.get("thumbnailLink", ""),
                    source_url=image.get("contextLink", ""),
                    author=item.get("displayLink", ""),
                    author_url=image.get("contextLink", ""),
                    license="See the source page for licensing",
                    provider=self.name,
                )
            )
        return images


class Pexels(ImageSearchProvider):
    name = "pexels"

    def search(self, query: str, *, limit: int = MAX_IMAGES) -> list[Image]:
        data = self._get(
            settings.PEXELS_URL, {"query": query, "per_page": limit}, {"Authorization": settings.PEXELS_API_KEY}
        )
        return [
            Image(
                url=photo.get("src", {}).get("large", ""),
                thumbnail_url=photo.get("src", {}).get("tiny") or photo.get("src", {}).get("small", ""),
                source_url=photo.get("url", ""),
                author=photo.get("photographer", ""),
                author_url=photo.get("photographer_url", ""),
                license="Pexels License",
                provider=self.name,
            )
            for photo in data.get("photos", [])[:limit]
        ]


class Unsplash(ImageSearchProvider):
    name = "unsplash"

    def search(self, query: str, *, limit: int = MAX_IMAGES) -> list[Image]:
        data = self._get(
            settings.UNSPLASH_URL,
            {"query": query, "per_page": limit},
            {"Authorization": f"Client-ID {settings.UNSPLASH_ACCESS_KEY}", "Accept-Version": "v1"},
        )
        return [
            Image(
                url=photo.get("urls", {}).get("regular", ""),
                thumbnail_url=photo.get("urls", {}).get("thumb", ""),
                source_url=photo.get("links", {}).get("html", ""),
                author=photo.get("user", {}).get("name", ""),
                author_url=photo.get("user", {}).get("links", {}).get("html", ""),
                license="Unsplash License",
                provider=self.name,
            )
            for photo in data.get("results", [])[:limit]
        ]


def provider() -> ImageSearchProvider | None:
    """The configured provider, or None when image search is off."""
    if settings.GOOGLE_CSE_KEY and settings.GOOGLE_CSE_CX:
        return GoogleCustomSearch()
    if settings.PEXELS_API_KEY:
        return Pexels()
    if settings.UNSPLASH_ACCESS_KEY:
        return Unsplash()
    return None


def attach_images(frames: list[dict]) -> dict:
    """Fills each frame's `images` in place (identical queries are searched once). Returns a
    status for the plan: {"provider", "status": off|ok|partial|unavailable, "error"}."""
    search = provider()
    if search is None:
        return {"provider": None, "status": "off", "error": ""}
    found: dict[str, list[dict]] = {}
    errors = []
    for frame in frames:
        query = frame.get("image_query", "").strip()
        if not query:
            continue
        if query not in found:
            try:
                found[query] = [asdict(image) for image in search.search(query)]
            except ImageSearchError as exc:
                logger.warning("Image search failed for %r: %s", query, exc)
                errors.append(str(exc))
                found[query] = []
                if len(errors) >= 2 and not any(found.values()):
                    break  # the provider is down: stop hammering it, keep the queries
        frame["images"] = found[query]
    status = "ok" if not errors else ("partial" if any(found.values()) else "unavailable")
    return {"provider": search.name, "status": status, "error": errors[0] if errors else ""}
