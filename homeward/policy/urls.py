from django.urls import path

from homeward.policy import views

app_name = "policy"
urlpatterns = [
    path("", views.policy_list, name="list"),
    path("new/", views.policy_new, name="new"),
    path("<int:pk>/", views.policy_detail, name="detail"),
    path("<int:pk>/draft/", views.policy_start_draft, name="start_draft"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version_edit"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/diff/<int:other>/", views.version_diff, name="version_diff"),
    path("concerns/", views.catalogue, name="catalogue"),
    path("concerns/add/", views.concern_add, name="concern_add"),
    path("concerns/<int:pk>/edit/", views.concern_edit, name="concern_edit"),
    path("concerns/<int:pk>/retire/", views.concern_retire, name="concern_retire"),
    path("concerns/<int:pk>/reinstate/", views.concern_reinstate, name="concern_reinstate"),
]
