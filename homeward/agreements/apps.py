from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.agreements"
    label = "agreements"

    def ready(self) -> None:
        # Generate the agreement when an arrangement starts (an arrangements hook); the demo.
        from homeward.agreements import actions, demo  # noqa: F401
