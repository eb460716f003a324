"""allauth's MFA adapter: staff may not remove the authenticator they are required to have."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and authenticator.type == Authenticator.Type.TOTP
            and authenticator.user.is_staff
        ):
            return False
        return super().can_delete_authenticator(authenticator)
