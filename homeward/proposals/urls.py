from django.urls import path

from homeward.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("team/", views.team, name="team"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/<slug:step>/", views.edit, name="edit"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/letter.txt", views.letter_text, name="letter_text"),
    path("<int:pk>/letter.html", views.letter_html, name="letter_html"),
    path("<int:pk>/letter.pdf", views.letter_pdf_view, name="letter_pdf"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/readiness/", views.attach_readiness, name="attach_readiness"),
    path("<int:pk>/revisions/", views.revisions, name="revisions"),
]
