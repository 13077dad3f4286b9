from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.decisions"
    label = "decisions"

    def ready(self) -> None:
        # Register the deadline jobs, the home panels, the demo seeder and the
        # re-organisation hook (a pending request leaves a decider who may not decide it).
        from homeward.decisions import demo, jobs, panels  # noqa: F401
        from homeward.decisions.actions import reorganise  # noqa: F401
