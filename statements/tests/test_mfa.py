"""Two-factor authentication (allauth.mfa, TOTP): open to everyone, required for staff.
Codes are computed with pyotp, as an authenticator app would."""

import pyotp
import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import reverse

from events.permissions import CTED_STAFF_GROUP
from events.tests.factories import DelegationFactory, UserFactory

from .helpers import delegate, open_event, staff_with_totp

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def _staff_without_totp(**kwargs):
    user = UserFactory(is_staff=True, verified=True, **kwargs)
    user.groups.add(Group.objects.get(name=CTED_STAFF_GROUP))
    return user


def _sign_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_staff_without_totp_sent_to_set_it_up(client):
    client.force_login(_staff_without_totp())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp") + "?next=%2Fadmin%2F"


@pytest.mark.parametrize(
    "url_name", ["admin:statements_statement_changelist", "delegates:home", "accounts:home"]
)
def test_staff_without_totp_blocked_everywhere_but_the_account_pages(client, url_name):
    client.force_login(_staff_without_totp())

    assert client.get(reverse(url_name)).status_code == 302
    assert client.get(reverse("events:account_menu")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_staff_requirement_can_be_turned_off(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(_staff_without_totp())

    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_sets_up_totp_with_an_authenticator_app(client, private_cache):
    staff = _staff_without_totp(email="new.staff@example.org")
    _sign_in(client, staff.email)
    # allauth asks for the password again before changing two-factor settings.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_sign_in_asks_for_the_code(client, private_cache):
    staff, secret = staff_with_totp(email="staff@example.org")
    from events.tests.factories import verify_email

    verify_email(staff)

    response = _sign_in(client, staff.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_may_not_remove_their_totp_but_delegates_may():
    staff, _secret = staff_with_totp()
    delegation = DelegationFactory(event=open_event())
    member = delegate(delegation)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(member, generate_totp_secret())

    adapter = get_adapter()
    assert adapter.can_delete_authenticator(Authenticator.objects.get(user=staff)) is False
    assert adapter.can_delete_authenticator(Authenticator.objects.get(user=member)) is True


def test_delegates_are_not_required_to_use_totp(client):
    delegation = DelegationFactory(event=open_event())
    client.force_login(delegate(delegation))

    assert client.get(reverse("delegates:home")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
