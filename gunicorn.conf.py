"""gunicorn's settings for this site, read when gunicorn starts in this directory.

The command line adds the rest (bind address, number of workers: Procfile, README).
"""

# The sync worker, serving each request inside one chunk of Python's frame stack
# (specialmeeting/workers.py explains why: a third of the CPU of big pages on 3.11).
worker_class = "specialmeeting.workers.RoomyStackSyncWorker"


def post_worker_init(worker):
    """Once a worker has loaded the site, keep what it loaded out of the cyclic garbage
    collector's way: a full collection then walks what requests make, not every module,
    URL pattern and model of Django (measured: 25 ms instead of 150 ms, once every 40
    to 100 programme pages)."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every app's URLs and views
    gc.freeze()
