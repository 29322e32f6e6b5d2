"""Background work of follow-up and complaints (Django's Tasks API)."""

from __future__ import annotations

from django_tasks import task

from tipline.periodic import enqueue_at_most_every


@task()
def complaint_submissions_purge_task() -> int:
    from tipline.reporters.complaints import complaint_submissions_purge

    return complaint_submissions_purge()


def complaint_submissions_purge_soon() -> None:
    """Called after a complaint commits; the purge runs at most once an hour."""
    enqueue_at_most_every(complaint_submissions_purge_task, seconds=3600)
