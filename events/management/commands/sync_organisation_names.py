"""`manage.py sync_organisation_names`: the States' names in the six UN languages."""

from django.core.management.base import BaseCommand

from events.data.state_names import sync_state_names
from events.models import Organisation


class Command(BaseCommand):
    help = (
        "Fill the empty names of the Member and observer States in the six UN languages "
        "with the UN's names (events/data/un_names.py, else CLDR). Names staff wrote are "
        "kept unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace every State name that differs from the UN's name, staff's too.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change without saving anything.",
        )

    def handle(self, *args, overwrite=False, dry_run=False, **options):
        report = sync_state_names(Organisation, overwrite=overwrite, dry_run=dry_run)
        for change in report.changes:
            self.stdout.write(
                f"{change.iso_code}  {change.language:7} {change.old!r} -> {change.new!r}"
            )
        for conflict in report.conflicts:
            self.stderr.write(
                f"{conflict.iso_code}  {conflict.language:7} not changed: {conflict.name!r} "
                f"is already the name of {conflict.held_by}."
            )
        for code in report.unknown_codes:
            self.stderr.write(f"{code}  no UN or CLDR name is known for this ISO code.")
        verb = "would change" if dry_run else "changed"
        summary = (
            f"{len(report.changes)} names {verb} in {report.organisations_changed} organisations."
        )
        self.stdout.write(self.style.SUCCESS(summary))
        if report.kept:
            self.stdout.write(
                f"{len(report.kept)} names written by staff differ from the UN's and were "
                "kept (use --overwrite to replace them):"
            )
            for kept in report.kept:
                self.stdout.write(
                    f"  {kept.iso_code}  {kept.language:7} {kept.old!r} (UN: {kept.new!r})"
                )
