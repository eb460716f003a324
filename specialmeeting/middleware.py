"""Request-level behaviour that no app owns: security headers, and what a request gets
while the database is away or the disk is full."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from events.uploads import is_storage_full

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


def service_unavailable(*, storage_full: bool = False) -> HttpResponse:
    """The 503 page: plain HTML in the active language, rendered without the database
    (no request context, so no context processor, user or session is touched). With
    ``storage_full``, it says that an upload found no room on the server's disk (its
    temporary directory while the request was read, or the storage) and that nothing
    was saved."""
    body = render_to_string("503.html", {"storage_full": storage_full})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _unavailable(request, exception) -> HttpResponse | None:
    if isinstance(exception, DATABASE_ERRORS):
        logger.warning("database unavailable (%s %s): %s", request.method, request.path, exception)
        return service_unavailable()
    if is_storage_full(exception):
        logger.error("disk full (%s %s): %s", request.method, request.path, exception)
        return service_unavailable(storage_full=True)
    return None


class ServiceUnavailableMiddleware:
    """A view that fails because the database is away, or because the disk is full,
    answers 503 with Retry-After.

    What fails before the view (middleware reading the session or the user, the CSRF
    check reading an upload into a temporary file) is covered by ``server_error``, the
    site's handler500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return _unavailable(request, exception)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: 503 when the database is away or the disk is full, else Django's 500."""
    return _unavailable(request, sys.exc_info()[1]) or defaults.server_error(request, template_name)
