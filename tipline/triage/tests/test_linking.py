"""Link proposals: shared identifiers in any written form, near-duplicate text, damping, hard negatives."""

from __future__ import annotations

import numpy as np

from tipline.triage import LinkIndex, compute_features
from tipline.triage.clues import group_into_clues, registration_order
from tipline.triage.linking import Evidence
from tipline.vault.feature_keys import FeatureKeys


def index_of(keys: FeatureKeys, reports: dict[str, str]) -> LinkIndex:
    index = LinkIndex()
    for report_id, text in reports.items():
        index.add(report_id, compute_features(text=text, keys=keys))
    return index


def proposed(index: LinkIndex, keys: FeatureKeys, text: str) -> dict[str, tuple[str, ...]]:
    links = index.propose(compute_features(text=text, keys=keys))
    return {link.report_id: tuple(evidence.code for evidence in link.evidence) for link in links}


def test_same_wechat_id_in_another_language_and_format(keys: FeatureKeys) -> None:
    index = index_of(
        keys, {"r1": "有人让我拍军港的照片，微信号：Spy_Handler01", "r2": "我们单位的服务器被入侵了。"}
    )
    links = index.propose(
        compute_features(text="He asked me about the navy pier. WeChat ID: spy_handler01", keys=keys)
    )
    assert [link.report_id for link in links] == ["r1"]
    assert links[0].evidence[0].render("en") == "same WeChat ID"
    assert links[0].evidence[0].render("zh") == "同一微信号"


def test_near_duplicate_text_is_linked_with_its_similarity(keys: FeatureKeys) -> None:
    text = (
        "我是退休职工，平时喜欢在海边散步。最近经常看到一个人在东港军港外面用长焦相机拍军舰，还在本子上记录进出港的时间。"
        "他开一辆白色轿车，每周来两三次，有时候还会放无人机。希望有关部门调查一下。"
    )
    index = index_of(keys, {"first": text})
    links = index.propose(compute_features(text=text + "补充一下：昨天他又来了。", keys=keys))
    assert [link.report_id for link in links] == ["first"]
    text_evidence = next(e for e in links[0].evidence if e.code == "text_similar")
    percent = text_evidence.param("percent")
    assert isinstance(percent, int) and percent >= 80
    assert text_evidence.render("en") == f"text {percent}% similar"
    assert text_evidence.render("zh") == f"文本相似度 {percent}%"


def test_identifiers_one_digit_apart_are_not_linked(keys: FeatureKeys) -> None:
    template = (
        "王先生在网上找我做兼职，让我每天去军港附近拍军舰进出港的照片发给他，每次给500元。他的电话是{}。"
    )
    index = index_of(keys, {"a": template.format("138 1234 5678")})
    assert proposed(index, keys, template.format("138 1234 5679").replace("王先生", "李经理")) == {}


def test_a_stop_listed_identifier_never_links(keys: FeatureKeys) -> None:
    index = index_of(keys, {"a": "我在 baidu.com 上搜到一个招聘军港摄影兼职的广告。"})
    assert proposed(index, keys, "Our mail server was hacked, I searched baidu.com for the error.") == {}


def test_an_identifier_in_many_unrelated_reports_is_damped(keys: FeatureKeys) -> None:
    index = LinkIndex()
    topics = ["服务器被入侵", "军港有人拍照", "有人收购内部资料", "境外基金会资助培训", "有人劝干部叛逃"]
    for number in range(40):
        text = f"第{number}号举报：{topics[number % 5]}，地点{number}。对方电话 400 658 1234。"
        index.add(f"r{number}", compute_features(text=text, keys=keys))
    links = index.propose(compute_features(text="有人拉我入群，群里的电话是400-658-1234。", keys=keys))
    assert links == ()


def test_sharing_a_rare_identifier_still_links_among_a_few(keys: FeatureKeys) -> None:
    index = index_of(keys, {f"r{n}": f"报告{n}：此人可疑，车牌粤B·1234{n}。" for n in range(5)})
    assert set(proposed(index, keys, "I saw the car 粤b12342 again near the base.")) == {"r2"}


def test_add_many_and_add_give_the_same_proposals(keys: FeatureKeys) -> None:
    texts = {
        f"r{n}": f"第{n}份：有人在军港附近拍照，微信号 watcher_{n % 3}x，电话 1381234567{n % 4}。"
        for n in range(12)
    }
    one_by_one = index_of(keys, texts)
    bulk = LinkIndex()
    bulk.add_many((report_id, compute_features(text=text, keys=keys)) for report_id, text in texts.items())
    query = compute_features(text="微信号 watcher_1x", keys=keys)
    assert one_by_one.propose(query) == bulk.propose(query)
    assert len(bulk.propose(query)) == 4


def test_add_block_from_arrays(keys: FeatureKeys) -> None:
    index = LinkIndex()
    rng = np.random.default_rng(1)
    count = 1000
    signatures = rng.integers(0, 2**32, size=(count, 128), dtype=np.uint64).astype(np.uint32)
    band_keys = rng.integers(0, 2**63, size=(count, 32), dtype=np.uint64)
    identifier_keys = rng.integers(0, 2**63, size=count, dtype=np.uint64)
    index.add_block(
        [f"b{n}" for n in range(count)],
        signatures,
        band_keys,
        np.ones(count, dtype=bool),
        identifier_keys,
        np.zeros(count, dtype=np.uint8),
        np.ones(count, dtype=np.int64),
    )
    assert len(index) == count
    query = compute_features(text="有人在军港附近拍照，微信号 watcher_1x", keys=keys)
    assert index.propose(query) == ()


def test_evidence_of_damping_renders() -> None:
    evidence = Evidence("common_identifier", (("kind", "phone"), ("count", 12)))
    assert evidence.render("en") == "the telephone number is in 12 reports, so it counts less"
    assert "12" in evidence.render("zh")


def test_clue_is_named_after_the_earliest_registered_report() -> None:
    from datetime import UTC, datetime

    ids = ["late", "early", "alone", "unknown_time"]
    times = [datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC), None, None]
    clues = group_into_clues(
        ids, [registration_order(t) for t in times], [("late", "early"), ("unknown_time", "late")]
    )
    assert clues == {"late": "early", "early": "early", "alone": "alone", "unknown_time": "early"}
