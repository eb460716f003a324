"""`manage.py load_demo`: SAMPLE statements of SAMPLE delegations only, and the demo
staff account's TOTP secret, printed and kept across runs."""

import io
import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command

from events.demo import STAFF_EMAIL
from statements.models import Statement

from .helpers import run_jobs

pytestmark = pytest.mark.django_db


def _load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _secret(output: str) -> str:
    line = next(line for line in output.splitlines() if "two-factor secret" in line)
    assert STAFF_EMAIL in line
    return re.search(r"TOTP ([A-Z2-7]{32})", line).group(1)


def test_load_demo_prints_the_staff_totp_secret_and_keeps_it(private_cache):
    first = _secret(_load_demo())
    second = _secret(_load_demo())

    assert first == second
    authenticator = Authenticator.objects.get(user__email=STAFF_EMAIL)
    assert TOTP(authenticator).validate_code(pyotp.TOTP(first).now())


def test_load_demo_sample_statements_only_from_sample_delegations():
    _load_demo()
    _load_demo()

    statements = Statement.objects.select_related("delegation__organisation")
    assert statements.count() == 3
    assert all(s.title.startswith("SAMPLE written statement") for s in statements)
    assert all(s.delegation.organisation.name_en.startswith("SAMPLE ") for s in statements)
    assert sorted(s.status for s in statements) == ["published", "published", "submitted"]


def test_load_demo_sample_files_say_they_are_sample_text():
    _load_demo()

    run_jobs("statements.extract_text")

    for statement in Statement.objects.all():
        for version in statement.language_versions.select_related("current_file"):
            assert "SAMPLE" in version.current_file.text
            assert "It is not a statement of any State" in version.current_file.text
