"""Test settings: a cheap receipt KDF so the suite stays fast (SecureDrop does the same), keys and files in a
temporary directory, and the database from TIPLINE_DATABASE_URL (SQLite by default, PostgreSQL in CI)."""

import os
import tempfile

_test_var = tempfile.mkdtemp(prefix="tipline-test-")
os.environ.setdefault("TIPLINE_VAR_DIR", _test_var)
os.environ.setdefault("TIPLINE_RECEIPT_KDF_TIME", "1")
os.environ.setdefault("TIPLINE_RECEIPT_KDF_MEMORY_KIB", "64")

from tipline.config.settings import *  # noqa: E402, F403

WHITENOISE_AUTOREFRESH = True  # serve from the app directories; tests run no collectstatic
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
]  # speed only: test accounts guard nothing
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # tasks run at enqueue
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Most tests exercise what comes after the flood gate; tests of the gate itself turn it on (and solve challenges).
TIPLINE_PROOF_OF_WORK_ENFORCED = False
