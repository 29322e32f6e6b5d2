from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for `make run`: units, contact directory, notices, guidance and staff accounts."""

    name = "tipline.demo"
    verbose_name = _("Demo data")
