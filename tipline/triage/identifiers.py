"""Finding identifiers in a report and writing each in one canonical form, however the reporter wrote it.

Telephone numbers become E.164 (``phonenumbers``), IP addresses their ``ipaddress`` form, hashes, e-mail
addresses, domains and WeChat IDs lower case, plates upper case without separators. Extraction runs in a fixed
order and blanks out what it found, so that the digits of an IP address, a QQ number or a hash are never read
again as a telephone number.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import phonenumbers

from tipline.triage.configuration import IdentifierConfig
from tipline.triage.results import Identifier
from tipline.triage.text_forms import defang, fold_width

# Characters that end a URL written inside Chinese or English text.
_URL_STOP = "\\s<>\"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_URL = re.compile(f"(?<![A-Za-z0-9])(?:https?|ftp)://[^{_URL_STOP}]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\""
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})\s?@\s?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})(?![A-Za-z0-9-])"
)
_BARE_DOMAIN = re.compile(
    f"(?<![A-Za-z0-9@._/-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\\.)+([A-Za-z]{{2,12}}))"
    f"(/[^{_URL_STOP}]*)?(?![A-Za-z0-9-])"
)
_HASH = re.compile(r"(?<![0-9A-Za-z])([0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{32})(?![0-9A-Za-z])")
_HASH_KINDS = {32: "md5", 40: "sha1", 64: "sha256"}
_IPV6_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![0-9A-Za-z:])"
)
_IPV4 = re.compile(r"(?<![0-9.])(\d{1,3}(?:\.\d{1,3}){3})(?!\d)(?!\.\d)")
_WXID = re.compile(r"(?<![A-Za-z0-9_])(wxid_[A-Za-z0-9_-]{4,30})(?![A-Za-z0-9_-])", re.IGNORECASE)
_WECHAT_VALUE = re.compile(r"[A-Za-z][-_A-Za-z0-9]{5,19}")
_PHONE_CANDIDATE = re.compile(r"(?<![0-9A-Za-z+])[+(]{0,2}\d[\d \t\-()]*\d(?![0-9A-Za-z])")
_PHONE_TOKEN_WINDOW = 6
_EXPLICIT_CONNECTOR = re.compile(r"[:=#]|\b(?:is|id)\b|是|为|叫|号", re.IGNORECASE)


@dataclass(frozen=True)
class Extraction:
    """The identifiers found, and the text with every identifier blanked out (for language and tokens)."""

    identifiers: tuple[Identifier, ...]
    remaining_text: str


class _Collector:
    def __init__(self) -> None:
        self.found: set[Identifier] = set()

    def add(self, kind: str, value: str | None) -> None:
        if value:
            self.found.add(Identifier(kind, value))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _substitute(pattern: re.Pattern[str], text: str, handle: Callable[[re.Match[str]], bool]) -> str:
    """Runs ``handle`` on every match; blanks the matches it accepted."""
    return pattern.sub(lambda match: _blank(match) if handle(match) else match.group(0), text)


# --- one normaliser per kind -----------------------------------------------------------------------------


def normalise_phone(raw: str, region: str = "CN") -> str | None:
    digits = sum(character.isdigit() for character in raw)
    if not 7 <= digits <= 17:
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str) -> str | None:
    match = _EMAIL.fullmatch(defang(fold_width(raw)).strip())
    if not match:
        return None
    return f"{match.group(1).lower()}@{match.group(2).lower()}"


def normalise_domain(raw: str) -> str | None:
    host = raw.strip().strip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    if len(labels) < 2 or not all(
        re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", label) for label in labels
    ):
        return None
    return host


def normalise_url(raw: str) -> tuple[str, str] | None:
    """(url, host): the URL without scheme, default port, fragment or a lone trailing slash."""
    text = raw.rstrip(_TRAILING_PUNCTUATION)
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    domain = normalise_domain(host) if not _is_ip(host) else host
    if not domain:
        return None
    netloc = domain if port in (None, 80, 443) else f"{domain}:{port}"
    path = parts.path.rstrip("/") if parts.path in ("", "/") else parts.path
    query = f"?{parts.query}" if parts.query else ""
    return f"{netloc}{path}{query}", domain


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def normalise_ipv4(raw: str) -> str | None:
    octets = raw.split(".")
    if len(octets) != 4 or not all(octet.isdigit() and len(octet) <= 3 for octet in octets):
        return None
    try:
        # Leading zeros ("010.001.002.003") are common in reports; ipaddress refuses them, so read each octet.
        return str(ipaddress.IPv4Address(".".join(str(int(octet)) for octet in octets)))
    except ValueError:
        return None


def normalise_ipv6(raw: str) -> str | None:
    if raw.count(":") < 2:
        return None
    try:
        return ipaddress.IPv6Address(raw.strip("[]")).compressed
    except ValueError:
        return None


def normalise_hash(raw: str) -> tuple[str, str] | None:
    value = raw.strip().lower()
    kind = _HASH_KINDS.get(len(value))
    if kind is None or not re.fullmatch(r"[0-9a-f]+", value):
        return None
    # A run of digits only (or letters only) is far more often something else than a hash.
    if value.isdigit() or not any(character.isdigit() for character in value):
        return None
    return kind, value


def normalise_wechat(raw: str) -> str | None:
    value = raw.strip()
    if _WXID.fullmatch(value) or _WECHAT_VALUE.fullmatch(value):
        return value.lower()
    return None


def normalise_qq(raw: str) -> str | None:
    value = raw.strip()
    return value if re.fullmatch(r"[1-9]\d{4,10}", value) else None


@cache
def _plate_pattern(provinces: str) -> re.Pattern[str]:
    return re.compile(
        f"([{re.escape(provinces)}])\\s?([A-HJ-NP-Za-hj-np-z])\\s?[·•・.\\-]?\\s?([A-Za-z0-9]{{5,6}})"
        "([挂学警港澳领试超])?(?![A-Za-z0-9])"
    )


def normalise_plate(raw: str, provinces: str) -> str | None:
    match = _plate_pattern(provinces).fullmatch(fold_width(raw).strip())
    return _plate_value(match) if match else None


def _plate_value(match: re.Match[str]) -> str | None:
    province, letter, tail, suffix = match.group(1), match.group(2), match.group(3).upper(), match.group(4)
    if sum(character.isdigit() for character in tail) < 3:
        return None
    if len(tail) == 6 and not (tail[0].isalpha() or tail[-1].isalpha()):
        return None  # six characters only for new-energy plates, which start or end with a letter
    return f"{province}{letter.upper()}{tail}{suffix or ''}"


# --- labelled identifiers (WeChat, QQ) -----------------------------------------------------------------


@cache
def _labelled_pattern(labels: tuple[str, ...], value: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    connector = r"\s*(?:(?:号码|号|账号|帐号|id|account|name|number|no\.?)\s*)?(?:(?:是|为|叫|:|=|#|is)\s*)?"
    return re.compile(f"(?<![A-Za-z])({alternatives}){connector}({value})", re.IGNORECASE)


def _wechat_by_label(text: str, config: IdentifierConfig, found: _Collector) -> str:
    pattern = _labelled_pattern(config.wechat_labels, r"[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9])")

    def handle(match: re.Match[str]) -> bool:
        label, value = match.group(1), match.group(2)
        explicit = _EXPLICIT_CONNECTOR.search(match.group(0)[: match.start(2) - match.start(0)]) is not None
        # "WeChat account called ..." is prose, "WeChat: lixiaoming" is an ID: an English label needs a colon
        # or "is" unless the value looks like an ID (digits, underscore, hyphen).
        if label.isascii() and not explicit and not re.search(r"[\d_-]", value):
            return False
        found.add("wechat", value.lower())
        return True

    return _substitute(pattern, text, handle)


def _qq_by_label(text: str, config: IdentifierConfig, found: _Collector) -> str:
    pattern = _labelled_pattern(config.qq_labels, r"[1-9]\d{4,10}(?!\d)")

    def handle(match: re.Match[str]) -> bool:
        found.add("qq", match.group(2))
        return True

    return _substitute(pattern, text, handle)


# --- the extraction pipeline -----------------------------------------------------------------------------


def _urls(text: str, found: _Collector) -> str:
    def handle(match: re.Match[str]) -> bool:
        normalised = normalise_url(match.group(0))
        if normalised is None:
            return False
        url, host = normalised
        found.add("url", url)
        _add_host(host, found)
        return True

    return _substitute(_URL, text, handle)


def _add_host(host: str, found: _Collector) -> None:
    ipv4 = normalise_ipv4(host)
    if ipv4:
        found.add("ipv4", ipv4)
    elif ":" in host:
        found.add("ipv6", normalise_ipv6(host))
    else:
        found.add("domain", host)


def _emails(text: str, found: _Collector) -> str:
    def handle(match: re.Match[str]) -> bool:
        local, domain = match.group(1).lower(), match.group(2).lower()
        found.add("email", f"{local}@{domain}")
        if domain == "qq.com" and normalise_qq(local):
            found.add("qq", local)  # a QQ mailbox is named after its QQ number
        return True

    return _substitute(_EMAIL, text, handle)


def _bare_domains(text: str, config: IdentifierConfig, found: _Collector) -> str:
    def handle(match: re.Match[str]) -> bool:
        if match.group(2).lower() not in config.top_level_domains:
            return False
        if match.group(3) and match.group(3) != "/":
            normalised = normalise_url(match.group(0))
            if normalised is None:
                return False
            found.add("url", normalised[0])
            found.add("domain", normalised[1])
            return True
        domain = normalise_domain(match.group(1))
        if domain is None:
            return False
        found.add("domain", domain)
        return True

    return _substitute(_BARE_DOMAIN, text, handle)


def _hashes(text: str, found: _Collector) -> str:
    def handle(match: re.Match[str]) -> bool:
        normalised = normalise_hash(match.group(1))
        if normalised is None:
            return False
        found.add(*normalised)
        return True

    return _substitute(_HASH, text, handle)


def _ip_addresses(text: str, found: _Collector) -> str:
    def handle_v6(match: re.Match[str]) -> bool:
        value = normalise_ipv6(match.group(1))
        if value is None or match.group(1).count(":") < 2 or not re.search(r"[0-9a-fA-F]", match.group(1)):
            return False
        found.add("ipv6", value)
        return True

    def handle_v4(match: re.Match[str]) -> bool:
        value = normalise_ipv4(match.group(1))
        if value is None:
            return False
        found.add("ipv4", value)
        return True

    text = _substitute(_IPV6_CANDIDATE, text, handle_v6)
    return _substitute(_IPV4, text, handle_v4)


def _wxids(text: str, found: _Collector) -> str:
    def handle(match: re.Match[str]) -> bool:
        found.add("wechat", match.group(1).lower())
        return True

    return _substitute(_WXID, text, handle)


def _plates(text: str, config: IdentifierConfig, found: _Collector) -> str:
    def handle(match: re.Match[str]) -> bool:
        value = _plate_value(match)
        if value is None:
            return False
        found.add("plate", value)
        return True

    return _substitute(_plate_pattern(config.plate_provinces), text, handle)


def _phones(text: str, config: IdentifierConfig, found: _Collector) -> str:
    """Telephone numbers, however spaced: runs of digits, spaces, dashes and brackets are cut into tokens
    at the spaces, and the longest run of tokens from the left that makes a valid number is taken, so that
    "138 1234 5678 139 8765 4321" gives two numbers."""

    def handle(match: re.Match[str]) -> bool:
        tokens = match.group(0).split()
        start, accepted = 0, False
        while start < len(tokens):
            for end in range(min(len(tokens), start + _PHONE_TOKEN_WINDOW), start, -1):
                number = normalise_phone(" ".join(tokens[start:end]), config.default_phone_region)
                if number:
                    found.add("phone", number)
                    start, accepted = end, True
                    break
            else:
                start += 1
        return accepted

    return _substitute(_PHONE_CANDIDATE, text, handle)


def extract_identifiers(text: str, config: IdentifierConfig) -> Extraction:
    """Every identifier in ``text``, normalised, and the text with them blanked out."""
    found = _Collector()
    prepared = defang(fold_width(text))
    prepared = _urls(prepared, found)
    prepared = _emails(prepared, found)
    prepared = _bare_domains(prepared, config, found)
    prepared = _hashes(prepared, found)
    prepared = _ip_addresses(prepared, found)
    prepared = _wxids(prepared, found)
    prepared = _wechat_by_label(prepared, config, found)
    prepared = _qq_by_label(prepared, config, found)
    prepared = _plates(prepared, config, found)
    prepared = _phones(prepared, config, found)
    return Extraction(tuple(sorted(found.found)), prepared)


def normalise_field(kind: str, raw: str, config: IdentifierConfig) -> tuple[Identifier, ...]:
    """An identifier typed into a form field of a known kind ("wechat": "Abc_123"). When the value does not
    read as that kind, whatever identifiers the text holds are taken instead."""
    value: str | None = None
    prepared = defang(fold_width(raw)).strip()
    if kind == "phone":
        value = normalise_phone(prepared, config.default_phone_region)
    elif kind == "email":
        value = normalise_email(prepared)
    elif kind == "wechat":
        value = normalise_wechat(prepared)
    elif kind == "qq":
        value = normalise_qq(prepared)
    elif kind == "plate":
        value = normalise_plate(prepared, config.plate_provinces)
    elif kind == "ipv4":
        value = normalise_ipv4(prepared)
    elif kind == "ipv6":
        value = normalise_ipv6(prepared)
    if value:
        return (Identifier(kind, value),)
    return extract_identifiers(raw, config).identifiers


def is_common(identifier: Identifier, config: IdentifierConfig) -> bool:
    """Whether an identifier is on the configured stop-list (big platforms, published hotlines). A URL on a
    common domain is common only when it is the bare site: a particular article or profile page is not."""
    if (identifier.kind, identifier.value) in config.common:
        return True
    if identifier.kind == "url":
        host, _, rest = identifier.value.partition("/")
        return not rest and ("domain", host) in config.common
    if identifier.kind == "domain":
        labels = identifier.value.split(".")
        # sub-domains of a big platform ("news.qq.com") are as common as the platform
        return any(("domain", ".".join(labels[i:])) in config.common for i in range(1, len(labels) - 1))
    return False
