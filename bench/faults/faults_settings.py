"""Settings of bench/faults: the production settings, with short task time limits.

A job whose worker is killed is taken over once its lease runs out, and a lease lasts
the task's hard time limit plus OUTBOX_LEASE_MARGIN_SECONDS: five minutes and a half for
a render in production. Here every task gets 20 s (the bench's renders and uploads take
a second or two), so the run can check that the killed work was done after all.
"""

from specialmeeting.settings import *  # noqa: F403

CELERY_TASK_ANNOTATIONS = {"*": {"time_limit": 20, "soft_time_limit": 15}}
# A queue of its own: a developer's running worker never takes the bench's jobs.
CELERY_TASK_DEFAULT_QUEUE = "specialmeeting-bench-faults"
