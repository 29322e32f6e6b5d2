"""Triage of one report: language, category, priority, screening, with reasons; pure and frozen."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.triage import triage_report
from tipline.triage.configuration import load_config

PACKAGE = Path(__file__).resolve().parents[1]


def test_language() -> None:
    assert triage_report("有人在军港附近拍摄军舰，微信号 abc_123").language == "zh"
    assert triage_report("Someone photographs warships near the naval base, WeChat: abc_123").language == "en"
    assert (
        triage_report("我在 LinkedIn 上被一个 recruiter 联系，he asked about our internal documents").language
        == "mixed"
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("我怀疑他是境外情报机构的人，他让我签了协议，之后开始给我布置任务。", "espionage_organization"),
        ("A colleague takes classified documents home and photographs them page by page.", "state_secrets"),
        ("有人劝我在外交部门工作的丈夫留在国外不要回来，说可以帮他办绿卡，让他叛逃。", "defection"),
        ("Our servers were hacked; a trojan is sending data to 45.33.12.7.", "cyber_espionage"),
        ("他让我每天记录军港里军舰进出港的时间，再把坐标发给他。", "target_indication"),
        (
            "A foreign foundation funds courses that incite people to riot and promote separatism.",
            "other_security",
        ),
    ],
)
def test_category_with_reasons(text: str, category: str) -> None:
    result = triage_report(text)
    assert result.suggested_code == category
    assert result.category.confident
    assert result.category.reasons
    for reason in result.category.reasons:
        assert reason.code.startswith(category + ".")
        assert reason.en and reason.zh


def test_no_signal_falls_back_to_the_reporters_choice_then_other_security() -> None:
    assert triage_report("他很可疑。").category.code == "other_security"
    chosen = triage_report("他很可疑。", chosen_category="defection")
    assert chosen.category.code == "defection"
    assert chosen.category.reasons[0].code == "reporter_choice"


@pytest.mark.parametrize(
    ("text", "hotline"),
    [
        ("我的电动车昨天被偷了，小偷还在附近。", "110"),
        (
            "The square dancing downstairs is too noisy every night and property management does nothing.",
            "12345",
        ),
        ("网购的手机是假货，商家不给退款。", "12315"),
        ("有人冒充客服让我把钱转到安全账户，我被骗了。", "96110"),
        ("每天都接到好几个推销电话和垃圾短信。", "12321"),
    ],
)
def test_out_of_scope_reports_are_referred(text: str, hotline: str) -> None:
    result = triage_report(text)
    assert result.suggested_code == "out_of_scope"
    assert result.screening.referral is not None
    assert result.screening.referral.hotline == hotline
    assert result.priority.level == "low"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "test",
        "测试一下",
        "啊啊啊啊啊啊啊啊啊",
        "代开各类发票，价格优惠，加微信领取",
        "sdfkjh qwpoeiruty zxmcnvb kjhsdkfj",
    ],
)
def test_junk(text: str) -> None:
    assert triage_report(text).suggested_code == "junk"


def test_security_beats_a_scam_that_looks_like_one() -> None:
    text = "有人在兼职群里招人，日结500元，任务是每天去军港拍军舰进出港的照片发给他。"
    assert triage_report(text).suggested_code == "target_indication"


def test_priority_reasons() -> None:
    result = triage_report("他明天就要把涉密文件交给境外人员，还威胁我，我很害怕。这种情况一直在持续。")
    codes = {reason.code for reason in result.priority.reasons}
    assert {"imminent_threat", "classified_material", "protection_needed", "ongoing_activity"} <= codes
    assert result.priority.level == "urgent"
    assert 0 <= result.priority.score <= 100


def test_form_fields_are_read() -> None:
    result = triage_report(
        "见附件", fields={"wechat": "Spy_Handler01", "place": "军港附近", "phone": "138 1234 5678"}
    )
    assert result.identifiers_of("wechat") == ("spy_handler01",)
    assert result.identifiers_of("phone") == ("+8613812345678",)


def test_results_are_frozen() -> None:
    result = triage_report("有人在军港附近拍摄军舰")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.language = "en"  # type: ignore[misc]


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300))
def test_same_input_same_output_and_never_crashes(text: str) -> None:
    assert triage_report(text) == triage_report(text)


def test_configuration_is_loaded_once() -> None:
    assert load_config() is load_config()


def test_no_django_import_anywhere_in_the_package() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("django"), f"{path} imports {name}"
                assert name.split(".")[0] not in {"hashlib", "hmac"}, (
                    f"{path}: cryptography belongs in tipline.vault"
                )
