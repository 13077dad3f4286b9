from importlib import import_module

from django.apps import AppConfig


class PolicyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.policy"
    label = "policy"

    def ready(self) -> None:
        # The HR home panel and the demo seeders, in this order: policies seed before the
        # proposals (this app comes first in INSTALLED_APPS), and the concern conversations
        # after them, so the proposals seeder is imported (and registered) in between.
        import_module("homeward.policy.home")
        demo = import_module("homeward.policy.demo")
        import_module("homeward.proposals.demo")
        from homeward.demo import seeder

        seeder("concern_threads")(demo.seed_threads)
