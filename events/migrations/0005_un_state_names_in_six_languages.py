"""Name the UN's 195 States in the six UN languages (events/data/un_names.py).

Fills only the empty ``name_<language>`` fields of the State organisations: a name
that staff already wrote in admin is never overwritten. Undoing it changes nothing
(a filled name may since have been corrected by staff);
``manage.py sync_organisation_names`` reapplies the names at any time.
"""

from django.db import migrations


def fill_state_names(apps, schema_editor):
    from events.data.state_names import sync_state_names

    sync_state_names(apps.get_model("events", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("events", "0004_one_rendered_document_per_generator")]

    operations = [migrations.RunPython(fill_state_names, migrations.RunPython.noop)]
