"""Accounts: users are identified by email; sign-up is verified by mail (allauth)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from events.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

NEW_PASSWORD = "a-Strong-passphrase-2016"


def _sign_up(client, email="new.delegate@example.org"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_create_user_with_email():
    user = User.objects.create_user("Delegate@EXAMPLE.org", password=NEW_PASSWORD)

    assert user.email == "Delegate@example.org"
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)
    assert user.check_password(NEW_PASSWORD)
    assert str(user) == "Delegate@example.org"


def test_create_user_without_email_refused():
    with pytest.raises(ValueError, match=r"^An email address is required\.$"):
        User.objects.create_user("", password=NEW_PASSWORD)


def test_create_superuser_with_email():
    user = User.objects.create_superuser("admin@example.org", password=NEW_PASSWORD)

    assert (user.email, user.is_staff, user.is_superuser) == ("admin@example.org", True, True)


def test_create_superuser_flags_cannot_be_turned_off():
    user = User.objects.create_superuser(
        "admin@example.org", password=NEW_PASSWORD, is_staff=False, is_superuser=False
    )

    assert (user.is_staff, user.is_superuser) == (True, True)


def test_user_has_no_username():
    assert (User.USERNAME_FIELD, User.REQUIRED_FIELDS, User.username) == ("email", [], None)


def test_user_str_prefers_full_name():
    user = UserFactory(full_name="Amina Delegate", email="amina@example.org")

    assert (str(user), user.get_short_name(), user.get_full_name()) == (
        "Amina Delegate",
        "Amina Delegate",
        "Amina Delegate",
    )


def test_signup_sends_a_verification_mail(client, private_cache):
    response = _sign_up(client)

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new.delegate@example.org")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("new.delegate@example.org", False)
    ]
    [message] = mail.outbox
    assert message.to == ["new.delegate@example.org"]
    assert message.subject.startswith("[Special Meeting] ")
    assert "/accounts/confirm-email/" in message.body
    assert _signed_in_user_id(client) is None


def test_signup_cannot_sign_in_before_verifying(client, private_cache):
    _sign_up(client)
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "new.delegate@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/confirm-email/"
    assert _signed_in_user_id(client) is None
    assert client.get("/account/").status_code == 302


def test_signup_verified_by_the_mailed_link_then_sign_in(client, private_cache):
    _sign_up(client)
    [message] = mail.outbox
    link = next(word for word in message.body.split() if "/accounts/confirm-email/" in word)
    path = link[link.index("/accounts/confirm-email/") :]

    confirmed = client.post(path)
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.delegate@example.org", "password": NEW_PASSWORD}
    )

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="new.delegate@example.org").verified is True
    assert (response.status_code, response.headers["Location"]) == (302, "/account/")
    assert _signed_in_user_id(client) == str(User.objects.get(email="new.delegate@example.org").pk)


def test_signup_existing_email_creates_no_second_user(client, private_cache):
    UserFactory(email="taken@example.org", verified=True)

    _sign_up(client, email="taken@example.org")

    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_login_by_email_for_verified_user(client, private_cache):
    user = UserFactory(email="verified@example.org", verified=True)

    response = client.post(
        "/accounts/login/", {"login": "verified@example.org", "password": PASSWORD}
    )

    assert (response.status_code, response.headers["Location"]) == (302, "/account/")
    assert _signed_in_user_id(client) == str(user.pk)
    assert client.get("/account/").status_code == 200


def test_login_wrong_password_refused(client, private_cache):
    UserFactory(email="verified@example.org", verified=True)

    response = client.post(
        "/accounts/login/", {"login": "verified@example.org", "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert _signed_in_user_id(client) is None


def test_login_page_has_no_username_field(client, private_cache):
    content = client.get("/accounts/login/").content.decode()

    assert 'name="login"' in content
    assert 'type="email"' in content
    assert 'name="username"' not in content
