"""Fixtures for the browser journeys: Debian's Chromium driven by pytest-playwright against pytest-django's
live server (a thread of this process, sharing its in-memory test database and settings).

Run with `make test-browser`. Never `playwright install`: the browser is /usr/bin/chromium (shared/RECIPES.md)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.db import connection

from tipline.accounts.models import Unit
from tipline.testsupport.factories import units_create

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach the internet (shared/RECIPES.md).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

WECHAT_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 XWEB/1260117 MMWEBSDK/20240501 MMWEBID/1234 "
    "MicroMessenger/8.0.50.2701(0x28003253) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)

SITE_STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_AUDIT_MIGRATION = "tipline.audit.migrations.0002_chain_head_and_append_only"
_INTAKE_MIGRATION = "tipline.intake.migrations.0002_categories_and_registration_guard"


# --- the browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Playwright's sync API runs an event loop in this thread for the whole session, so Django sees every ORM
    # call made from a test (or from the database fixtures' teardown) as made from async code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Pages are opened by path (`page.goto("/en/")`). Overriding this also keeps pytest-playwright from
    defining its own `base_url` fixture, which warns under pytest 9."""
    return str(live_server.url)


@pytest.fixture
def new_context(new_context: Any, base_url: str) -> Iterator[Any]:
    """pytest-playwright's context factory, watching that the pages ask for nothing outside the test server
    (no fonts, scripts or analytics from elsewhere; axe-core comes from the installed package)."""
    foreign: list[str] = []

    def watch(request: Any) -> None:
        if not request.url.startswith((base_url + "/", "data:", "about:")):
            foreign.append(request.url)

    def make(**kwargs: Any) -> Any:
        context = new_context(**kwargs)
        context.on("request", watch)
        return context

    yield make
    assert not foreign, f"requests outside the test server: {foreign}"


# --- the server's state ------------------------------------------------------------------------------------


@pytest.fixture
def site_static_files(settings: Any) -> None:
    """Serves tipline/static/ (site.css, site.js) while the settings do not list it in STATICFILES_DIRS, so the
    journeys can test styled, scripted pages; test_static_files.py fails until the settings are fixed, and this
    does nothing from then on. tipline/static/ belongs to no installed app: without STATICFILES_DIRS neither the
    finders (live server, whitenoise's autorefresh) nor collectstatic see it."""
    if finders.find("tipline/site.css") is None:
        settings.STATICFILES_DIRS = [*django_settings.STATICFILES_DIRS, SITE_STATIC_DIR]


@pytest.fixture
def seeded_db(transactional_db: Any) -> Iterator[None]:
    """The rows and triggers that migrations make, around pytest-django's per-test flush.

    A live-server test cannot run inside a rolled-back transaction: the server thread must see what the test
    writes. pytest-django therefore empties every table after each such test, which removes the rows data
    migrations made (report categories, the audit chain head), and on SQLite it empties tables with DELETE,
    which the audit log's append-only triggers refuse. So: rows are put back before each test with the
    migrations' own functions, and the triggers are dropped just before the flush and made again before the next
    test (each test runs with them)."""
    audit, intake = importlib.import_module(_AUDIT_MIGRATION), importlib.import_module(_INTAKE_MIGRATION)
    with connection.schema_editor() as editor:
        audit.triggers_drop(django_apps, editor)
        audit.triggers_create(django_apps, editor)
    audit.head_create(django_apps, None)
    intake.categories_create(django_apps, None)
    yield
    with connection.schema_editor() as editor:
        audit.triggers_drop(django_apps, editor)


@pytest.fixture
def units(seeded_db: None, site_static_files: None) -> dict[str, Unit]:
    """The demo units, in a database seeded as migrations leave it, with the site's static files served."""
    return units_create()
