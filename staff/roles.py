"""Separation of duties between superusers and the Administrator role.

Only a superuser grants superuser status, changes what a group may do, or changes another
superuser (their password included). Anyone else who manages accounts (the Administrator role)
manages editors and publishers only:

- the groups they may give are the two content roles, ``MANAGED_ROLES``;
- the single permissions they may give are those of the content roles that they hold
  themselves (in practice: reading content), never the ones that manage accounts;
- an account holding anything else (another Administrator, a superuser) is read-only to them;
- on their own account they may change their name, e-mail and password, never their roles.

The admin enforces these rules on the server (portal/admin.py): fields an actor may not change
are read-only, and a form posted with them anyway is refused.
"""

from django.contrib.auth.models import Group, Permission

# The content roles (portal/migrations/0001_staff_roles.py) an Administrator hands out.
MANAGED_ROLES = ("Editor", "Publisher (Verifikator)")


def grantable_groups(actor):
    """The groups ``actor`` may give to an account."""
    if actor.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=MANAGED_ROLES)


def grantable_permissions(actor):
    """The single permissions ``actor`` may give: a content role's, held by ``actor`` too."""
    if actor.is_superuser:
        return Permission.objects.all()
    held = actor.get_all_permissions()
    candidates = Permission.objects.filter(group__name__in=MANAGED_ROLES).select_related("content_type")
    ids = {
        permission.pk
        for permission in candidates
        if f"{permission.content_type.app_label}.{permission.codename}" in held
    }
    return Permission.objects.filter(pk__in=ids)


def may_manage(actor, account):
    """Whether ``actor`` may change ``account``'s roles, password or status, or delete it."""
    if actor.is_superuser:
        return True
    if account.is_superuser or account.pk == actor.pk:
        return False
    return not (
        account.groups.exclude(pk__in=grantable_groups(actor)).exists()
        or account.user_permissions.exclude(pk__in=grantable_permissions(actor)).exists()
    )
