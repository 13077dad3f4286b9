from django.apps import AppConfig


class PolicyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.policy"
    label = "policy"

    def ready(self) -> None:
        # The demo seeder: policies first (this app comes before proposals in INSTALLED_APPS),
        # so the demo proposals are submitted under them.
        from homeward.policy import demo  # noqa: F401
