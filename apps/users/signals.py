"""Deactivating a user (admin, shell or any service) ends their sessions at once."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import User
from .services import user_tokens_revoke_all


@receiver(pre_save, sender=User, dispatch_uid="users.deactivation_seen")
def _deactivation_seen(sender, instance: User, update_fields=None, **kwargs) -> None:
    # Only a save that writes is_active=False can deactivate; the lookup runs only then.
    writes_active = update_fields is None or "is_active" in update_fields
    instance._deactivating = bool(
        writes_active
        and not instance.is_active
        and not instance._state.adding
        and User.objects.filter(pk=instance.pk, is_active=True).exists()
    )


@receiver(post_save, sender=User, dispatch_uid="users.deactivation_revokes")
def _deactivation_revokes(sender, instance: User, **kwargs) -> None:
    if getattr(instance, "_deactivating", False):
        instance._deactivating = False
        user_tokens_revoke_all(user=instance)
