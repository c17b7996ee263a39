"""The screening score: pure functions over plain data, no Django.

A score is the sum of what each active rule gives; the explanation lists every rule that gave
points, so staff see why an applicant ranks where they do. The same function scores one
application, re-scores everyone and scores a 200,000-row import.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    points: int
    skill_id: int | None = None
    language: str = ""
    channel: str = ""
    item: str = ""
    threshold: float | None = None
    cap: int | None = None


@dataclass
class Candidate:
    """What screening looks at; every field is optional because drafts are scored too."""

    skills: Mapping[int, int] = field(default_factory=dict)  # skill id -> years
    languages: Mapping[str, int] = field(default_factory=dict)  # language code -> level
    channels: Iterable[str] = ()
    typing_wpm: float | None = None
    typing_accuracy: float | None = None
    hours_max: int | None = None
    home_office: Mapping[str, bool | float | None] = field(default_factory=dict)


def score(candidate: Candidate, rules: Iterable[Rule]) -> tuple[int, list[dict]]:
    """(total, explanation): the explanation is `[{"rule", "points", "detail"}]`."""
    explanation: list[dict] = []
    for rule in rules:
        points, detail = RULE_KINDS[rule.kind](rule, candidate)
        if points:
            explanation.append({"rule": rule.name, "points": points, "detail": detail})
    return sum(line["points"] for line in explanation), explanation


def _skill(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    if rule.skill_id is None:
        years = sum(candidate.skills.values())
    else:
        years = candidate.skills.get(rule.skill_id, 0)
    points = years * rule.points
    if rule.cap is not None:
        points = min(points, rule.cap)
    return points, f"{years} year(s) × {rule.points}"


def _language(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    level = candidate.languages.get(rule.language, 0)
    minimum = rule.threshold or 0
    return (rule.points, f"level {level}") if level and level >= minimum else (0, "")


def _channel(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    return (rule.points, rule.channel) if rule.channel in candidate.channels else (0, "")


def _at_least(value: float | None, rule: Rule, unit: str) -> tuple[int, str]:
    if value is None or value < (rule.threshold or 0):
        return 0, ""
    return rule.points, f"{value:g} {unit}"


def _typing_wpm(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    return _at_least(candidate.typing_wpm, rule, "wpm")


def _typing_accuracy(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    return _at_least(candidate.typing_accuracy, rule, "% accuracy")


def _hours(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    return _at_least(candidate.hours_max, rule, "hours a week")


def _home_office(rule: Rule, candidate: Candidate) -> tuple[int, str]:
    value = candidate.home_office.get(rule.item)
    if isinstance(value, bool) or value is None:
        return (rule.points, rule.item.replace("_", " ")) if value else (0, "")
    return _at_least(value, rule, "Mbps")


RULE_KINDS = {
    "skill": _skill,
    "language": _language,
    "channel": _channel,
    "typing_wpm": _typing_wpm,
    "typing_accuracy": _typing_accuracy,
    "hours": _hours,
    "home_office": _home_office,
}
