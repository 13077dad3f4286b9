from django.urls import include, path

from homeward import views
from homeward.api.app import api
from homeward.coach import urls as coach_urls
from homeward.proposals import readiness

# The readiness pages: the coach's own, and the two that share a check through a proposal.
coach = [*coach_urls.urlpatterns, *readiness.urlpatterns]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/", include("homeward.accounts.urls")),
    path("people/", include("homeward.people.urls")),
    path("notifications/", include("homeward.notify.urls")),
    path("evidence/", include("homeward.evidence.urls")),
    path("policy/", include("homeward.policy.urls")),
    path("policy/", include("homeward.concerns.urls")),
    path("proposals/", include("homeward.proposals.urls")),
    path("coach/", include((coach, "coach"))),
    path("decisions/", include("homeward.decisions.urls")),
    path("agreements/", include("homeward.agreements.urls")),
    path("schedule/", include("homeward.schedule.urls")),
    path("privacy/", include("homeward.privacy.urls")),
    path("api/v1/", api.urls),
]
