"""Request-level behaviour that no app owns: security headers, and what a request gets
while the database is away."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

# What a request gets while the database cannot be reached (restarting, failing over,
# refusing connections): a 503 saying when to come back, never a 500. Django opens a
# new connection for a later request (CONN_HEALTH_CHECKS), so the site recovers alone.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy from settings on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


def service_unavailable() -> HttpResponse:
    """The 503 page: plain HTML in the active language, rendered without the database
    (no request context, so no context processor, user or session is touched)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is away answers 503 with Retry-After.

    Middleware that reads the database before the view (the session, the user) is
    covered by ``server_error``, the site's handler500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning(
                "database unavailable (%s %s): %s", request.method, request.path, exception
            )
            return service_unavailable()
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: 503 when the error is the database being away, else Django's 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable()
    return defaults.server_error(request, template_name)
