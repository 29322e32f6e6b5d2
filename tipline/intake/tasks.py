"""Background work of intake (Django's Tasks API)."""

from __future__ import annotations

from django_tasks import task

from tipline.periodic import enqueue_at_most_every


@task()
def submission_records_purge_task() -> int:
    from tipline.intake.services import submission_records_purge

    return submission_records_purge()


def submission_records_purge_soon() -> None:
    """Called after a submission commits; the purge runs at most once an hour."""
    enqueue_at_most_every(submission_records_purge_task, seconds=3600)
