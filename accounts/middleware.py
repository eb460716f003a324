"""Two-factor authentication is required of CTED staff.

allauth asks for the TOTP code at every sign-in of a user who has an authenticator;
this middleware makes sure every staff user has one: until they set it up, a staff
user is sent to the set-up page from anywhere but the account pages themselves.
"""

from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# allauth's own pages (sign out, e-mail, password, the MFA set-up itself) stay open,
# and so does the account-menu fragment that every public page fetches.
EXEMPT_URL_NAMES = ("account_", "mfa_")
EXEMPT_VIEWS = {"events:account_menu"}


def staff_needs_two_factor(user) -> bool:
    """Whether ``user`` is staff without the authenticator staff must have."""
    return bool(
        settings.MFA_REQUIRED_FOR_STAFF
        and user.is_authenticated
        and user.is_staff
        and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
    )


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Without a session there is no user to check, and reading request.user would
        # load the session and make public responses vary on Cookie.
        if not request.session.session_key:
            return None
        match = request.resolver_match
        if match is None or not staff_needs_two_factor(request.user):
            return None
        if (match.url_name or "").startswith(EXEMPT_URL_NAMES) or match.view_name in EXEMPT_VIEWS:
            return None
        messages.warning(
            request,
            _(
                "CTED staff must use two-factor authentication. Set up an authenticator "
                "app to continue."
            ),
        )
        target = reverse("mfa_activate_totp")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
