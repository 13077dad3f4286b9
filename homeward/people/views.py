from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import can_see_details, get_person_for, is_admin, is_hr, visible_people
from homeward.people.actions import OFFICE_FIELDS, set_active, set_hr, update_office
from homeward.people.forms import ImportForm, OfficeForm
from homeward.people.importer import HEADER, import_people
from homeward.people.models import Office


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    people = visible_people(request.user)
    if q:
        people = people.filter(
            Q(name__icontains=q) | Q(team__name__icontains=q) | Q(office__name__icontains=q)
        )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    template = "people/_rows.html" if is_htmx(request) else "people/directory.html"
    return render(request, template, {"page": page, "q": q})


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    return render(
        request,
        "people/person.html",
        {
            "person": person,
            "details": can_see_details(request.user, person),
            "reports": person.reports.filter(active=True),
        },
    )


@require_POST
def person_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        set_active(actor=request.user, person=person, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people:detail", pk=pk)
    messages.success(request, f"{person.name} {'reactivated' if active else 'deactivated'}.")
    return redirect("people:detail", pk=pk)


@require_POST
def person_set_hr(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    hr = request.POST.get("hr") == "1"
    set_hr(actor=request.user, person=person, hr=hr)
    messages.success(request, f"{person.name} {'now has' if hr else 'no longer has'} HR rights.")
    return redirect("people:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if not (is_hr(request.user) or is_admin(request.user)):
        raise PermissionDenied("Only HR and administrators can import people.")
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = import_people(form.cleaned_data["file"], actor=request.user)
        if result.ok:
            messages.success(
                request, f"Imported: {result.created} created, {result.updated} updated."
            )
            return redirect("people:import")
    status = 400 if result is not None and not result.ok else 200
    return render(
        request,
        "people/import.html",
        {"form": form, "result": result, "header": ",".join(HEADER)},
        status=status,
    )


@require_GET
def office_list(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.annotate(
        headcount=Count("people", filter=Q(people__active=True))
    ).order_by("name")
    return render(request, "people/offices.html", {"offices": offices})


@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not (is_hr(request.user) or is_admin(request.user)):
        raise PermissionDenied("Only HR and administrators can change offices.")
    office = get_object_or_404(Office, pk=pk)
    form = OfficeForm(request.POST or None, initial={f: getattr(office, f) for f in OFFICE_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            update_office(actor=request.user, office=office, values=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Office {form.cleaned_data['name']} saved.")
            return redirect("people:offices")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "people/office_edit.html", {"form": form, "office": office}, status=status
    )
