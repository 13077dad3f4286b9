from django.urls import path

from homeward.coach import views

app_name = "coach"
urlpatterns = [
    path("readiness/", views.readiness_check, name="readiness"),
    path("readiness/mine/", views.readiness_list, name="readiness_list"),
    path("readiness/<int:pk>/", views.readiness_result, name="readiness_result"),
    path("readiness/<int:pk>/attach/", views.readiness_attach, name="readiness_attach"),
]
