from django.urls import path

from homeward.privacy import views

app_name = "privacy"
urlpatterns = [
    path("me/data.json", views.my_data_json, name="my_data_json"),
    path("me/data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("people/<int:pk>/erase/", views.erase, name="erase"),
]
