import pytest

from agents.scoring import Candidate, Rule, score
from agents.screening import applications_rescore
from agents.typing import PASSAGE, ImplausibleResult, typing_result
from tests.factories import ApplicationFactory, ScoringRuleFactory, SkillFactory

CANDIDATE = Candidate(
    skills={1: 4, 2: 10},
    languages={"en": 4, "es": 2},
    channels=["voice", "chat"],
    typing_wpm=62,
    typing_accuracy=96.5,
    hours_max=30,
    home_office={"headset": True, "quiet_room": False, "download_mbps": 100, "upload_mbps": 5},
)


@pytest.mark.parametrize(
    ("rule", "points"),
    [
        (Rule("Healthcare", "skill", points=3, skill_id=1), 12),
        (Rule("Capped", "skill", points=3, skill_id=2, cap=20), 20),
        (Rule("Any skill", "skill", points=1), 14),
        (Rule("Missing skill", "skill", points=5, skill_id=3), 0),
        (Rule("Spanish fluent", "language", points=10, language="es", threshold=3), 0),
        (Rule("Spanish basic", "language", points=4, language="es", threshold=1), 4),
        (Rule("Voice", "channel", points=5, channel="voice"), 5),
        (Rule("E-mail", "channel", points=5, channel="email"), 0),
        (Rule("Fast", "typing_wpm", points=8, threshold=60), 8),
        (Rule("Very fast", "typing_wpm", points=8, threshold=80), 0),
        (Rule("Accurate", "typing_accuracy", points=6, threshold=95), 6),
        (Rule("Headset", "home_office", points=4, item="headset"), 4),
        (Rule("Quiet", "home_office", points=4, item="quiet_room"), 0),
        (Rule("Fast line", "home_office", points=3, item="download_mbps", threshold=25), 3),
        (Rule("Upload", "home_office", points=3, item="upload_mbps", threshold=10), 0),
        (Rule("Full week", "hours", points=6, threshold=30), 6),
    ],
)
def test_each_rule_kind(rule, points):
    assert score(CANDIDATE, [rule])[0] == points


def test_the_explanation_names_each_rule_that_gave_points():
    rules = [
        Rule("Healthcare", "skill", points=3, skill_id=1),
        Rule("E-mail", "channel", points=5, channel="email"),
        Rule("Fast", "typing_wpm", points=8, threshold=60),
    ]
    total, explanation = score(CANDIDATE, rules)
    assert total == 20
    assert explanation == [
        {"rule": "Healthcare", "points": 12, "detail": "4 year(s) × 3"},
        {"rule": "Fast", "points": 8, "detail": "62 wpm"},
    ]


def test_an_empty_candidate_scores_zero():
    assert score(Candidate(), [Rule("Fast", "typing_wpm", points=8, threshold=60)]) == (0, [])


@pytest.mark.django_db
def test_rescoring_applies_changed_rules_to_everyone():
    skill = SkillFactory(slug="healthcare", name="Healthcare")
    first, second = ApplicationFactory(), ApplicationFactory(channels=["email"])
    first.skills.create(skill=skill, years=5)
    rule = ScoringRuleFactory(name="Voice", kind="channel", channel="voice", points=5)
    ScoringRuleFactory(name="Healthcare", kind="skill", skill=skill, channel="", points=2)
    progress = []
    assert applications_rescore(on_progress=lambda done, total: progress.append(done)) == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.score, second.score) == (15, 0)
    assert [line["rule"] for line in first.score_explanation] == ["Voice", "Healthcare"]
    rule.points = 1
    rule.save()
    applications_rescore()
    first.refresh_from_db()
    assert first.score == 11 and progress == [2]


def test_typing_is_scored_from_the_text_and_time():
    wpm, accuracy = typing_result(typed=PASSAGE, elapsed_ms=60_000)
    assert (wpm, accuracy) == (round(len(PASSAGE) / 5), 100.0)
    sloppy_wpm, sloppy_accuracy = typing_result(typed=PASSAGE.replace("e", "3"), elapsed_ms=60_000)
    assert sloppy_accuracy < 95 and sloppy_wpm < wpm


@pytest.mark.parametrize(
    ("typed", "elapsed_ms", "message"),
    [
        ("too short", 30_000, "at least"),
        (PASSAGE, 0, "time you took"),
        (PASSAGE, 2_000, "faster than anyone"),
    ],
)
def test_implausible_typing_is_refused(typed, elapsed_ms, message):
    with pytest.raises(ImplausibleResult, match=message):
        typing_result(typed=typed, elapsed_ms=elapsed_ms)
