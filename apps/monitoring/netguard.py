"""SSRF guard for webhook URLs: refuse anything that resolves to loopback, private,
link-local (cloud metadata included), multicast, reserved or otherwise non-global
addresses, unless MONITORING_WEBHOOK_ALLOW_PRIVATE is on. Checked when a channel is saved
and again at send time, where the connection is then made to the very address that was
checked (no second DNS lookup, so DNS rebinding cannot swap it)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

from apps.core.errors import DomainError

METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


class UnsafeURL(DomainError):
    code = "webhook_url_refused"
    message = "This webhook URL is not allowed."


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


# Tests point this at a fake resolver ("internal.example" → 10.1.2.3).
resolver = _system_resolver


def address_refused(address: str) -> str | None:
    """Why an address is refused, or None when it is a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "cloud metadata address"
    if ip.is_loopback:
        return "loopback address"
    if ip.is_link_local:
        return "link-local address"
    if ip.is_private:
        return "private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "non-public address"
    return None


def url_parts(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL("Only http and https URLs with a host are allowed.", details={"url": ["Unsupported URL."]})
    if parts.username or parts.password:
        raise UnsafeURL("Credentials in the URL are not allowed.", details={"url": ["Remove the credentials."]})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL("The port is invalid.", details={"url": ["Invalid port."]}) from exc
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def url_resolve_checked(url: str) -> tuple[str, str, int, str, str]:
    """(scheme, host, port, path, ip) with an address that passed the check."""
    scheme, host, port, path = url_parts(url)
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeURL(f"The host {host!r} does not resolve.", details={"url": ["Host not found."]}) from exc
    if not addresses:
        raise UnsafeURL(f"The host {host!r} does not resolve.", details={"url": ["Host not found."]})
    if not settings.MONITORING_WEBHOOK_ALLOW_PRIVATE:
        for address in addresses:
            reason = address_refused(address)
            if reason:
                raise UnsafeURL(
                    f"The webhook host resolves to a {reason} ({address}).",
                    details={"url": [f"Resolves to a {reason}."]},
                )
    return scheme, host, port, path, addresses[0]
