"""Load the demo: the 2016 Special Meeting and what every app adds to it.

Each installed app may have a ``demo`` module with a ``load()`` function; they run in
INSTALLED_APPS order (events first), so ``events`` never imports the other apps.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or update the demo event, its data and demo accounts (idempotent)."

    def handle(self, *args, **options):
        accounts = []
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name.startswith("django.") or find_spec(module_name) is None:
                continue
            result = import_module(module_name).load()
            accounts.extend(result or [])
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if accounts:
            self.stdout.write("Demo accounts (demo only, never use these passwords elsewhere):")
            for account in accounts:
                self.stdout.write(
                    f"  {account.email:36} {account.password:20} {account.description}"
                )
