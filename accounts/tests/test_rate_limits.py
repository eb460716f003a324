"""Sign-in rate limits: allauth's sign-in page, and the admin's, which is allauth's.

The limits are allauth's (ACCOUNT_RATE_LIMITS, here its defaults): failed sign-ins are
counted per account and per address ("login_failed"), and every sign-in request per
address ("login"); the numbers below are read from the configuration, not typed. These
tests run on the cache the site is configured with, as the rate limits do: Redis in the
REDIS_URL pass, the file cache in the embedded pass (no private cache). Each signs in
from addresses and as users of its own, so that it shares no count with another test
or an earlier run.
"""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace
from unittest import mock

import pytest
from allauth.account import app_settings as account_settings
from allauth.core.internal import ratelimit
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from events.tests.factories import PASSWORD, UserFactory, cted_staff_user, verify_email

pytestmark = pytest.mark.django_db

WRONG = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def _rates(action: str) -> dict[str, ratelimit.Rate]:
    return {rate.per: rate for rate in ratelimit.parse_rates(account_settings.RATE_LIMITS[action])}


FAILED = _rates("login_failed")  # per account ("key") and per address ("ip")
REQUESTS = _rates("login")  # per address


def _address() -> str:
    """An address of this test's own (10.0.0.0/8), never one another test counts on."""
    number = uuid.uuid4().int % (2**24 - 2) + 1
    return f"10.{number >> 16}.{(number >> 8) & 255}.{number & 255}"


def _user(**kwargs):
    return UserFactory(verified=True, email=f"{uuid.uuid4().hex[:12]}@example.org", **kwargs)


def _sign_in(client, email: str, password: str, address: str, *, next_url: str = ""):
    url = reverse("account_login") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    return client.post(url, {"login": email, "password": password}, REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _refused(response, message: str) -> bool:
    return response.status_code == 200 and message in response.content.decode()


def test_the_limits_are_configured():
    assert set(FAILED) == {"key", "ip"} and set(REQUESTS) == {"ip"}
    # Locking one account must not take the whole budget of its address.
    assert FAILED["key"].amount < FAILED["ip"].amount < REQUESTS["ip"].amount


def test_failed_sign_ins_to_an_account_refused_after_the_limit_even_the_right_password():
    user, neighbour = _user(), _user()
    address = _address()
    client = Client()

    wrong = [_sign_in(client, user.email, "wrong", address) for _ in range(FAILED["key"].amount)]
    one_more = _sign_in(client, user.email, "wrong", address)
    right = _sign_in(client, user.email, PASSWORD, address)
    signed_in = _signed_in(client)
    # The account is locked from every address, not only from the one that failed.
    elsewhere = _sign_in(Client(), user.email, PASSWORD, _address())
    # Another account at the same address is not.
    other = Client()
    neighbour_response = _sign_in(other, neighbour.email, PASSWORD, address)

    assert all(_refused(response, WRONG) for response in wrong)
    assert _refused(one_more, TOO_MANY)
    assert _refused(right, TOO_MANY) and not signed_in
    assert _refused(elsewhere, TOO_MANY)
    assert neighbour_response.status_code == 302 and _signed_in(other)


def test_failed_sign_ins_from_an_address_refused_after_the_limit_other_addresses_not():
    address, other_address = _address(), _address()
    client = Client()
    # One failure for each of many accounts: under every account's limit.
    failures = [
        _sign_in(client, _user().email, "wrong", address) for _ in range(FAILED["ip"].amount)
    ]
    user = _user()

    here = _sign_in(client, user.email, PASSWORD, address)
    signed_in_here = _signed_in(client)
    there_client = Client()
    there = _sign_in(there_client, user.email, PASSWORD, other_address)

    assert all(_refused(response, WRONG) for response in failures)
    assert _refused(here, TOO_MANY) and not signed_in_here
    assert there.status_code == 302 and _signed_in(there_client)


def test_a_locked_account_signs_in_again_once_the_period_is_over():
    user = _user()
    address = _address()
    for _ in range(FAILED["key"].amount):
        _sign_in(Client(), user.email, "wrong", address)
    locked = _sign_in(Client(), user.email, PASSWORD, address)
    later = time.time() + FAILED["key"].duration + 1
    clock = SimpleNamespace(time=lambda: later, monotonic=time.monotonic, sleep=time.sleep)
    client = Client()

    with mock.patch.object(ratelimit, "time", clock):
        response = _sign_in(client, user.email, PASSWORD, address)

    assert _refused(locked, TOO_MANY)
    assert response.status_code == 302 and _signed_in(client)


def test_sign_in_requests_from_an_address_answered_429_after_the_limit():
    user = _user()
    address = _address()
    client = Client()
    url = reverse("account_login")

    # Requests without a password are not failed sign-ins, but they are requests.
    incomplete = [
        client.post(url, {"login": user.email}, REMOTE_ADDR=address)
        for _ in range(REQUESTS["ip"].amount)
    ]
    over = _sign_in(client, user.email, PASSWORD, address)
    signed_in = _signed_in(client)
    elsewhere_client = Client()
    elsewhere = _sign_in(elsewhere_client, user.email, PASSWORD, _address())

    assert [r.status_code for r in incomplete] == [200] * REQUESTS["ip"].amount
    assert over.status_code == 429 and not signed_in
    assert "Too many attempts" in over.content.decode() and "Wait a minute" in over.content.decode()
    assert elsewhere.status_code == 302 and _signed_in(elsewhere_client)


def _staff():
    staff = cted_staff_user(email=f"staff-{uuid.uuid4().hex[:8]}@example.org")
    verify_email(staff)
    return staff


def test_admin_sign_in_form_never_checks_a_password_it_sends_to_allauths():
    staff = _staff()
    address = _address()
    client = Client()
    admin_login = reverse("admin:login")
    expected = f"{reverse('account_login')}?{urlencode({'next': admin_login})}"

    # Far more than any limit, wrong and right passwords: the admin's own form is never
    # processed, so it neither signs anyone in nor counts towards locking the account.
    posts = [
        client.post(
            admin_login,
            {"username": staff.email, "password": "wrong" if n % 2 else PASSWORD},
            REMOTE_ADDR=address,
        )
        for n in range(FAILED["ip"].amount * 2)
    ]
    signed_in_by_admin_form = _signed_in(client)
    response = _sign_in(client, staff.email, PASSWORD, address, next_url=reverse("admin:index"))

    assert {(r.status_code, r["Location"]) for r in posts} == {(302, expected)}
    assert not signed_in_by_admin_form
    # The password step passes (the authenticator code is asked next).
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_authenticate"))


def test_admin_sign_in_refused_after_the_failed_limit_even_the_right_password():
    staff = _staff()
    address = _address()
    client = Client()
    admin_index = reverse("admin:index")

    wrong = [
        _sign_in(client, staff.email, "wrong", address, next_url=admin_index)
        for _ in range(FAILED["key"].amount)
    ]
    right = _sign_in(client, staff.email, PASSWORD, address, next_url=admin_index)
    admin = client.get(admin_index, REMOTE_ADDR=address)
    colleague = _staff()
    other = _sign_in(Client(), colleague.email, PASSWORD, address, next_url=admin_index)

    assert all(_refused(response, WRONG) for response in wrong)
    assert _refused(right, TOO_MANY)
    assert admin.status_code == 302 and admin["Location"].startswith(reverse("admin:login"))
    assert (other.status_code, other["Location"]) == (302, reverse("mfa_authenticate"))


def test_behind_a_proxy_clients_are_told_apart_by_the_address_it_reports(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy, attacker, visitor = _address(), _address(), _address()
    client = Client()

    def through_proxy(email, password, client_address, spoofed="203.0.113.9"):
        # What the attacker writes in X-Forwarded-For comes first; the proxy appends.
        forwarded = f"{spoofed}, {client_address}"
        return client.post(
            reverse("account_login"),
            {"login": email, "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    failures = [
        through_proxy(_user().email, "wrong", attacker, spoofed=_address())
        for _ in range(FAILED["ip"].amount)
    ]
    user = _user()
    attacker_again = through_proxy(user.email, PASSWORD, attacker)
    visitor_client = Client()
    visitor_response = visitor_client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=visitor,
    )

    assert all(_refused(response, WRONG) for response in failures)
    assert _refused(attacker_again, TOO_MANY)
    assert visitor_response.status_code == 302 and _signed_in(visitor_client)
