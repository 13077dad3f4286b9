from django.urls import path

from homeward.schedule import views

app_name = "schedule"
urlpatterns = [
    path("", views.my_week, name="mine"),
    path("people/<int:pk>/", views.person_week, name="person"),
    path("people/<int:pk>/leave/", views.leave, name="leave"),
    path("people/<int:pk>/swap/", views.swap, name="swap"),
    path("offices/<int:pk>/", views.office_day, name="office"),
    path("teams/<int:pk>/", views.team_day, name="team"),
    path("teams/<int:pk>/calendar/", views.team_calendar, name="team_calendar"),
]
