"""Which IP addresses `handbook links` may connect to: public ones only.

The link checker opens URLs written by contributors, and follows redirects chosen by whoever runs
the remote site. Without this check a URL (or a redirect, or a DNS answer) could make the machine
that runs the check call its own services, the local network or a cloud metadata endpoint.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Cloud metadata endpoints hand out credentials: refused even when a test allows their network.
METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: another operator's LAN
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # a NAT64 gateway forwards to the embedded IPv4


def parse_address(text: str) -> Address | None:
    """The address in `text` (an IPv6 zone such as %eth0 is dropped), or None."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def _embedded(address: Address) -> Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64 or 6to4), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def _kind(address: Address) -> str | None:
    """What sort of non-public address this is, or None for a public one."""
    if address in METADATA:
        return "a cloud metadata address"
    checks = (
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_unspecified, "an unspecified address"),
        (isinstance(address, ipaddress.IPv4Address) and address in _SHARED, "a shared address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a public address"),
    )
    return next((kind for bad, kind in checks if bad), None)


def address_problem(text: str, allowed: Iterable[Network] = ()) -> str | None:
    """Why the checker must not connect to `text`, e.g. "10.0.0.5 is a private address"."""
    address = parse_address(text)
    if address is None:
        return f"{text!r} is not an IP address"
    inner = _embedded(address)
    if address in METADATA or inner in METADATA:
        return f"{text} is a cloud metadata address"
    allowed = tuple(allowed)
    if any(address in network for network in allowed):
        return None
    # ::ffff:10.0.0.5 reaches 10.0.0.5: judge the IPv4 address it stands for first, so that the
    # reason names it (Python 3.11 does not look inside such addresses).
    if inner is not None and not any(inner in network for network in allowed):
        inner_kind = _kind(inner)
        if inner_kind is not None:
            return f"{text} is {inner_kind} (it stands for {inner})"
    kind = _kind(address)
    if kind is not None:
        return f"{text} is {kind}"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host`, in its order, without repeats."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))
