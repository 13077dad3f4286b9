from django.urls import path

from homeward.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/issue/", views.agreement_issue, name="issue"),
    path("<int:pk>/sign/", views.agreement_sign, name="sign"),
    path("<int:pk>/training/", views.agreement_training, name="training"),
    path("<int:pk>/reps-copy/", views.agreement_reps_copy, name="reps_copy"),
    path("templates/<str:code>/", views.template_edit, name="template"),
]
