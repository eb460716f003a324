"""gunicorn's settings for this site, read when gunicorn starts in this directory.

The command line adds the rest (bind address, number of workers: Procfile, README).
"""

# The sync worker, serving each request inside one chunk of Python's frame stack
# (specialmeeting/workers.py explains why: a third of the CPU of big pages on 3.11).
worker_class = "specialmeeting.workers.RoomyStackSyncWorker"
