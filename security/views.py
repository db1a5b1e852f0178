"""Settings → Sign-in lockouts: who is locked out of the admin, and unlocking them."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def can_unlock(user):
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)


def locked(field):
    """Each user name or address whose recent failures reach the limit, newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_failure")
    )
    return [
        {
            "name": row[field],
            "failures": row["failures"],
            "until": row["last_failure"] + settings.AXES_COOLOFF_TIME,
        }
        for row in rows
    ]


@require_http_methods(["GET", "POST"])
def lockouts(request):
    if not can_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username")
        address = request.POST.get("address")
        if username:
            reset(username=username)
            messages.success(request, _("%(name)s can sign in again.") % {"name": username})
        elif address:
            reset(ip=address)
            messages.success(
                request, _("Signing in from %(address)s is possible again.") % {"address": address}
            )
        return redirect("security_lockouts")
    return TemplateResponse(
        request,
        "security/lockouts.html",
        {
            "accounts": locked("username"),
            "addresses": locked("ip_address"),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )
