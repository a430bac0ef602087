"""The reports page in the admin, its downloads and the reminder (thin: see queries/tables)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities.figures import to_csv
from agencies.roles import is_coordinator
from core import worker
from core.thaidate import be_year

from . import exports, pdf, periods, queries, reminders, tables
from .forms import PeriodForm


def reports_view(view):
    def checked(request, *args, **kwargs):
        if not request.user.has_perm("activities.view_reports"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def _filename(period, ext, slug="report"):
    start, end = (f"{be_year(d.year)}{d:%m%d}" for d in (period.start, period.end))
    return f"jitarsa-{slug}-{start}-{end}.{ext}"


@reports_view
def report(request):
    period = periods.from_query(request.GET)
    sent, unreachable = reminders.recorded(period)
    context = {
        **admin.site.each_context(request),
        "title": _("Reports"),
        "period": period,
        "form": PeriodForm(period, request.GET),
        "tables": tables.build(period),
        "query": request.GET.urlencode(),
        "can_remind": is_coordinator(request.user),
        "pdf_available": pdf.available(),
        "pdf_unavailable": pdf.UNAVAILABLE_MESSAGE,
        "candidates": queries.candidates(period),
        "to_remind": len(reminders.to_remind(period)) if is_coordinator(request.user) else 0,
        "reminders": sent,
        "unreachable": unreachable,
    }
    return TemplateResponse(request, "admin/reports/report.html", context)


@reports_view
def export_csv(request, slug):
    if slug not in tables.BUILDERS:
        raise Http404
    period = periods.from_query(request.GET)
    (table,) = tables.build(period, only=slug)
    response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(period, "csv", slug)}"'
    return response


@reports_view
def export_xlsx(request):
    period = periods.from_query(request.GET)
    response = HttpResponse(
        exports.to_xlsx(tables.build(period), period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(period, "xlsx")}"'
    return response


def _picked(params):
    """Ids of the posts ticked on the report page (anything else is ignored)."""
    return [int(v) for v in params.getlist("pick") if v.isdigit()][: queries.FEATURED_MAX]


@reports_view
def export_pdf(request):
    # The committee reads Thai, whatever language the coordinator's admin is in.
    with translation.override("th"):
        period = periods.from_query(request.GET)
        options = {"picked": _picked(request.GET), "thai_digits": "thai" in request.GET}
        try:
            document = pdf.render(period, **options)
        except pdf.Unavailable:
            messages.error(request, pdf.UNAVAILABLE_MESSAGE)
            return redirect(reverse("reports:report") + "?" + request.GET.urlencode())
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(period, "pdf")}"'
    return response


@require_POST
@reports_view
def remind(request):
    if not is_coordinator(request.user):
        raise PermissionDenied
    with translation.override("th"):  # the label goes into Thai messages
        period = periods.from_query(request.POST)
    reminders.send_later(period, by=request.user)
    messages.success(request, _("The reminders are being sent; each one is listed below."))
    if worker.state(worker.seen()) != "ok":
        messages.warning(
            request,
            _("The background worker has not been seen lately: they go out once it runs again."),
        )
    query = request.POST.get("query", "")
    return redirect(reverse("reports:report") + (f"?{query}" if query else ""))
