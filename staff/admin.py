"""Staff accounts, roles and second factors in the admin, under the rules of staff.roles.

django.contrib.auth and django-otp register plain admins for users, groups and authenticator
devices; these replace them. Each keeps a history (staff.models) and enforces on the server
what the form shows: a field an actor may not change is read-only, and a request that sends it
anyway is refused (403) and logged as ``account.refused``.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from staff import audit, roles

# Fields that decide what an account may do, as the user form names them.
PRIVILEGES = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")
# Records of what happened, not settings anyone should type.
RECORDS = ("last_login", "date_joined")

admin.site.unregister([User, Group, TOTPDevice])


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to restore: an old version may hold roles, a status or
    permissions that nobody may give back in one click, and simple-history's revert form would
    save them past every rule above."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(User)
class StaffUserAdmin(NoRevertHistoryAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "roles", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        names = [group.name for group in user.groups.all()]
        if user.is_superuser:
            names.insert(0, str(_("superuser")))
        return ", ".join(names) or "–"

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Their own account stays editable (name, e-mail, password); its roles do not.
        return obj is None or obj.pk == request.user.pk or roles.may_manage(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or (obj.pk != request.user.pk and roles.may_manage(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *RECORDS]
        if request.user.is_superuser:
            return fields
        if obj is not None and obj.pk == request.user.pk:
            return [*fields, *PRIVILEGES]
        return [*fields, "is_superuser"]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = roles.grantable_groups(request.user)
        elif db_field.name == "user_permissions":
            kwargs["queryset"] = roles.grantable_permissions(request.user).select_related("content_type")
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        if str(request.user.pk) == str(id):
            # One's own password is changed with the current one, so a borrowed session cannot.
            return redirect("admin:password_change")
        return super().user_change_password(request, id, form_url)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            self._refuse_tampering(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_tampering(self, request, object_id):
        """A browser never sends a read-only field; a request that does is forged."""
        obj = self.get_object(request, object_id) if object_id else None
        locked = set(PRIVILEGES) & set(self.get_readonly_fields(request, obj))
        sent = sorted(locked & set(request.POST))
        if sent:
            audit.account_refused(request, obj, sent)
            raise PermissionDenied


@admin.register(Group)
class RoleAdmin(NoRevertHistoryAdmin, GroupAdmin):
    """Groups are the staff roles: Administrators read them, only a superuser changes them."""

    list_display = ("name", "permission_count", "member_count")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("permissions", "user_set")

    @admin.display(description=_("permissions"))
    def permission_count(self, group):
        return len(group.permissions.all())

    @admin.display(description=_("members"))
    def member_count(self, group):
        return len(group.user_set.all())

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(TOTPDevice)
class SecondFactorAdmin(TOTPDeviceAdmin):
    """Who has an authenticator app, never its secret (OTP_ADMIN_HIDE_SENSITIVE_DATA).

    Only a superuser adds, changes or removes someone's device; staff replace their own from
    *Set up two-factor sign-in* with their password (staff.twofactor).
    """

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        audit.second_factor_event(request, "twofactor.reset", obj.user)

    def delete_queryset(self, request, queryset):
        owners = [device.user for device in queryset.select_related("user")]
        super().delete_queryset(request, queryset)
        for owner in owners:
            audit.second_factor_event(request, "twofactor.reset", owner)
