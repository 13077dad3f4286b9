from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.decisions"
    label = "decisions"

    def ready(self) -> None:
        # Register the deadline jobs, the home panels and the demo seeder.
        from homeward.decisions import demo, jobs, panels  # noqa: F401
