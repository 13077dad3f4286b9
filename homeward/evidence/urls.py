from django.urls import path

from homeward.evidence import entry, views

app_name = "evidence"
urlpatterns = [
    path("", views.index, name="index"),
    path("metrics/", views.metrics_page, name="metrics"),
    path("metrics/<int:pk>/", views.metric_edit, name="metric_edit"),
    path("metrics/<int:pk>/archive/", views.metric_archive, name="metric_archive"),
    path("results/", entry.results_grid, name="results"),
    path("results/import/", entry.results_import, name="import"),
    path("trials/<int:pk>/", views.trial, name="trial"),
    path("trials/<int:pk>/report.pdf", views.trial_pdf, name="trial_pdf"),
    path("trials/<int:pk>/criteria/", views.trial_criteria, name="trial_criteria"),
    path("trials/<int:pk>/review/", views.trial_review, name="trial_review"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("team/", views.team, name="team"),
    path("group/", views.group, name="group"),
    path("group/people/", views.group_people, name="group-people"),
    path("well/", views.well_page, name="well"),
]
