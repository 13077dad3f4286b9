from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from homeward.notify.actions import mark_read
from homeward.notify.models import Notification
from homeward.people.access import require_person


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    me = require_person(request)
    items = Notification.objects.filter(recipient=me)[:100]
    return render(request, "notify/list.html", {"items": items})


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    mark_read(recipient=require_person(request))
    return redirect("notify:list")
