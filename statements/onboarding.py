"""Delegate onboarding: how a user comes to act for a delegation.

1. A signed-in user whose email address is verified asks to join a delegation of an
   event (picks the organisation, gives a position): a pending membership.
2. CTED staff approve (as member or focal point) or decline it in the admin ("Delegate
   requests"); the user is told by mail.
3. Or staff invite someone by email: the invitation is a signed link (nothing stored
   until it is used, valid INVITATION_MAX_AGE) that lets them sign up and join that
   delegation, approved, with the role staff chose.

Only approved members act for a delegation. Memberships are the events app's; the
writes that onboard delegates, with their mail, are here, beside the "My delegation"
area that uses them. All mail goes through the outbox.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events import services as event_services
from events.mail import enqueue_mail
from events.models import Delegation, Event, Membership, Organisation

INVITATION_SALT = "statements.onboarding.invitation"
INVITATION_MAX_AGE = datetime.timedelta(days=14)


def _has_verified_email(user, email: str | None = None) -> bool:
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    if email is not None:
        addresses = addresses.filter(email__iexact=email)
    return addresses.exists()


@transaction.atomic
def membership_request(
    *, user, event: Event, organisation: Organisation, position: str
) -> Membership:
    """Ask, as ``user``, to act for ``organisation``'s delegation to ``event``.

    The delegation is created if the organisation has none for the event yet. A
    declined request may be made again; a pending or approved one may not. CTED staff
    are told by mail.
    """
    if not user.is_authenticated or not _has_verified_email(user):
        raise ValidationError(_("Verify your email address before asking to join."))
    if not event.is_published:
        raise ValidationError(_("This event does not accept delegates."))
    position = " ".join((position or "").split())
    if not position:
        raise ValidationError({"position": _("Give your position in the delegation.")})
    delegation, _created = Delegation.objects.get_or_create(event=event, organisation=organisation)
    membership = (
        Membership.objects.select_for_update().filter(user=user, delegation=delegation).first()
    )
    if membership is not None and membership.status != Membership.Status.DECLINED:
        raise ValidationError(
            _("You have asked to join this delegation already (%(status)s)."),
            params={"status": membership.get_status_display()},
            code="exists",
        )
    if membership is None:
        membership = Membership(user=user, delegation=delegation, role=Membership.Role.MEMBER)
    membership.status = Membership.Status.PENDING
    membership.position = position
    membership.decided_by = None
    membership.decided_at = None
    membership.full_clean()
    membership.save()
    with translation.override(settings.LANGUAGE_CODE):
        enqueue_mail(
            to=[settings.CTED_NOTIFY_EMAIL],
            template="delegates/mail/request_staff",
            context={
                "user_email": user.email,
                "user_name": user.get_full_name(),
                "position": position,
                "organisation": organisation.name,
                "event_title": event.short_title,
                "admin_path": reverse("admin:statements_delegaterequest_changelist")
                + "?status__exact=pending",
            },
        )
    return membership


@transaction.atomic
def membership_decide(
    *, membership: Membership, approve: bool, decided_by, role: str | None = None
) -> Membership:
    """Approve (as ``role``, if given) or decline a request; the user is told by mail."""
    if role is not None and role != membership.role:
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
    event_services.membership_decide(membership=membership, approve=approve, decided_by=decided_by)
    delegation = membership.delegation
    enqueue_mail(
        to=[membership.user.email],
        template="delegates/mail/approved" if approve else "delegates/mail/declined",
        context={
            "organisation": delegation.organisation.name,
            "event_title": delegation.event.title,
            "role": str(membership.get_role_display()),
            "delegation_path": reverse("delegates:home"),
        },
        language=settings.LANGUAGE_CODE,
    )
    return membership


@dataclass(frozen=True)
class Invitation:
    delegation: Delegation
    email: str
    role: str
    invited_by_id: int | None

    @property
    def role_label(self) -> str:
        return str(Membership.Role(self.role).label)


def invitation_token(*, delegation: Delegation, email: str, role: str, invited_by) -> str:
    return signing.dumps(
        {"d": delegation.pk, "e": email.lower(), "r": role, "by": invited_by.pk},
        salt=INVITATION_SALT,
        compress=True,
    )


def invitation_send(*, delegation: Delegation, email: str, role: str, invited_by) -> str:
    """Invite ``email`` to act for ``delegation`` as ``role``; returns the token.

    The link lets them sign up (or sign in) and join, approved, until it expires.
    """
    email = (email or "").strip()
    validate_email(email)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    token = invitation_token(delegation=delegation, email=email, role=role, invited_by=invited_by)
    with translation.override(settings.LANGUAGE_CODE):
        enqueue_mail(
            to=[email],
            template="delegates/mail/invitation",
            context={
                "organisation": delegation.organisation.name,
                "event_title": delegation.event.title,
                "role": str(Membership.Role(role).label),
                "invitation_path": reverse("delegates:invitation", args=[token]),
                "valid_days": INVITATION_MAX_AGE.days,
            },
        )
    return token


def invitation_read(token: str) -> Invitation:
    """The invitation a token carries, or ValidationError if it is forged or expired."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("This invitation has expired. Ask CTED to invite you again."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This invitation link is not valid."), code="invalid") from exc
    delegation = (
        Delegation.objects.select_related("event", "organisation").filter(pk=data["d"]).first()
    )
    if delegation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    return Invitation(delegation, data["e"], data["r"], data.get("by"))


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Join the invitation's delegation as ``user``, whose verified addresses must
    include the one invited. The membership is approved: staff chose the person."""
    invitation = invitation_read(token)
    if not _has_verified_email(user, invitation.email):
        raise ValidationError(
            _(
                "This invitation is for %(email)s. Sign in with that address (and verify "
                "it) to accept it."
            ),
            params={"email": invitation.email},
            code="other_address",
        )
    inviter = get_user_model().objects.filter(pk=invitation.invited_by_id).first()
    membership, _created = Membership.objects.select_for_update().get_or_create(
        user=user,
        delegation=invitation.delegation,
        defaults={"role": invitation.role, "position": ""},
    )
    if membership.status == Membership.Status.APPROVED and membership.role == invitation.role:
        return membership
    membership.role = invitation.role
    membership.status = Membership.Status.APPROVED
    membership.decided_by = inviter
    membership.decided_at = timezone.now()
    membership.full_clean()
    membership.save()
    return membership
