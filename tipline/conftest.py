"""Fixtures shared by every app's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tipline.accounts.models import Unit
from tipline.testsupport.factories import units_create


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Any:
    """Code run outside a request (services, management commands) speaks the default language, Chinese. Tests
    start from English whatever ran before them, so no test depends on another's leftover language; pages still
    choose their language from the address or the staff member, and Chinese is tested there explicitly."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    cache.clear()  # throttling counters must not leak between tests
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_file_directories(settings: Any, tmp_path: Path) -> None:
    """Each test gets empty attachment and scratch directories, so it can assert what was left behind."""
    settings.TIPLINE_FILES_DIR = tmp_path / "files"
    settings.TIPLINE_SCRATCH_DIR = tmp_path / "scratch"
    settings.FILE_UPLOAD_TEMP_DIR = str(settings.TIPLINE_SCRATCH_DIR)
    settings.TIPLINE_SCRATCH_DIR.mkdir()


@pytest.fixture
def units(db: Any) -> dict[str, Unit]:
    return units_create()


@pytest.fixture
def client() -> Client:
    """A browser that prefers English: pages without a language in their address (the staff workspace before
    sign-in, the API) answer in English, so assertions read naturally. Chinese is tested explicitly."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
