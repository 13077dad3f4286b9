import importlib
import importlib.util

from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.evidence"
    label = "evidence"

    def ready(self) -> None:
        # The trials' demo history builds on the proposals and decisions the other seeders
        # make, so their seeders must register (at import) before this one does.
        for earlier in ("homeward.proposals.demo", "homeward.decisions.demo"):
            if importlib.util.find_spec(earlier) is not None:
                importlib.import_module(earlier)
        from homeward.evidence import demo, panels  # noqa: F401
