"""Users of the portal and their roles.

A role is a group: ``staff`` (workstation staff in California), ``official`` (Lanzhou bureau
officials) and ``talent`` (overseas talent who registered themselves). Superusers administer.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Workstation staff")
    OFFICIAL = "official", _("Lanzhou official")
    TALENT = "talent", _("Overseas talent")


# Roles whose sessions must have passed two-factor authentication.
TWO_FACTOR_ROLES = frozenset({Role.STAFF, Role.OFFICIAL})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)

    def invitation_pending(self):
        """Invited accounts whose person has not set a password yet."""
        return self.filter(
            is_active=True,
            invited_at__isnull=False,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Mails and pages use this language."),
    )
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("Whether the user can sign in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email.split("@")[0]

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def needs_two_factor(self) -> bool:
        return self.is_superuser or bool(self.roles & TWO_FACTOR_ROLES)


class AccountMail(models.Model):
    """A mail of allauth's (an address confirmation, a password reset, ...) as it was rendered
    during the request, kept for the reminder outbox to send.

    Its links and keys are the ones made in the request, so they still work when the mail goes
    out later: a mail server or broker that is down only delays it. Plain text only: the portal
    gives allauth's mails no HTML templates.
    """

    template = models.CharField(_("template"), max_length=100)
    recipient_email = models.EmailField(_("recipient email"))
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("account mail")
        verbose_name_plural = _("account mails")

    def __str__(self) -> str:
        return f"{self.template} → {self.recipient_email}"
