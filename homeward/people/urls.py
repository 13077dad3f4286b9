from django.urls import path

from homeward.people import views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("import/", views.import_page, name="import"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/active/", views.person_set_active, name="set_active"),
    path("<int:pk>/hr/", views.person_set_hr, name="set_hr"),
]
