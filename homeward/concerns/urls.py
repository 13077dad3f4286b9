from django.urls import path

from homeward.concerns import views

# Served under /policy/ (where the threads began), so every address stays as it was.
app_name = "concerns"
urlpatterns = [
    path("proposals/<int:pk>/concerns/", views.proposal_concerns, name="proposal_concerns"),
    path("proposals/<int:pk>/concerns/raise/", views.concern_raise, name="concern_raise"),
    path("proposals/<int:pk>/safety/", views.safety_check, name="safety_check"),
    path("items/<int:pk>/message/", views.item_message, name="item_message"),
    path("items/<int:pk>/resolve/", views.item_resolve, name="item_resolve"),
    path("items/<int:pk>/reopen/", views.item_reopen, name="item_reopen"),
]
