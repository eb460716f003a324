"""Load the UN's 193 Member States and 2 observer States (events/data/un_states.py)."""

from django.db import migrations


def load_states(apps, schema_editor):
    from events.data.un_states import MEMBER_STATES, OBSERVER_STATES

    Organisation = apps.get_model("events", "Organisation")
    for kind, rows in (
        ("member_state", MEMBER_STATES),
        ("observer_state", OBSERVER_STATES),
    ):
        for sort_order, name, alpha2, _alpha3 in rows:
            Organisation.objects.update_or_create(
                iso_code=alpha2,
                defaults={
                    "name": name,
                    "name_en": name,
                    "kind": kind,
                    "sort_order": sort_order,
                },
            )


def unload_states(apps, schema_editor):
    Organisation = apps.get_model("events", "Organisation")
    Organisation.objects.filter(
        kind__in=["member_state", "observer_state"], delegations__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load_states, unload_states)]
