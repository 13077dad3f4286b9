from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.evidence"
    label = "evidence"

    def ready(self) -> None:
        # The home panels and the demo seeder (it runs after the decisions seeder: it says so).
        from homeward.evidence import demo, panels  # noqa: F401
