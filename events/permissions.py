"""The "CTED staff" group: exactly the permissions that role needs.

Each app declares the permissions its models need with ``grant`` in its
``AppConfig.ready``; after every ``migrate`` (when permissions exist: not inside a
data migration) ``sync_staff_group`` gives the group exactly their union.
"""

from __future__ import annotations

CTED_STAFF_GROUP = "CTED staff"

_grants: set[tuple[str, str]] = set()


def grant(app_label: str, *codenames: str) -> None:
    """Declare that CTED staff hold these permissions (``<action>_<model>``)."""
    _grants.update((app_label, codename) for codename in codenames)


def staff_permissions() -> frozenset[tuple[str, str]]:
    return frozenset(_grants)


def sync_staff_group(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=CTED_STAFF_GROUP)
    wanted = set()
    for app_label, codename in _grants:
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is not None:  # models of an app not migrated yet come with its migrate
            wanted.add(perm.pk)
    group.permissions.set(wanted)
