from django.urls import path

from homeward.people import views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("import/", views.import_page, name="import"),
    path("offices/", views.office_list, name="offices"),
    path("offices/<int:pk>/", views.office_edit, name="office_edit"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/active/", views.person_set_active, name="set_active"),
    path("<int:pk>/hr/", views.person_set_hr, name="set_hr"),
]
