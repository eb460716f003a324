"""Configuration from the environment: start-up errors, deploy checks, cache outages."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.test import override_settings

from specialmeeting.testing import BASE_DIR


def _manage(*args, **env):
    # The production settings module, without what the test settings put in os.environ.
    dropped = {"SECRET_KEY", "DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}
    base = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("SECURE_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_secret_key_is_a_one_line_startup_error(tmp_path):
    result = _manage("check", DJANGO_DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY is not set: set the SECRET_KEY environment variable "
        "(or DJANGO_DEBUG=1 for local development)."
    ]


def test_check_deploy_with_production_settings_reports_no_issues(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_debug_off_turns_https_settings_on(settings):
    # The test settings switch them off explicitly, as `make run` does; the defaults
    # are checked in the subprocess above (check --deploy would warn otherwise).
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.DEBUG is False


DEAD_REDIS = {
    "default": {
        "BACKEND": "specialmeeting.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@override_settings(CACHES=DEAD_REDIS)
def test_cache_outage_reads_as_a_miss():
    cache = caches["default"]
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.add("key", 1) is True  # so allauth's rate-limit lock does not block
    cache.set("key", 1)
    assert cache.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError):
        cache.incr("key")


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS)
def test_cache_outage_never_turns_sign_in_into_a_500(client, django_user_model):
    django_user_model.objects.create_user(email="someone@example.org", password="a-long-password")
    assert client.get("/accounts/login/").status_code == 200
    response = client.post(
        "/accounts/login/", {"login": "someone@example.org", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
