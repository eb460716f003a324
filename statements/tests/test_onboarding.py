"""Delegate onboarding: join requests, staff decisions with mail, invitations."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Delegation, Membership
from events.tests.factories import (
    DelegationFactory,
    MembershipFactory,
    OrganisationFactory,
    StateFactory,
    UserFactory,
)
from statements import onboarding

from .helpers import open_event, run_jobs, staff_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff, _secret = staff_with_totp(email="reviewer@example.org")
    client.force_login(staff)
    client.user = staff
    return client


def test_join_request_through_the_form(client, settings):
    settings.CTED_NOTIFY_EMAIL = "cted@example.org"
    event = open_event(is_current=True)
    state = StateFactory(iso_code="JP")
    user = UserFactory(verified=True, email="diplomat@example.org")
    client.force_login(user)

    form = client.get(reverse("delegates:join"))
    response = client.post(
        reverse("delegates:join"),
        {"event": event.pk, "organisation": state.pk, "position": "Counsellor"},
        follow=True,
    )

    assert '<optgroup label="Member State">' in form.content.decode()
    membership = Membership.objects.get(user=user)
    assert (
        membership.delegation.event,
        membership.delegation.organisation,
        membership.status,
        membership.role,
        membership.position,
    ) == (event, state, Membership.Status.PENDING, Membership.Role.MEMBER, "Counsellor")
    assert "Your request was sent to CTED." in response.content.decode()
    run_jobs()
    [notice] = mail.outbox
    assert (notice.to, notice.subject) == (
        ["cted@example.org"],
        "[Special Meeting] Delegate request: Japan",
    )
    assert "diplomat@example.org asks to act for Japan" in notice.body
    assert "/admin/statements/delegaterequest/?status__exact=pending" in notice.body


def test_join_request_uses_the_existing_delegation():
    delegation = DelegationFactory(event=open_event())
    user = UserFactory(verified=True)

    onboarding.membership_request(
        user=user, event=delegation.event, organisation=delegation.organisation, position="Adviser"
    )

    assert Delegation.objects.count() == 1
    assert Membership.objects.get().delegation == delegation


def test_join_request_twice_refused_but_again_after_decline():
    delegation = DelegationFactory(event=open_event())
    user = UserFactory(verified=True)
    ask = {"user": user, "event": delegation.event, "organisation": delegation.organisation}
    membership = onboarding.membership_request(**ask, position="Adviser")

    with pytest.raises(ValidationError):
        onboarding.membership_request(**ask, position="Adviser")
    onboarding.membership_decide(membership=membership, approve=False, decided_by=None)
    again = onboarding.membership_request(**ask, position="Senior adviser")

    assert (again.pk, again.status, again.position) == (
        membership.pk,
        Membership.Status.PENDING,
        "Senior adviser",
    )


def test_join_request_unverified_email_refused():
    delegation = DelegationFactory(event=open_event())

    with pytest.raises(ValidationError):
        onboarding.membership_request(
            user=UserFactory(),
            event=delegation.event,
            organisation=delegation.organisation,
            position="Adviser",
        )
    assert Membership.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "status", "role", "subject"),
    [
        ("approve_as_focal_point", "approved", "focal_point", "You now act for Norway"),
        ("approve_as_member", "approved", "member", "You now act for Norway"),
        ("decline", "declined", "member", "Your request to act for Norway"),
    ],
)
def test_staff_decide_requests_in_admin_and_the_user_is_told(
    staff_client, action, status, role, subject
):
    delegation = DelegationFactory(event=open_event(), organisation=StateFactory(iso_code="NO"))
    membership = MembershipFactory(delegation=delegation, user__email="asker@example.org")

    response = staff_client.post(
        reverse("admin:statements_delegaterequest_changelist"),
        {"action": action, "_selected_action": [membership.pk]},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == (
        status,
        role,
        staff_client.user,
    )
    run_jobs()
    [message] = mail.outbox
    assert (message.to, message.subject) == (["asker@example.org"], f"[Special Meeting] {subject}")


def test_delegate_requests_admin_lists_pending_requests(staff_client):
    MembershipFactory(user__email="waiting@example.org")

    response = staff_client.get(
        reverse("admin:statements_delegaterequest_changelist") + "?status__exact=pending"
    )

    page = response.content.decode()
    assert "waiting@example.org" in page
    assert reverse("admin:statements_delegaterequest_invite") in page


def _invitation_link(message) -> str:
    return re.search(r"http://\S+/my-delegation/invitations/\S+/", message.body).group(0)


def test_invitation_sign_up_verify_and_join(staff_client, client, settings, private_cache):
    settings.SITE_URL = "http://testserver"
    delegation = DelegationFactory(event=open_event(), organisation=StateFactory(iso_code="ID"))

    response = staff_client.post(
        reverse("admin:statements_delegaterequest_invite"),
        {"delegation": delegation.pk, "email": "new.delegate@example.org", "role": "focal_point"},
    )
    assert response.status_code == 302
    run_jobs()
    [invitation] = mail.outbox
    assert invitation.subject == "[Special Meeting] Invitation to act for Indonesia"
    link = _invitation_link(invitation).removeprefix("http://testserver")
    staff_client.logout()

    # Not signed in: the page offers to create an account and come back.
    page = client.get(link).content.decode()
    assert "Act for Indonesia" in page
    signup = reverse("account_signup") + "?" + urlencode({"next": link})
    assert signup in page

    client.post(
        reverse("account_signup"),
        {
            "email": "new.delegate@example.org",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    confirm = re.search(
        r"https?://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    ).group(1)
    client.post(confirm)
    client.post(
        reverse("account_login"),
        {"login": "new.delegate@example.org", "password": "a-long-enough-passphrase"},
    )
    response = client.post(link, follow=True)

    membership = Membership.objects.get(user__email="new.delegate@example.org")
    assert (membership.delegation, membership.status, membership.role) == (
        delegation,
        Membership.Status.APPROVED,
        Membership.Role.FOCAL_POINT,
    )
    assert "You now act for Indonesia." in response.content.decode()


def test_invitation_for_another_address_refused(client):
    delegation = DelegationFactory(event=open_event())
    staff, _secret = staff_with_totp()
    token = onboarding.invitation_send(
        delegation=delegation, email="invited@example.org", role="member", invited_by=staff
    )
    client.force_login(UserFactory(verified=True, email="someone.else@example.org"))

    response = client.post(reverse("delegates:invitation", args=[token]), follow=True)

    assert "This invitation is for invited@example.org." in response.content.decode()
    assert Membership.objects.count() == 0


def test_invitation_tampered_or_expired_refused(client, monkeypatch):
    delegation = DelegationFactory(event=open_event(), organisation=OrganisationFactory())
    staff, _secret = staff_with_totp()
    token = onboarding.invitation_send(
        delegation=delegation, email="invited@example.org", role="member", invited_by=staff
    )

    tampered = client.get(reverse("delegates:invitation", args=[token[:-2] + "xx"]))
    monkeypatch.setattr(onboarding, "INVITATION_MAX_AGE", datetime.timedelta(seconds=-1))
    expired = client.get(reverse("delegates:invitation", args=[token]))

    assert tampered.status_code == 404
    assert "This invitation link is not valid." in tampered.content.decode()
    assert expired.status_code == 404
    assert "This invitation has expired." in expired.content.decode()
