"""Dogfooding: the VideoPlanet frontend is a tracked site of its own demo install."""

from .ingest import site_forget
from .models import Site

DEMO_SITE_NAME = "VideoPlanet (demo)"
DEMO_ORIGINS = ["http://localhost:3000", "http://127.0.0.1:3000"]


def demo_site_ensure(*, owner=None, origins: list[str] | None = None) -> Site:
    """The demo site, created once; later runs add origins that are missing (another
    WEB_PORT) and keep its key, so an embedded snippet stays valid."""
    wanted = list(dict.fromkeys([*DEMO_ORIGINS, *(origins or [])]))
    site = Site.objects.filter(name=DEMO_SITE_NAME).order_by("created_at").first()
    if site is None:
        return Site.objects.create(name=DEMO_SITE_NAME, allowed_origins=wanted, owner=owner)
    missing = [origin for origin in wanted if origin not in site.allowed_origins]
    if missing:
        site.allowed_origins = [*site.allowed_origins, *missing]
        site.save(update_fields=["allowed_origins", "updated_at"])
        site_forget(site.public_key)
    return site
