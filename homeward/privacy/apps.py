from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.privacy"
    label = "privacy"

    def ready(self) -> None:
        # Register the job that finishes erasures once their records' retention has ended.
        from homeward.privacy import jobs  # noqa: F401
