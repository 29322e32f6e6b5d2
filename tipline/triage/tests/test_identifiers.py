"""Identifiers: every written form maps to one normalised value, and different identifiers never do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.triage.configuration import load_config
from tipline.triage.identifiers import extract_identifiers, is_common, normalise_field
from tipline.triage.results import Identifier

CONFIG = load_config().identifiers
MOBILE_PREFIXES = ["130", "133", "135", "138", "139", "150", "158", "177", "186", "189", "199"]


def found(text: str) -> set[str]:
    return {str(identifier) for identifier in extract_identifiers(text, CONFIG).identifiers}


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def mobile_forms(national: str) -> list[str]:
    a, b, c = national[:3], national[3:7], national[7:]
    return [
        national,
        f"{a} {b} {c}",
        f"{a}-{b}-{c}",
        f"+86 {a} {b} {c}",
        f"+86-{a}-{b}-{c}",
        f"+86{national}",
        f"0086 {national}",
        f"0086-{a}-{b}-{c}",
        f"(+86){national}",
        f"(+86) {a} {b} {c}",
        full_width(national),
        full_width(f"+86 {a} {b} {c}"),
    ]


mobile_numbers = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(MOBILE_PREFIXES),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
)
carriers = st.sampled_from(
    ["他的电话是{}。", "Call him on {} please.", "手机：{}，", "tel {}", "联系方式{}谢谢"]
)


@settings(max_examples=60, deadline=None)
@given(national=mobile_numbers, carrier=carriers, form=st.integers(min_value=0, max_value=11))
def test_every_written_form_of_a_mobile_number_normalises_to_one_e164(
    national: str, carrier: str, form: int
) -> None:
    written = mobile_forms(national)[form]
    assert found(carrier.format(written)) == {f"phone:+86{national}"}


@settings(max_examples=60, deadline=None)
@given(national=mobile_numbers, position=st.integers(min_value=3, max_value=10), delta=st.integers(1, 9))
def test_numbers_one_digit_apart_never_normalise_to_the_same_value(
    national: str, position: int, delta: int
) -> None:
    changed = national[:position] + str((int(national[position]) + delta) % 10) + national[position + 1 :]
    first = found(f"电话 {national}")
    second = found(f"电话 {changed[:3]} {changed[3:7]} {changed[7:]}")
    assert first == {f"phone:+86{national}"}
    assert second == {f"phone:+86{changed}"}
    assert first != second


@pytest.mark.parametrize(
    "written",
    [
        "010-6552 1234",
        "(010) 6552 1234",
        "+86 10 6552 1234",
        "0086-10-65521234",
        "01065521234",
        "+86 (0)10 65521234",
    ],
)
def test_landline_forms(written: str) -> None:
    assert found(f"座机{written}。") == {"phone:+861065521234"}


@pytest.mark.parametrize("written", ["+1 (415) 555-0134", "+1-415-555-0134", "001 415 555 0134"])
def test_international_forms(written: str) -> None:
    assert found(f"He called from {written}.") == {"phone:+14155550134"}


def test_two_numbers_side_by_side_are_both_found() -> None:
    assert found("138 1234 5678 139 8765 4321") == {"phone:+8613812345678", "phone:+8613987654321"}


wechat_ids = st.builds(
    lambda head, body: head + body,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=5, max_size=12),
)


@settings(max_examples=60, deadline=None)
@given(
    wechat=wechat_ids,
    form=st.sampled_from(
        [
            "微信号：{}",
            "微信 {}",
            "微信号是{}，",
            "vx：{}",
            "加微信{}。",
            "WeChat ID: {}",
            "WeChat: {}",
            "wechat id {}",
        ]
    ),
    upper=st.booleans(),
)
def test_every_written_form_of_a_wechat_id_normalises_to_one_value(
    wechat: str, form: str, upper: bool
) -> None:
    shown = wechat.upper() if upper else wechat
    assert f"wechat:{wechat}" in found(form.format(shown))


def test_wxid_and_prose_after_an_english_label() -> None:
    assert found("wxid_a1b2c3d4e5 是他的") == {"wechat:wxid_a1b2c3d4e5"}
    assert found("We talked on WeChat account called Bob") == set()


@settings(max_examples=40, deadline=None)
@given(
    number=st.builds(
        lambda a, b: a + b,
        st.sampled_from("123456789"),
        st.text(alphabet="0123456789", min_size=5, max_size=9),
    ),
    form=st.sampled_from(["QQ {}", "QQ号：{}", "qq:{}", "扣扣{}", "QQ number {}", "{}@qq.com"]),
)
def test_every_written_form_of_a_qq_number_normalises_to_one_value(number: str, form: str) -> None:
    assert f"qq:{number}" in found(form.format(number))


@pytest.mark.parametrize(
    "written", ["粤B·12345", "粤B12345", "粤b12345", "粤B 12345", "粤B•12345", "粤B-12345", "粤Ｂ１２３４５"]
)
def test_plate_forms(written: str) -> None:
    assert found(f"车牌{written}，白色") == {"plate:粤B12345"}


def test_new_energy_plate_and_plates_one_character_apart() -> None:
    assert found("沪AD12345") == {"plate:沪AD12345"}
    assert found("粤B12345") != found("粤B12346")


@pytest.mark.parametrize(
    "written",
    [
        "li.ming@example.com",
        "li.ming[at]example.com",
        "li.ming(at)example[.]com",
        "li.ming＠example.com",
        "LI.MING@EXAMPLE.COM",
        "li.ming [at] example [dot] com",
    ],
)
def test_email_forms(written: str) -> None:
    assert found(f"邮箱{written}联系") == {"email:li.ming@example.com"}


@pytest.mark.parametrize(
    "written",
    [
        "https://evil-site.com/login",
        "hxxps://evil-site[.]com/login",
        "evil-site(.)com/login",
        "HTTP://EVIL-SITE.COM/login",
    ],
)
def test_url_forms(written: str) -> None:
    assert found(f"打开{written}看看") == {"url:evil-site.com/login", "domain:evil-site.com"}


def test_ip_address_forms() -> None:
    assert (
        found("IP 45.33.12.7")
        == found("IP 45.33.12[.]7")
        == found("IP 045.033.012.007")
        == {"ipv4:45.33.12.7"}
    )
    assert (
        found("源 2001:0db8:0000:0000:0000:0000:0000:0001") == found("源 2001:db8::1") == {"ipv6:2001:db8::1"}
    )
    assert found("时间 12:30:45") == set()


def test_hashes_are_lower_case_and_typed() -> None:
    md5 = "D41D8CD98F00B204E9800998ECF8427E"
    assert found(f"MD5 {md5}") == {f"md5:{md5.lower()}"}
    sha256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"
    assert found(f"样本SHA256：{sha256}") == {f"sha256:{sha256.lower()}"}
    assert found("ab" * 16) == set()  # letters only: not taken for a hash


def test_identifiers_typed_into_fields() -> None:
    assert normalise_field("wechat", "Abc_123", CONFIG) == (Identifier("wechat", "abc_123"),)
    assert normalise_field("phone", "138 1234 5678", CONFIG) == (Identifier("phone", "+8613812345678"),)
    assert normalise_field("plate", "粤b·12345", CONFIG) == (Identifier("plate", "粤B12345"),)


def test_stop_listed_identifiers_are_common() -> None:
    assert is_common(Identifier("domain", "baidu.com"), CONFIG)
    assert is_common(Identifier("domain", "news.qq.com"), CONFIG)
    assert is_common(Identifier("url", "baidu.com"), CONFIG)
    assert not is_common(Identifier("url", "mp.weixin.qq.com/s/abc123"), CONFIG)
    assert not is_common(Identifier("domain", "evil-site.com"), CONFIG)
