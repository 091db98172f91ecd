"""What the admin index shows staff first: the things that need attention now."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import RedisError

from announcements.models import Announcement, FactCheck
from candidates.parity import parity_report
from core import clock
from elections.models import Election, Stage, VoterCount
from feedback.models import Report
from pagecache import jobs
from staff import activity


def for_user(request, at=None):
    """Dashboard sections the user may see, each a small dict for admin/portal_index.html."""
    user = request.user
    at = at or clock.now()
    sections = {"election": _election(at)}
    if user.has_perm("announcements.view_announcement"):
        sections["editorial"] = _editorial(at)
    if user.has_perm("candidates.view_candidatepair"):
        sections["parity"] = _parity()
    if user.has_perm("feedback.view_report"):
        sections["reports"] = _reports()
    if user.has_perm("elections.view_votercount"):
        sections["figures"] = _figures(at)
    if user.has_perm("axes.view_accessattempt"):
        sections["lockouts"] = _lockouts()
    sections["renders"] = _renders()
    # A link only: counting the log would read every history table on each visit to the index.
    sections["activity"] = user.has_perm(activity.PERMISSION)
    return sections


def _election(at):

    election = Election.objects.featured()
    if election is None:
        return None
    return {
        "election": election,
        "current": list(Stage.objects.filter(election=election).current(at=at)),
        "days_to_voting": election.days_to_voting(at),
    }


def _editorial(at):

    result = {}
    for key, model in (("announcements", Announcement), ("fact_checks", FactCheck)):
        in_review = model.objects.in_review()
        scheduled = model.objects.scheduled(at)
        # The lists show the first ten; the counts say how many there are in all.
        result[key] = {
            "in_review": list(in_review.order_by("-pk")[:10]),
            "in_review_count": in_review.count(),
            "scheduled": list(scheduled.order_by("publish_at")[:10]),
            "scheduled_count": scheduled.count(),
            "opts": model._meta,
        }
    return result


def _parity():

    gaps = []
    for contest in parity_report():
        missing = sum(len(row.missing) for row in contest.rows)
        gaps.append({"contest": contest.contest, "missing": missing, "uneven": len(contest.uneven)})
    return gaps


def _reports():
    open_reports = Report.objects.open()
    return {"open_count": open_reports.count(), "oldest": open_reports.order_by("created_at").first()}


def _figures(at):

    cutoff = clock.local_today(at) - timedelta(days=settings.PORTAL_STALE_FIGURE_DAYS)
    return {
        "without_source": VoterCount.objects.filter(Q(source="") | Q(as_of__isnull=True)).count(),
        "stale": VoterCount.objects.filter(as_of__lt=cutoff).count(),
        "stale_days": settings.PORTAL_STALE_FIGURE_DAYS,
        "cutoff": cutoff,
    }


def _renders():
    """Whether staff's changes reach the public pages: renders waiting and failed."""
    try:
        return {"status": jobs.status(), "background": jobs.background()}
    except RedisError:
        return {"status": None, "background": True}


def _lockouts():
    from axes.models import AccessAttempt

    # Only lockouts still in force: axes lets an attempt record outlive its cool-off period.
    return list(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        ).order_by("-attempt_time")[:10]
    )
