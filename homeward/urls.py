from django.urls import include, path

from homeward import views
from homeward.api.app import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("homeward.accounts.urls")),
    path("people/", include("homeward.people.urls")),
    path("notifications/", include("homeward.notify.urls")),
    path("api/v1/", api.urls),
]
