from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "tipline.vault"
    verbose_name = _("Vault")
