from django.urls import path

from homeward.coach import views

app_name = "coach"
urlpatterns = [
    path("readiness/", views.readiness_check, name="readiness"),
    path("readiness/mine/", views.readiness_list, name="readiness_list"),
]
