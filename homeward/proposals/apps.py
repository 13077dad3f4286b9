from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.proposals"
    label = "proposals"

    def ready(self) -> None:
        # Register the home-page panels and the demo history.
        from homeward.proposals import demo, panels  # noqa: F401
