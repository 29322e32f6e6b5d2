"""Seeded synthetic tip-line reports with ground truth, for measuring triage and linking.

``python -m tipline.triage generate --seed N --count M [--split dev|heldout]`` writes JSON lines: the batch
input fields (id, text, language, submitted_at, channel) plus ``truth`` (matter, category, role, language,
identifiers mentioned).

What it makes: matters (one suspected act each, with a category, a suspect, places and identifiers) reported
by one to five witnesses who write independently (their own openings, their own choice of behaviour sentences,
their own subset of the identifiers, each identifier in their own format and language, typos, long and short,
Chinese, English or mixed); reposts (the same witness sending again, lightly edited); hard negatives ("twin"
matters: same category, same template and sentences as another matter, but another suspect and identifiers one
digit or letter apart); identifiers that many unrelated reports mention (a number passed around, a big
platform's domain); out-of-scope reports for other hotlines and junk (tests, advertising, abuse, random
typing). Behaviour sentences often do not contain the words of the category lexicons, and vague sentences that
fit every category are mixed in.

How the held-out part is kept apart (read this before changing lexicons or thresholds):
1. Phrases: every phrase pool in synthetic_phrases.py is split by position, ``index % 3 == 2`` being held-out
   only. ``split="dev"`` draws only development phrases; ``split="heldout"`` draws half of its category,
   out-of-scope and junk sentences from the held-out-only phrases and half from the development ones.
2. Randomness: the split name is mixed into the seed, so dev and held-out never share a random stream, and the
   held-out evaluation uses the fixed seed ``HELDOUT_SEED`` that no tuning run uses (tuning runs use
   ``--split dev`` with any seed).
3. Process: lexicons (config/*.toml) and thresholds were refined only against ``evaluate --split dev`` output;
   the held-out evaluation is run to report the figures, and nothing was changed in response to it.
"""

from __future__ import annotations

import ipaddress
import json
import random
import string
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from tipline.triage import synthetic_phrases as phrases
from tipline.triage.results import CATEGORY_CODES

Split = Literal["dev", "heldout"]
HELDOUT_SEED = 20261129
DEV_SEED = 7

CATEGORY_SHARES = {
    "espionage_organization": 0.19,
    "state_secrets": 0.20,
    "defection": 0.09,
    "cyber_espionage": 0.17,
    "target_indication": 0.20,
    "other_security": 0.15,
}
# Which identifier kinds a matter of each category tends to have, with weights.
CATEGORY_IDENTIFIERS = {
    "espionage_organization": {"phone": 3, "wechat": 4, "qq": 1, "email": 2, "plate": 1},
    "state_secrets": {"phone": 3, "wechat": 3, "qq": 1, "email": 3, "plate": 1},
    "defection": {"phone": 3, "wechat": 3, "email": 2},
    "cyber_espionage": {"ipv4": 4, "domain": 3, "url": 2, "md5": 2, "sha256": 1, "email": 2, "ipv6": 1},
    "target_indication": {"phone": 3, "wechat": 4, "qq": 2, "plate": 3},
    "other_security": {"phone": 2, "wechat": 2, "url": 2, "plate": 2, "email": 1},
}
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
]
AREA_CODES = ["10", "21", "20", "755", "532", "25", "571", "28", "27", "29", "591", "898"]
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋陕吉闽贵粤川琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
TLDS = ["com", "net", "top", "xyz", "info", "cc", "org", "site"]
DOMAIN_WORDS = [
    "secure",
    "update",
    "mail",
    "cloud",
    "office",
    "gov-notice",
    "doc",
    "portal",
    "service",
    "login",
    "sync",
    "data",
    "meeting",
    "file",
    "share",
    "news",
    "vpn",
    "auth",
]
CHANNELS = ["web", "web", "web", "wechat", "wechat", "telephone", "letter", "in_person"]
# Identifiers that unrelated reports keep mentioning: a number printed on scam warnings, big platforms.
POPULAR_PHONE = "+864006581234"
POPULAR_DOMAINS = ["baidu.com", "mp.weixin.qq.com"]


def phrase_split(items: list[str], split: Split, rng: random.Random) -> list[str]:
    """The phrases a split may use (see the module docstring)."""
    development = [item for index, item in enumerate(items) if index % 3 != 2]
    held_out = [item for index, item in enumerate(items) if index % 3 == 2]
    if split == "dev" or not held_out:
        return development
    return held_out if rng.random() < 0.5 else development


@dataclass
class Matter:
    matter_id: str
    category: str  # a category code, or out_of_scope / junk
    identifiers: list[tuple[str, str]]  # (kind, normalised value), the first is the one everyone sees
    fillers: dict[str, dict[str, str]]  # slot -> language -> text
    start: datetime
    sentence_plan: dict[str, list[int]] = field(default_factory=dict)  # language -> sentence indexes (twins)
    referral: str | None = None


@dataclass
class SyntheticReport:
    id: str
    text: str
    submitted_at: str
    channel: str
    language: str | None
    truth: dict[str, object]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class _Generator:
    def __init__(self, seed: int, split: Split) -> None:
        # The split is part of the seed: dev and held-out never share a random stream.
        self.rng = random.Random(f"{split}:{seed}")  # noqa: S311 -- synthetic data must be reproducible
        self.split = split
        self.epoch = datetime(2026, 3, 1, tzinfo=UTC)
        self.matter_count = 0
        self.used_values: set[tuple[str, str]] = set()

    # --- identifiers: a normalised value and the many ways of writing it ----------------------------------

    def _new_value(self, kind: str) -> str:
        for _ in range(1000):
            value = self._random_value(kind)
            if (kind, value) not in self.used_values:
                self.used_values.add((kind, value))
                return value
        raise RuntimeError("could not draw a fresh identifier")

    def _random_value(self, kind: str) -> str:
        rng = self.rng
        digits = string.digits
        if kind == "phone":
            roll = rng.random()
            if roll < 0.8:
                return "+86" + rng.choice(MOBILE_PREFIXES) + "".join(rng.choices(digits, k=8))
            if roll < 0.93:
                area = rng.choice(AREA_CODES)
                local = rng.choice("2345678") + "".join(rng.choices(digits, k=7))
                return "+86" + area + local
            return rng.choice(["+1212555", "+1415555"]) + "01" + "".join(rng.choices(digits, k=2))
        if kind == "wechat":
            if rng.random() < 0.15:
                return "wxid_" + "".join(rng.choices(string.ascii_lowercase + digits, k=12))
            head = rng.choice(string.ascii_lowercase)
            body = "".join(rng.choices(string.ascii_lowercase + digits, k=rng.randint(5, 10)))
            if rng.random() < 0.5:
                cut = rng.randint(2, len(body) - 1)
                body = body[:cut] + rng.choice("_-") + body[cut:]
            return head + body
        if kind == "qq":
            return rng.choice("123456789") + "".join(rng.choices(digits, k=rng.randint(6, 9)))
        if kind == "email":
            name = rng.choice(["li", "wang", "zhang", "chen", "kevin", "tony", "info", "hr", "admin", "lucy"])
            name += rng.choice(["", ".", "_"]) + "".join(
                rng.choices(string.ascii_lowercase + digits, k=rng.randint(2, 6))
            )
            domain = rng.choice(["163.com", "gmail.com", "outlook.com", "proton.me", "126.com", "sina.com"])
            if rng.random() < 0.3:
                domain = f"{rng.choice(DOMAIN_WORDS)}-{rng.choice(DOMAIN_WORDS)}.{rng.choice(TLDS)}"
            return f"{name}@{domain}"
        if kind == "domain":
            words = f"{rng.choice(DOMAIN_WORDS)}-{rng.choice(DOMAIN_WORDS)}"
            return f"{words}{rng.randint(1, 99)}.{rng.choice(TLDS)}"
        if kind == "url":
            domain = f"{rng.choice(DOMAIN_WORDS)}{rng.randint(1, 999)}.{rng.choice(TLDS)}"
            path = (
                "/"
                + rng.choice(["login", "doc", "s", "download", "notice"])
                + "/"
                + "".join(rng.choices(string.ascii_letters + digits, k=8))
            )
            return domain + path
        if kind == "ipv4":
            return ".".join(
                str(part)
                for part in [
                    rng.randint(11, 223),
                    rng.randint(0, 255),
                    rng.randint(0, 255),
                    rng.randint(1, 254),
                ]
            )
        if kind == "ipv6":
            groups = [rng.randint(0, 0xFFFF) for _ in range(3)]
            return f"2001:db8:{groups[0]:x}:{groups[1]:x}::{groups[2]:x}"
        if kind == "md5":
            return "".join(rng.choices("0123456789abcdef", k=32))
        if kind == "sha256":
            return "".join(rng.choices("0123456789abcdef", k=64))
        if kind == "plate":
            tail = "".join(rng.choices(digits, k=5))
            if rng.random() < 0.3:
                position = rng.randint(0, 4)
                tail = tail[:position] + rng.choice(PLATE_LETTERS) + tail[position + 1 :]
            if rng.random() < 0.15:
                tail = rng.choice("DF") + tail  # new-energy plate
            return rng.choice(PROVINCES) + rng.choice(PLATE_LETTERS) + tail
        raise ValueError(kind)

    def _one_apart(self, kind: str, value: str) -> str:
        """Another value of the same kind, one digit (or letter) different: a hard negative."""
        rng = self.rng
        if kind == "ipv4":
            head, _, last = value.rpartition(".")
            candidate = f"{head}.{int(last) + 1 if int(last) < 254 else int(last) - 1}"
            self.used_values.add((kind, candidate))
            return candidate
        for _ in range(100):
            positions = [i for i, character in enumerate(value) if character.isdigit()]
            if kind == "wechat" or not positions:
                positions = [i for i, character in enumerate(value) if character.isalnum()][1:]
            if kind == "phone":
                positions = [i for i in positions if i >= 6]  # keep country, prefix and area code
            position = rng.choice(positions)
            pool = string.digits if value[position].isdigit() else string.ascii_lowercase
            candidate = (
                value[:position]
                + rng.choice(pool.replace(value[position].lower(), ""))
                + value[position + 1 :]
            )
            if kind == "plate":
                candidate = candidate.upper()
            if (kind, candidate) not in self.used_values:
                self.used_values.add((kind, candidate))
                return candidate
        return self._new_value(kind)

    def _written(self, kind: str, value: str, language: str) -> str:
        """One way a reporter might write the identifier."""
        rng = self.rng
        labels_zh = {
            "wechat": ["微信号：", "微信 ", "微信号是", "vx：", "加微信", "威信："],
            "qq": ["QQ ", "QQ号：", "扣扣", "QQ:"],
        }
        labels_en = {
            "wechat": ["WeChat ID: ", "WeChat: ", "wechat id ", "WeChat ID is "],
            "qq": ["QQ ", "QQ number ", "QQ: "],
        }
        if kind == "phone":
            return self._written_phone(value)
        if kind == "wechat":
            shown = value
            if not value.startswith("wxid_") and rng.random() < 0.3:
                shown = value.upper() if rng.random() < 0.3 else value[0].upper() + value[1:]
            if value.startswith("wxid_") and rng.random() < 0.5:
                return shown
            label = rng.choice(labels_zh["wechat"] if language == "zh" else labels_en["wechat"])
            return label + shown
        if kind == "qq":
            if rng.random() < 0.2:
                return f"{value}@qq.com"
            label = rng.choice(labels_zh["qq"] if language == "zh" else labels_en["qq"])
            return label + (self._full_width(value) if rng.random() < 0.15 else value)
        if kind == "email":
            name, domain = value.split("@")
            style = rng.random()
            if style < 0.4:
                return value
            if style < 0.6:
                return f"{name}[at]{domain}"
            if style < 0.75:
                return f"{name}(at){domain.replace('.', '[.]')}"
            if style < 0.9:
                return f"{name}＠{domain}"
            return f"{name} [at] {domain.replace('.', ' [dot] ')}"
        if kind in ("domain", "url"):
            scheme = (
                "" if kind == "domain" else rng.choice(["https://", "http://", "hxxps://", "hxxp://", ""])
            )
            shown = value
            if rng.random() < 0.5:
                shown = shown.replace(".", rng.choice(["[.]", "(.)"]), 1 if rng.random() < 0.5 else -1)
            if kind == "domain" and rng.random() < 0.2:
                shown = "www." + shown
            return scheme + shown
        if kind == "ipv4":
            style = rng.random()
            if style < 0.3:
                return value.replace(".", "[.]")
            if style < 0.4:
                return ".".join(part.zfill(3) for part in value.split("."))
            return value
        if kind == "ipv6":
            if rng.random() < 0.5:
                return ipaddress.IPv6Address(value).exploded
            return value
        if kind in ("md5", "sha256"):
            return value.upper() if rng.random() < 0.4 else value
        if kind == "plate":
            separator = rng.choice(["", "", "·", "·", "•", " ", "-"])
            shown = value[:2] + separator + value[2:]
            if rng.random() < 0.15:
                shown = shown.lower()
            return shown
        return value

    def _written_phone(self, e164: str) -> str:
        rng = self.rng
        if e164.startswith("+86"):
            national = e164[3:]
            if national.startswith("1") and len(national) == 11:
                groups = [national[:3], national[3:7], national[7:]]
                style = rng.random()
                if style < 0.25:
                    written = national
                elif style < 0.4:
                    written = " ".join(groups)
                elif style < 0.55:
                    written = "-".join(groups)
                elif style < 0.7:
                    written = "+86 " + " ".join(groups)
                elif style < 0.8:
                    written = "0086-" + national
                elif style < 0.88:
                    written = "(+86)" + national
                else:
                    written = "+86-" + "-".join(groups)
            else:
                area_length = 2 if national[:2] in {"10", "21", "20", "25", "27", "28", "29"} else 3
                area, local = national[:area_length], national[area_length:]
                style = rng.random()
                if style < 0.4:
                    written = f"0{area}-{local}"
                elif style < 0.6:
                    written = f"(0{area}) {local[:4]} {local[4:]}"
                elif style < 0.8:
                    written = f"+86 {area} {local}"
                else:
                    written = f"0{area}{local}"
        else:
            rest = e164[2:]
            written = rng.choice(
                [
                    f"+1 ({rest[:3]}) {rest[3:6]}-{rest[6:]}",
                    f"+1-{rest[:3]}-{rest[3:6]}-{rest[6:]}",
                    f"001 {rest[:3]} {rest[3:6]} {rest[6:]}",
                ]
            )
        return self._full_width(written) if rng.random() < 0.1 else written

    @staticmethod
    def _full_width(text: str) -> str:
        return "".join(
            chr(ord(character) + 0xFEE0) if character.isdigit() else character for character in text
        )

    # --- matters ------------------------------------------------------------------------------------------

    def _fillers(self) -> dict[str, dict[str, str]]:
        chosen: dict[str, dict[str, str]] = {}
        for slot, options in phrases.FILLERS.items():
            index = self.rng.randrange(len(options["zh"]))
            chosen[slot] = {"zh": options["zh"][index], "en": options["en"][index % len(options["en"])]}
        amount = str(self.rng.choice([500, 800, 1000, 2000, 3000, 5000, 10000, 20000]))
        chosen["amount"] = {"zh": amount, "en": amount}
        return chosen

    def _new_matter(self, category: str, start: datetime) -> Matter:
        self.matter_count += 1
        identifiers: list[tuple[str, str]] = []
        if category in CATEGORY_CODES and self.rng.random() > 0.04:
            weights = CATEGORY_IDENTIFIERS[category]
            count = self.rng.choice([1, 1, 2, 2, 2, 3])
            kinds = self.rng.sample(list(weights), k=min(count, len(weights)), counts=None)
            kinds.sort(key=lambda kind: -weights[kind] * self.rng.random())
            identifiers = [(kind, self._new_value(kind)) for kind in kinds]
        return Matter(f"M{self.matter_count:05d}", category, identifiers, self._fillers(), start)

    def _twin(self, original: Matter) -> Matter:
        """A different matter written from the same template: same category and sentences, other suspect,
        identifiers one digit or letter apart."""
        self.matter_count += 1
        fillers = self._fillers()
        fillers["site"] = original.fillers["site"]  # same site, other people: a typical hard negative
        identifiers = [(kind, self._one_apart(kind, value)) for kind, value in original.identifiers]
        start = original.start + timedelta(days=self.rng.randint(-20, 20))
        return Matter(
            f"M{self.matter_count:05d}",
            original.category,
            identifiers,
            fillers,
            start,
            dict(original.sentence_plan),
        )

    # --- writing one report -------------------------------------------------------------------------------

    def _fill(self, template: str, matter: Matter, language: str) -> str:
        values = {slot: by_language[language] for slot, by_language in matter.fillers.items()}
        return template.format(**values)

    def _vary(self, sentence: str, language: str) -> str:
        """The witness's own words: synonyms swapped in and, sometimes, when it happened."""
        rng = self.rng
        for word, options in phrases.SYNONYMS[language].items():
            if word in sentence and rng.random() < 0.6:
                sentence = sentence.replace(word, rng.choice(options), 1)
        prefix = rng.choice(phrases.TIME_PREFIXES[language])
        if prefix and sentence:
            sentence = prefix + (sentence if language == "zh" else sentence[0].lower() + sentence[1:])
        return sentence

    def _behaviour(self, matter: Matter, language: str, count: int, *, follow_plan: bool) -> list[str]:
        pool = phrases.BEHAVIOUR[matter.category][language]
        if follow_plan and matter.sentence_plan.get(language):
            indexes = matter.sentence_plan[language]
        else:
            allowed = phrase_split(pool, self.split, self.rng)
            indexes = [
                pool.index(sentence) for sentence in self.rng.sample(allowed, k=min(count, len(allowed)))
            ]
            matter.sentence_plan.setdefault(language, indexes)
        return [self._vary(self._fill(pool[index], matter, language), language) for index in indexes]

    def _witness_text(
        self, matter: Matter, language: str, *, first_witness: bool
    ) -> tuple[str, list[tuple[str, str]]]:
        rng = self.rng
        written_language = "zh" if language == "mixed" else language
        long_report = rng.random() < 0.35
        short_report = not long_report and rng.random() < 0.3
        parts: list[str] = []
        if not short_report:
            parts.append(self._fill(rng.choice(phrases.OPENINGS[written_language]), matter, written_language))
        behaviour_count = 1 if short_report else rng.choice([1, 2, 2, 3] if long_report else [1, 1, 2])
        behaviour = self._behaviour(matter, written_language, behaviour_count, follow_plan=first_witness)
        if language == "mixed":
            # a bilingual writer: some sentences in English, some words switched
            english = self._behaviour(matter, "en", 1, follow_plan=False)
            behaviour = [self._code_switch(sentence) for sentence in behaviour] + english
        parts.extend(behaviour)
        parts = [self._typos(part, written_language) for part in parts]
        if long_report:
            parts.append(rng.choice(phrases.FILLER[written_language]))
            if rng.random() < 0.4:
                parts.append(rng.choice(phrases.VAGUE[written_language]))
        elif rng.random() < 0.15:
            parts.append(rng.choice(phrases.VAGUE[written_language]))
        mentioned: list[tuple[str, str]] = []
        for position, (kind, value) in enumerate(matter.identifiers):
            if rng.random() < (0.95 if position == 0 else 0.5):
                mentioned.append((kind, value))
        for kind, value in mentioned:
            carrier = rng.choice(phrases.IDENTIFIER_CARRIERS[written_language][kind])
            parts.append(carrier.format(value=self._written(kind, value, written_language)))
        if rng.random() < 0.06:
            popular = rng.choice([("phone", POPULAR_PHONE), ("domain", rng.choice(POPULAR_DOMAINS))])
            carrier = rng.choice(
                phrases.IDENTIFIER_CARRIERS[written_language]["phone" if popular[0] == "phone" else "domain"]
            )
            parts.append(carrier.format(value=self._written(*popular, written_language)))
        for pool, chance in ((phrases.URGENT, 0.08), (phrases.ONGOING, 0.2), (phrases.AFRAID, 0.08)):
            if rng.random() < chance:
                parts.append(rng.choice(pool[written_language]))
        if not short_report:
            parts.append(rng.choice(phrases.CLOSINGS[written_language]))
        middle = parts[1:-1] if len(parts) > 3 else parts
        if len(parts) > 3:
            rng.shuffle(middle)
            parts = [parts[0], *middle, parts[-1]]
        return self._join(parts, written_language), mentioned

    def _join(self, parts: list[str], language: str) -> str:
        parts = [part.strip() for part in parts if part.strip()]
        if language == "zh":
            return "".join(
                part if part.endswith(("。", "，", "：", "！", "?", "？", ".", ":")) else part + "。"
                for part in parts
            )
        parts = [part[0].upper() + part[1:] for part in parts]
        return " ".join(part if part.endswith((".", "!", "?", ":")) else part + "." for part in parts)

    def _code_switch(self, sentence: str) -> str:
        for chinese, english in phrases.CODE_SWITCH.items():
            if chinese in sentence and self.rng.random() < 0.7:
                sentence = sentence.replace(chinese, f" {english} ", 1)
        return sentence

    def _typos(self, text: str, language: str) -> str:
        rng = self.rng
        if not text or rng.random() > 0.15:
            return text
        characters = list(text)
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(characters))
            character = characters[position]
            if language == "zh" and character in phrases.ZH_TYPOS:
                characters[position] = phrases.ZH_TYPOS[character]
            elif (
                character.isalpha()
                and character.isascii()
                and position + 1 < len(characters)
                and characters[position + 1].isalpha()
                and characters[position + 1].isascii()
            ):
                characters[position], characters[position + 1] = characters[position + 1], character
        text = "".join(characters)
        if rng.random() < 0.2:
            text = text.replace("。", " ", rng.randint(1, 3)) if language == "zh" else text.lower()
        return text

    def _repost(self, text: str, language: str) -> str:
        """The same witness sending the report again, a little changed."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            return text
        if roll < 0.6:
            addition = (
                rng.choice(["补充一下：", "再说明一下，"])
                if language == "zh"
                else rng.choice(["Update:", "To add:"])
            )
            extra = rng.choice(phrases.FILLER["zh" if language == "zh" else "en"])
            return f"{text}{addition}{extra}" if language == "zh" else f"{text} {addition} {extra}"
        if roll < 0.8:
            return text.replace("，", ",").replace("。", "。 ").strip()
        sentences = text.split("。" if language == "zh" else ". ")
        if len(sentences) > 3:
            del sentences[rng.randrange(1, len(sentences) - 1)]
        return ("。" if language == "zh" else ". ").join(sentences)

    def _language(self) -> str:
        roll = self.rng.random()
        return "zh" if roll < 0.55 else "en" if roll < 0.87 else "mixed"

    # --- the whole data set -------------------------------------------------------------------------------

    def reports(self, count: int) -> list[SyntheticReport]:
        rng = self.rng
        drafts: list[tuple[datetime, str, str | None, dict[str, object]]] = []
        while len(drafts) < count:
            start = self.epoch + timedelta(minutes=rng.randint(0, 90 * 24 * 60))
            roll = rng.random()
            if roll < 0.12:
                drafts.extend(self._out_of_scope_reports(start))
                continue
            if roll < 0.19:
                drafts.extend(self._junk_reports(start))
                continue
            category = rng.choices(list(CATEGORY_SHARES), weights=list(CATEGORY_SHARES.values()))[0]
            matter = self._new_matter(category, start)
            drafts.extend(self._matter_reports(matter))
            if rng.random() < 0.18:
                drafts.extend(self._matter_reports(self._twin(matter), witnesses=rng.choice([1, 1, 2])))
        drafts = drafts[:count]
        drafts.sort(key=lambda draft: draft[0])
        reports = []
        for number, (moment, text, hint, truth) in enumerate(drafts, start=1):
            reports.append(
                SyntheticReport(
                    id=f"{self.split[0].upper()}{number:06d}",
                    text=text,
                    submitted_at=moment.isoformat().replace("+00:00", "Z"),
                    channel=rng.choice(CHANNELS),
                    language=hint,
                    truth=truth,
                )
            )
        return reports

    def _matter_reports(
        self, matter: Matter, witnesses: int | None = None
    ) -> Iterator[tuple[datetime, str, str | None, dict[str, object]]]:
        rng = self.rng
        if witnesses is None:
            witnesses = rng.choices([1, 2, 3, 4, 5], weights=[50, 25, 14, 7, 4])[0]
            if not matter.identifiers and rng.random() < 0.8:
                # Several people report one matter mostly because there is something to see again: a number,
                # an account, a car. What one person noticed once is usually reported once.
                witnesses = 1
        for witness in range(witnesses):
            language = self._language()
            text, mentioned = self._witness_text(matter, language, first_witness=witness == 0)
            moment = matter.start + timedelta(minutes=rng.randint(0, 14 * 24 * 60) if witness else 0)
            hint = None if language == "mixed" or rng.random() < 0.3 else language
            truth = self._truth(matter, "witness", language, mentioned)
            yield moment, text, hint, truth
            if rng.random() < 0.12:
                written = "zh" if language == "mixed" else language
                repost_truth = self._truth(matter, "repost", language, mentioned)
                yield (
                    moment + timedelta(minutes=rng.randint(1, 600)),
                    self._repost(text, written),
                    hint,
                    repost_truth,
                )

    def _truth(
        self, matter: Matter, role: str, language: str, mentioned: list[tuple[str, str]]
    ) -> dict[str, object]:
        return {
            "matter": matter.matter_id,
            "category": matter.category,
            "role": role,
            "language": language,
            "identifiers": [f"{kind}:{value}" for kind, value in mentioned],
            "referral": matter.referral,
        }

    def _out_of_scope_reports(
        self, start: datetime
    ) -> Iterator[tuple[datetime, str, str | None, dict[str, object]]]:
        rng = self.rng
        referral = rng.choice(list(phrases.OUT_OF_SCOPE))
        matter = self._new_matter("out_of_scope", start)
        matter.referral = referral
        if referral in ("anti_fraud", "spam") and rng.random() < 0.6:
            matter.identifiers = [("phone", self._new_value("phone"))]
        for witness in range(rng.choices([1, 2], weights=[85, 15])[0]):
            language = "zh" if rng.random() < 0.6 else "en"
            pool = phrase_split(phrases.OUT_OF_SCOPE[referral][language], self.split, rng)
            parts = [self._vary(self._fill(rng.choice(pool), matter, language), language)]
            for detail in rng.sample(phrases.OUT_OF_SCOPE_DETAILS[language], k=rng.choice([0, 1, 1, 2])):
                parts.append(self._fill(detail, matter, language))
            if rng.random() < 0.3:
                parts.insert(0, rng.choice(phrases.OPENINGS[language]))
            if rng.random() < 0.15:
                # people often are unsure where to turn, and say so in the words of this tip line
                parts.append(
                    "不知道这个归不归你们管。" if language == "zh" else "Not sure if this is for you."
                )
            mentioned = list(matter.identifiers) if rng.random() < 0.8 else []
            moment = start + timedelta(minutes=rng.randint(0, 3 * 24 * 60) if witness else 0)
            parts = [self._typos(part, language) for part in parts]
            for kind, value in mentioned:
                carrier = rng.choice(phrases.IDENTIFIER_CARRIERS[language][kind])
                parts.append(carrier.format(value=self._written(kind, value, language)))
            if rng.random() < 0.05:
                parts.append(self._written("phone", POPULAR_PHONE, language))
            truth = self._truth(matter, "witness", language, mentioned)
            yield moment, self._join(parts, language), language, truth

    def _junk_reports(self, start: datetime) -> Iterator[tuple[datetime, str, str | None, dict[str, object]]]:
        rng = self.rng
        kind = rng.choice(list(phrases.JUNK))
        matter = self._new_matter("junk", start)
        template = rng.choice(phrase_split(phrases.JUNK[kind], self.split, rng))
        text = template.format(number="".join(rng.choices(string.digits, k=7)), word=rng.choice(DOMAIN_WORDS))
        copies = rng.choices([1, 2, 3], weights=[80, 12, 8])[0] if kind == "ad" else 1
        for copy in range(copies):
            moment = start + timedelta(minutes=rng.randint(0, 2 * 24 * 60) if copy else 0)
            hint = rng.choice(["zh", "en", None])
            yield moment, text, hint, self._truth(matter, "witness" if copy == 0 else "repost", "zh", [])


def generate_reports(seed: int, count: int, split: Split = "dev") -> list[SyntheticReport]:
    """``count`` reports (at most 1,000,000) from ``seed``; the same arguments give the same reports."""
    if not 0 < count <= 1_000_000:
        raise ValueError("count must be between 1 and 1,000,000")
    return _Generator(seed, split).reports(count)
