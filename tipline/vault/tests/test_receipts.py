"""Receipt codes: what a reporter types, and what a copy of the database does not give away."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline.vault.providers import key_file_rotate
from tipline.vault.receipts import (
    ReceiptCode,
    receipt_for_submission,
    receipt_format,
    receipt_lookup_candidates,
    receipt_lookup_key,
    receipt_parse,
)

codes = st.text(alphabet="0123456789", min_size=16, max_size=16).map(ReceiptCode)


@given(code=codes, separator=st.sampled_from([" ", "-", "  ", ""]), fullwidth=st.booleans())
def test_every_way_of_typing_a_code_parses_to_it(code: ReceiptCode, separator: str, fullwidth: bool) -> None:
    typed = separator.join(code[i : i + 4] for i in range(0, 16, 4))
    if fullwidth:
        typed = typed.translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    assert receipt_parse(typed) == code
    assert receipt_parse(receipt_format(code)) == code


@given(text=st.text(max_size=30))
def test_only_sixteen_digits_parse(text: str) -> None:
    parsed = receipt_parse(text)
    assert parsed is None or (len(parsed) == 16 and parsed.isdigit())


def test_format_is_four_groups_of_four() -> None:
    assert receipt_format(ReceiptCode("1234567890123456")) == "1234 5678 9012 3456"


def test_receipt_derives_from_token_and_differs_between_tokens() -> None:
    first = receipt_for_submission("a" * 32)  # type: ignore[arg-type]
    assert first == receipt_for_submission("a" * 32)  # type: ignore[arg-type]
    assert first != receipt_for_submission("b" * 32)  # type: ignore[arg-type]
    assert len(first) == 16 and first.isdigit()


def test_lookup_key_hides_the_code() -> None:
    code = ReceiptCode("1234567890123456")
    lookup = receipt_lookup_key(code)
    assert len(lookup) == 32 and code.encode() not in lookup
    assert receipt_lookup_key(ReceiptCode("1234567890123457")) != lookup


@pytest.mark.django_db
def test_pepper_rotation_keeps_old_codes_working() -> None:
    code = ReceiptCode("9876543210987654")
    before = receipt_lookup_key(code)
    key_file_rotate("receipt_pepper")
    candidates = receipt_lookup_candidates(code)
    assert len(candidates) == 2
    assert candidates[0] != before  # new reports use the new pepper
    assert before in candidates  # old reports still open
