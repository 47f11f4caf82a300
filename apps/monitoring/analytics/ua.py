"""User-Agent → (browser, OS, device class). Only these three coarse values are kept; the
UA string itself is never stored (no fingerprinting material)."""

import re

_BOT = re.compile(r"bot|crawler|spider|crawling|headless|lighthouse|slurp|facebookexternalhit", re.I)
# Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
_BROWSERS = (
    ("Edge", re.compile(r"Edg(e|A|iOS)?/")),
    ("Opera", re.compile(r"OPR/|Opera")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/")),
    ("Firefox", re.compile(r"Firefox/|FxiOS/")),
    ("Chrome", re.compile(r"Chrome/|CriOS/")),
    ("Safari", re.compile(r"Safari/")),
)
_OSES = (
    ("iOS", re.compile(r"iPhone|iPad|iPod")),
    ("Android", re.compile(r"Android")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Mac OS X|Macintosh")),
    ("Linux", re.compile(r"Linux")),
)
_TABLET = re.compile(r"iPad|Tablet|Android(?!.*Mobile)", re.I)
_MOBILE = re.compile(r"Mobi|iPhone|iPod|Android.*Mobile|Windows Phone", re.I)


def ua_reduce(user_agent: str) -> tuple[str, str, str]:
    ua = user_agent or ""
    if not ua:
        return "Other", "Other", "desktop"
    if _BOT.search(ua):
        return "Bot", "Other", "bot"
    browser = next((name for name, rx in _BROWSERS if rx.search(ua)), "Other")
    os_name = next((name for name, rx in _OSES if rx.search(ua)), "Other")
    if _TABLET.search(ua):
        device = "tablet"
    elif _MOBILE.search(ua):
        device = "mobile"
    else:
        device = "desktop"
    return browser, os_name, device
