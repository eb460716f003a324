"""axe-core in Chromium on every public page and every page a delegate sees, in English
and in Arabic: no WCAG 2.1 A or AA violation (every rule of those tags runs).

Forms are checked as they first open and as they come back with errors (the error
summary, fields marked invalid). The pages come from the demo that load_demo made,
through the site's own links and URL names.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from .helpers import axe_violations, public_paths, sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["en", "ar"]


def _report(violations: list[str], checked: list[str]) -> str:
    return f"{len(violations)} violations on {len(checked)} pages:\n" + "\n".join(violations)


def _submit(page, form) -> None:
    """Send ``form`` as it is filled, and wait for the page that answers (and its menu)."""
    with page.expect_response(lambda r: r.url.rstrip("/").endswith("account-menu")):
        form.locator("[type=submit]").first.click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_wcag_violations(demo, open_page, language):
    page = open_page(f"public-{language}")
    violations, checked = [], []
    for what, path in public_paths(language):
        visit(page, path)
        assert page.locator("html").get_attribute("lang") == language, path
        if what.startswith("not found"):
            assert page.locator("h1").count() == 1
        checked.append(path)
        violations += axe_violations(page, f"{what} {path}")
    assert len(checked) >= 20, checked
    assert not violations, _report(violations, checked)


def _delegate_with_statements(demo):
    """A demo delegate whose delegation has statements, one still open if there is one."""
    from statements.models import Statement

    delegates = [a for a in demo.accounts if a.description.startswith("delegate")]
    for statuses in (Statement.OPEN_STATUSES, None):
        for account in delegates:
            found = Statement.objects.filter(
                delegation__memberships__user__email=account.email,
                delegation__memberships__status="approved",
            )
            if statuses:
                found = found.filter(status__in=statuses)
            if found.exists():
                return account
    raise AssertionError("the demo has no delegate with statements")


@pytest.mark.parametrize("language", LANGUAGES)
def test_delegate_pages_have_no_wcag_violations(demo, open_page, language):
    violations, checked = [], []

    def check(page, label):
        assert page.locator("html").get_attribute("lang") == language, page.url
        checked.append(page.url)
        violations.extend(axe_violations(page, f"{label} {page.url}"))

    with translation.override(language):
        urls = {
            name: reverse(name)
            for name in (
                "account_login",
                "account_signup",
                "account_reset_password",
                "delegates:home",
                "delegates:join",
                "accounts:home",
                "account_email",
                "account_change_password",
                "mfa_index",
                "mfa_activate_totp",
                "account_logout",
            )
        }
        urls["bad invitation"] = reverse("delegates:invitation", args=["not-a-valid-token"])

    # Signed out: sign in, sign up, password reset (the browser checks required fields
    # and email addresses itself: the errors checked are the server's).
    visitor = open_page(f"visitor-{language}")
    for name, entries in (
        ("account_login", {"login": "someone@example.org", "password": "not-the-password"}),
        (
            "account_signup",
            {"email": "someone@example.org", "password1": "short", "password2": "other"},
        ),
    ):
        visit(visitor, urls[name])
        check(visitor, name)
        form = visitor.locator("main form").first
        for field, value in entries.items():
            form.locator(f"[name={field}]").fill(value)
        _submit(visitor, form)
        assert visitor.locator("[data-error-summary]").count() == 1, visitor.url
        check(visitor, f"{name} with errors")
    visit(visitor, urls["account_reset_password"])
    check(visitor, "account_reset_password")
    visitor.locator("main form [name=email]").fill("someone@example.org")
    _submit(visitor, visitor.locator("main form").first)
    check(visitor, "password reset sent")
    visit(visitor, urls["bad invitation"])
    check(visitor, "invitation (invalid)")

    # Signed in as a delegate whose delegation has statements.
    delegate = open_page(f"delegate-{language}")
    sign_in(delegate, _delegate_with_statements(demo), next_path=urls["delegates:home"])
    visit(delegate, urls["delegates:home"])
    check(delegate, "my delegation")
    main = delegate.locator("main")
    submit_path = main.locator("a[href*='/submit/']").first.get_attribute("href")
    statement_paths = main.locator("a[href*='/my-delegation/statements/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert statement_paths, "no statement on the delegate's page"

    visit(delegate, submit_path)
    check(delegate, "submit a statement")
    _submit(delegate, delegate.locator("main form[data-upload-form]"))
    assert delegate.locator("[data-error-summary]").count() == 1
    check(delegate, "submit a statement with errors")

    visit(delegate, statement_paths[0])
    check(delegate, "statement")
    upload = delegate.locator("main form[data-upload-form]")
    if upload.count():
        _submit(delegate, upload)
        check(delegate, "statement, upload with errors")

    visit(delegate, urls["delegates:join"])
    check(delegate, "join a delegation")
    _submit(delegate, delegate.locator("main form").first)
    check(delegate, "join a delegation with errors")

    for name in ("accounts:home", "account_email", "mfa_index", "account_change_password"):
        visit(delegate, urls[name])
        check(delegate, name)
    form = delegate.locator("main form").first
    form.locator("[name=oldpassword]").fill("not-the-password")
    form.locator("[name=password1]").fill("Another-password-2016")
    form.locator("[name=password2]").fill("Another-password-2016")
    _submit(delegate, form)
    assert delegate.locator("[data-error-summary]").count() == 1
    check(delegate, "change password with errors")
    # Setting up an authenticator may first ask for the password again: both pages.
    visit(delegate, urls["mfa_activate_totp"])
    check(delegate, "two-factor set-up")
    if re.search(r"/reauthenticate/", delegate.url):
        delegate.locator("main form input[type=password]").fill(
            _delegate_with_statements(demo).password
        )
        _submit(delegate, delegate.locator("main form").first)
        check(delegate, "two-factor set-up after reauthentication")
    visit(delegate, urls["account_logout"])
    check(delegate, "sign out")

    assert len(checked) >= 20, checked
    assert not violations, _report(violations, checked)
