"""WSGI entry point: `gunicorn specialmeeting.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "specialmeeting.settings")

application = get_wsgi_application()
