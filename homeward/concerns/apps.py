from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.concerns"
    label = "concerns"

    def ready(self) -> None:
        # Open the items at submission (a proposals hook), the HR home panel, the demo threads.
        from homeward.concerns import actions, demo, home  # noqa: F401
