"""Property tests of the envelope encryption: what an attacker who can change stored bytes would observe."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.vault import envelope
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.models import DataKey

pytestmark = pytest.mark.django_db
fixture_ok = settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
bindings = st.text(min_size=1, max_size=40)


@pytest.fixture
def content_key() -> DataKey:
    key = envelope.data_key_new(purpose=DataKey.Purpose.CONTENT)
    key.save()
    return key


@fixture_ok
@given(plaintext=st.binary(max_size=4096), binding=bindings)
def test_round_trip(content_key: DataKey, plaintext: bytes, binding: str) -> None:
    ciphertext = envelope.encrypt(content_key, plaintext, binding=binding)
    assert envelope.decrypt(content_key, ciphertext, binding=binding) == plaintext
    if len(plaintext) >= 8:
        assert plaintext not in ciphertext


@fixture_ok
@given(plaintext=st.binary(min_size=1, max_size=512), binding=bindings, data=st.data())
def test_any_changed_byte_is_detected(
    content_key: DataKey, plaintext: bytes, binding: str, data: st.DataObject
) -> None:
    ciphertext = bytearray(envelope.encrypt(content_key, plaintext, binding=binding))
    position = data.draw(st.integers(0, len(ciphertext) - 1))
    ciphertext[position] ^= data.draw(st.integers(1, 255))
    with pytest.raises(DecryptionFailed):
        envelope.decrypt(content_key, bytes(ciphertext), binding=binding)


@fixture_ok
@given(plaintext=st.binary(max_size=256), binding=bindings, other=bindings)
def test_ciphertext_bound_to_another_report_does_not_open(
    content_key: DataKey, plaintext: bytes, binding: str, other: str
) -> None:
    if other == binding:
        return
    ciphertext = envelope.encrypt(content_key, plaintext, binding=binding)
    with pytest.raises(DecryptionFailed):
        envelope.decrypt(content_key, ciphertext, binding=other)


def test_another_reports_key_does_not_open(content_key: DataKey) -> None:
    other_key = envelope.data_key_new(purpose=DataKey.Purpose.CONTENT)
    ciphertext = envelope.encrypt(content_key, b"secret", binding="report:R1:content")
    with pytest.raises(DecryptionFailed):
        envelope.decrypt(other_key, ciphertext, binding="report:R1:content")


def test_wrapped_key_moved_to_another_row_does_not_unwrap(content_key: DataKey) -> None:
    """The wrap is bound to the data key's id: copying a wrapped key onto another row gains nothing."""
    impostor = envelope.data_key_new(purpose=DataKey.Purpose.CONTENT)
    impostor.wrapped = content_key.wrapped
    with pytest.raises(DecryptionFailed):
        envelope.encrypt(impostor, b"x", binding="b")


def _attachment_key() -> DataKey:
    key = envelope.data_key_new(purpose=DataKey.Purpose.ATTACHMENTS)
    key.save()
    return key


@settings(max_examples=15, deadline=None)
@given(size=st.integers(0, 300_000))
def test_streaming_round_trip(size: int) -> None:
    key = envelope.data_key_new(purpose=DataKey.Purpose.ATTACHMENTS)
    plaintext = bytes(i % 251 for i in range(size))
    stored = io.BytesIO()
    envelope.encrypt_stream(key, io.BytesIO(plaintext), _KeepOpen(stored), binding="report:R1:attachment:a")
    restored = io.BytesIO()
    envelope.decrypt_stream(key, io.BytesIO(stored.getvalue()), restored, binding="report:R1:attachment:a")
    assert restored.getvalue() == plaintext


@pytest.mark.parametrize("damage", ["flip", "truncate", "wrong_binding"])
def test_streaming_tamper_is_detected(db: object, damage: str) -> None:
    key = _attachment_key()
    stored = io.BytesIO()
    envelope.encrypt_stream(key, io.BytesIO(b"x" * 100_000), _KeepOpen(stored), binding="bound")
    data = bytearray(stored.getvalue())
    binding = "bound"
    if damage == "flip":
        data[len(data) // 2] ^= 1
    elif damage == "truncate":
        data = data[: len(data) - 5000]
    else:
        binding = "elsewhere"
    with pytest.raises(DecryptionFailed):
        envelope.decrypt_stream(key, io.BytesIO(bytes(data)), io.BytesIO(), binding=binding)


class _KeepOpen(io.RawIOBase):
    """Tink closes the stream it writes to; the test still wants to read what was written."""

    def __init__(self, target: io.BytesIO) -> None:
        self.target = target

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return self.target.write(data)
