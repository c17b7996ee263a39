"""The shared vocabulary of work: channels, languages and language levels.

Agents state what they offer in these words and programs (in `clients`) state what they need in
the same words, so matching compares like with like.
"""

from django.conf import global_settings
from django.db import models


class Channel(models.TextChoices):
    VOICE = "voice", "Voice"
    CHAT = "chat", "Chat"
    EMAIL = "email", "E-mail"


class LanguageLevel(models.IntegerChoices):
    BASIC = 1, "Basic"
    CONVERSATIONAL = 2, "Conversational"
    FLUENT = 3, "Fluent"
    NATIVE = 4, "Native"


# ISO 639-1 codes with English names, the list Django itself ships (``en``, ``es``, ``zh-hans``…).
LANGUAGE_CHOICES: list[tuple[str, str]] = [
    (code, str(name))
    for code, name in global_settings.LANGUAGES
    if "-" not in code or code in {"zh-hans", "zh-hant", "pt-br"}
]
