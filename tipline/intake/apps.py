from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "tipline.intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from django.conf import settings

        for directory in (settings.TIPLINE_SCRATCH_DIR, settings.TIPLINE_FILES_DIR):
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
