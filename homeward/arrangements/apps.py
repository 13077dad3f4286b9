from django.apps import AppConfig


class ArrangementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.arrangements"
    label = "arrangements"
