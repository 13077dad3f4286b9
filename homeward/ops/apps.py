from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the whole installation: ``homeward serve``, ``worker`` and ``demo``.

    The top of the layers (with the API and the project's urls): these commands start
    everything the other apps registered (jobs, demo seeders), so they sit above them all.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "homeward.ops"
    label = "ops"
