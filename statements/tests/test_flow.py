"""The whole path, as people take it in a browser: a new delegate signs up, verifies the
address, asks to join a delegation, is approved, uploads a statement and sees it
submitted; staff publish it; the public finds it by search and downloads exactly the
bytes that were uploaded."""

import re

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.files import file_url
from events.models import Membership
from events.tests.factories import StateFactory, verify_email
from statements.models import Statement

from . import files
from .helpers import open_event, run_jobs, staff_with_totp

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase"


def test_from_sign_up_to_public_download(private_cache):
    event = open_event(is_current=True)
    state = StateFactory(iso_code="KE")
    staff, secret = staff_with_totp(email="cted.reviewer@example.org")
    verify_email(staff)
    delegate, reviewer, public = Client(), Client(), Client()

    # Sign up and verify the address.
    delegate.post(
        reverse("account_signup"),
        {"email": "new.delegate@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirm = re.search(r"https?://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    delegate.post(confirm.group(1))
    delegate.post(
        reverse("account_login"), {"login": "new.delegate@example.org", "password": PASSWORD}
    )

    # Ask to join Kenya's delegation.
    delegate.post(
        reverse("delegates:join"),
        {"event": event.pk, "organisation": state.pk, "position": "First Secretary"},
    )
    request = Membership.objects.get(user__email="new.delegate@example.org")

    # Staff sign in with their second factor and approve.
    reviewer.post(
        reverse("account_login"), {"login": staff.email, "password": "correct-horse-battery-staple"}
    )
    reviewer.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    reviewer.post(
        reverse("admin:statements_delegaterequest_changelist"),
        {"action": "approve_as_focal_point", "_selected_action": [request.pk]},
    )
    run_jobs()
    assert any(m.subject == "[Special Meeting] You now act for Kenya" for m in mail.outbox)

    # Upload a statement, and see it submitted.
    data = files.docx_bytes("Kenya's SAMPLE text on preventing the exploitation of ICTs")
    response = delegate.post(
        reverse("delegates:submit", args=[request.delegation_id]),
        {"title": "Written statement", "language": "en", "file": files.upload(data, "ke.docx")},
        follow=True,
    )
    statement = Statement.objects.get()
    assert "Submitted" in response.content.decode()
    run_jobs()  # receipts, the staff digest, text extraction

    # Staff publish it.
    reviewer.post(
        reverse("admin:statements_statement_review", args=[statement.pk]), {"action": "publish"}
    )

    # The public finds it by a word of its text, and downloads exactly what was uploaded.
    found = public.get(reverse("statements:list", args=[event.slug]), {"q": "exploitation"})
    assert [s.pk for s in found.context["statements"]] == [statement.pk]
    stored = statement.language_versions.get().current_file
    download = public.get(file_url("statement-file", stored.pk, "en.docx"))
    assert b"".join(download.streaming_content) == data
