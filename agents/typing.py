"""The typing test, scored on the server from the typed text and the time taken. Pure Python.

The browser only reports how long the person typed; speed and accuracy are computed here from
what they typed, so a hand-edited form cannot claim 200 wpm at 100 %.
"""

from difflib import SequenceMatcher

PASSAGE = (
    "Thank you for calling. I can see your order shipped on Monday and should arrive by "
    "Thursday. If it is late, I will send a replacement at no cost to you. Is there anything "
    "else I can help with today?"
)
MIN_CHARACTERS = 100
MAX_WPM = 250
CHARACTERS_PER_WORD = 5


class ImplausibleResult(ValueError):
    """The typed text or the time taken cannot come from a person taking the test."""


def typing_result(*, typed: str, elapsed_ms: int, passage: str = PASSAGE) -> tuple[int, float]:
    """(net words per minute, accuracy %) of `typed` against the start of `passage`."""
    typed = " ".join(typed.split())
    if len(typed) < min(MIN_CHARACTERS, len(passage)):
        raise ImplausibleResult(
            f"Type at least {MIN_CHARACTERS} characters of the passage (you typed {len(typed)})."
        )
    if elapsed_ms < 1000:
        raise ImplausibleResult("The test needs the time you took; type the passage in the box.")
    target = passage[: len(typed)]
    matching = sum(
        block.size for block in SequenceMatcher(None, target, typed).get_matching_blocks()
    )
    accuracy = round(100 * matching / max(len(typed), len(target)), 1)
    minutes = elapsed_ms / 60000
    wpm = round(matching / CHARACTERS_PER_WORD / minutes)
    if wpm > MAX_WPM:
        raise ImplausibleResult(
            f"{wpm} words per minute is faster than anyone types; please take the test again."
        )
    return wpm, accuracy
