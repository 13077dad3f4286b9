from django.urls import path

from homeward.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.index, name="index"),
    path("proposals/<int:pk>/", views.review, name="review"),
    path("proposals/<int:pk>/decide/", views.decide, name="decide"),
    path("proposals/<int:pk>/meetings/", views.meeting, name="meeting"),
    path("proposals/<int:pk>/respond/", views.respond, name="respond"),
    path("proposals/<int:pk>/counter/", views.counter_response, name="counter_response"),
    path("proposals/<int:pk>/extension/", views.extension, name="extension"),
    path("proposals/<int:pk>/hr/", views.hr_approval, name="hr_approval"),
    path("proposals/<int:pk>/appeal/", views.lodge_appeal, name="appeal"),
    path("extensions/<int:pk>/answer/", views.extension_answer, name="extension_answer"),
    path("appeals/<int:pk>/assign/", views.appeal_assign, name="appeal_assign"),
    path("appeals/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
]
