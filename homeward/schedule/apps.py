from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.schedule"
    label = "schedule"

    def ready(self) -> None:
        # The demo seeder (it runs after the evidence and decisions seeders: it says so).
        from homeward.schedule import demo  # noqa: F401
