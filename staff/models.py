"""Histories of staff accounts and roles, kept like the content's (django-simple-history).

django.contrib.auth cannot hold them, so the history tables live in this app. They record who
changed an account or a group, and how: names, status, roles and single permissions, with the
person who did it. Password hashes are never copied; a new password shows as a change with
the reason "Password set". Sign-ins (``last_login``) and the silent re-hashing of a password at
sign-in are not changes anyone made, so they leave no record.
"""

from django.contrib.auth.models import Group, User
from django.utils.translation import gettext
from simple_history import register
from simple_history.models import HistoricalRecords

# Saves that only touch these columns are made by Django at sign-in, not by a person.
SIGN_IN_COLUMNS = frozenset({"last_login", "password"})


class AccountHistory(HistoricalRecords):
    """simple-history's records, minus sign-ins, and with a reason when a password was set."""

    # simple_history puts the history models in "<app>.models"; the app labelled "portal" lives
    # in staff/ (staff.apps), so its models module is this one.
    @property
    def module(self):
        return __name__

    @module.setter
    def module(self, value):
        pass

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # loaddata (a restore) sets the roles next; simple-history would record those as
            # changes though it records no raw save. The instance is loaddata's own.
            instance.skip_history_when_saving = True
            return
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and update_fields <= SIGN_IN_COLUMNS:
            return
        super().post_save(instance, created, using=using, **kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        # set_password() keeps the raw password in ``_password`` until save() has finished.
        if history_type == "~" and getattr(instance, "_password", None) is not None:
            return gettext("Password set")
        return super().get_change_reason_for_object(instance, history_type, using)


register(
    User,
    app="portal",
    records_class=AccountHistory,
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups", "user_permissions"],
)
register(Group, app="portal", records_class=AccountHistory, m2m_fields=["permissions"])
