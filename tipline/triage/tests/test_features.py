"""Keyed features: no plaintext token, deterministic, keyed, searchable."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.triage import ReportFeatures, compute_features, triage_with_features
from tipline.triage.features import feature_extractor
from tipline.triage.minhash import estimated_similarity
from tipline.vault.feature_keys import FeatureKeys

REPORT = "张先生在军港附近用长焦镜头拍摄军舰，微信号 spy_handler01，电话 138 1234 5678，车牌粤B·12345。He said the payment is monthly."
PLAINTEXT = [
    "军港",
    "军舰",
    "spy_handler01",
    "8613812345678",
    "13812345678",
    "粤B12345",
    "payment",
    "monthly",
    "张先生",
]


def serialised(features: ReportFeatures) -> bytes:
    document = json.dumps(features.to_json_dict(), ensure_ascii=False).encode("utf-8")
    raw = (
        b"".join(features.blind_tokens)
        + b"".join(t.digest for t in features.identifier_tokens)
        + features.signature
    )
    return document + raw


def test_features_hold_no_plaintext(keys: FeatureKeys) -> None:
    blob = serialised(compute_features(text=REPORT, keys=keys))
    for token in PLAINTEXT:
        assert token.encode("utf-8") not in blob
        assert token.lower().encode("utf-8") not in blob


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=12)
chinese = st.text(alphabet="军港舰艇雷达拍摄照片境外人员资料文件微信电话", min_size=4, max_size=12)


@settings(max_examples=40, deadline=None)
@given(word=words, phrase=chinese, digits=st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_no_plaintext_token_for_any_input(keys: FeatureKeys, word: str, phrase: str, digits: str) -> None:
    text = f"{phrase}，{word} met him. 电话 138{digits}，微信号 {word}_x1"
    blob = serialised(compute_features(text=text, keys=keys))
    for token in (word, phrase, f"138{digits}", f"{word}_x1"):
        assert token.encode("utf-8") not in blob


@settings(max_examples=30, deadline=None)
@given(text=st.text(max_size=200))
def test_same_input_same_features(keys: FeatureKeys, text: str) -> None:
    assert compute_features(text=text, keys=keys) == compute_features(text=text, keys=keys)


def test_features_depend_on_the_keys(keys: FeatureKeys, other_keys: FeatureKeys) -> None:
    ours, theirs = compute_features(text=REPORT, keys=keys), compute_features(text=REPORT, keys=other_keys)
    assert not set(ours.blind_tokens) & set(theirs.blind_tokens)
    assert ours.signature != theirs.signature
    assert not set(ours.band_keys) & set(theirs.band_keys)


def test_identifiers_in_any_form_give_one_keyed_token(keys: FeatureKeys) -> None:
    first = compute_features(text="电话 +86 138-1234-5678", keys=keys).identifier_tokens
    second = compute_features(text="call 0086 13812345678", keys=keys).identifier_tokens
    assert first == second
    assert first[0].kind == "phone"


def test_common_identifiers_are_marked(keys: FeatureKeys) -> None:
    tokens = compute_features(text="我在 baidu.com 上搜到的 evil-site.com", keys=keys).identifier_tokens
    assert sorted(token.common for token in tokens) == [False, True]


def test_query_tokens_find_the_report(keys: FeatureKeys) -> None:
    extractor = feature_extractor(keys)
    report = set(compute_features(text=REPORT, keys=keys).blind_tokens)
    for query in [
        "军港",
        "拍摄军舰",
        "spy_handler01",
        "SPY_HANDLER01",
        "138-1234-5678",
        "monthly payment",
        "粤B 12345",
    ]:
        groups = extractor.query_tokens(query)
        assert groups and all(set(group) & report for group in groups), query
    assert not all(set(group) & report for group in extractor.query_tokens("导弹"))


def test_similar_texts_have_similar_signatures(keys: FeatureKeys) -> None:
    original = compute_features(text=REPORT, keys=keys)
    repost = compute_features(text=REPORT + "补充一下：那天下雨。", keys=keys)
    other = compute_features(
        text="我们单位的服务器被黑客入侵，木马一直向境外回传数据，日志里有很多异常登录。", keys=keys
    )
    assert estimated_similarity(original.signature_array(), repost.signature_array()) > 0.7
    assert estimated_similarity(original.signature_array(), other.signature_array()) < 0.2


def test_json_round_trip(keys: FeatureKeys) -> None:
    features = compute_features(text=REPORT, keys=keys)
    assert ReportFeatures.from_json_dict(json.loads(json.dumps(features.to_json_dict()))) == features


def test_triage_with_features_matches_the_separate_calls(keys: FeatureKeys) -> None:
    result, features = triage_with_features(REPORT, keys=keys)
    assert features == compute_features(text=REPORT, identifiers=result.identifiers, keys=keys)
