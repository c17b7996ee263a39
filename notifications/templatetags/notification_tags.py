from django import template

from notifications.selectors import notification_dead_count

register = template.Library()


@register.simple_tag
def dead_notification_count() -> int:
    return notification_dead_count()
