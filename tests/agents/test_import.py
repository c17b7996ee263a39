import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from agents.importing.rows import COLUMNS
from agents.importing.services import applicants_import
from agents.models import Application, ApplicationSkill, Status
from gigcx.errors import ImportFileError
from tests.factories import ApplicationFactory, ClientUserFactory, ScoringRuleFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
GOOD = [
    "ana@example.com,Ana,Silva,+1 555 0100,FL,32501,en:4;es:native,voice;chat,"
    "healthcare:3;retail:5,20,30,62,97.5",
    "Ben@Example.com,Ben,Okafor,,TX,79901,en,email,technical-support:8,10,20,,",
]


def run(*lines: str) -> object:
    return applicants_import(file=io.BytesIO("\n".join(lines).encode()))


def test_good_rows_create_applicants_with_skills_languages_and_a_score():
    ScoringRuleFactory(name="Voice", channel="voice", points=5)
    report = run(HEADER, *GOOD)
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    ana = Application.objects.select_related("user").get(user__email="ana@example.com")
    assert (ana.user.full_name, ana.user.role, ana.user.timezone) == (
        "Ana Silva",
        "agent",
        "America/Chicago",
    )
    assert not ana.user.has_usable_password()
    assert (ana.status, ana.state, ana.zip_code, ana.channels) == (
        "submitted",
        "FL",
        "32501",
        ["chat", "voice"],
    )
    assert {(s.skill.slug, s.years) for s in ana.skills.all()} == {("healthcare", 3), ("retail", 5)}
    assert {(lang.language, lang.level) for lang in ana.languages.all()} == {("en", 4), ("es", 4)}
    assert (ana.score, ana.score_explanation[0]["rule"]) == (5, "Voice")
    ben = Application.objects.get(user__email="ben@example.com")  # e-mail lower-cased
    assert (ben.user.timezone, ben.typing_wpm, ben.hours_max) == ("America/Denver", None, 20)


def test_bad_rows_are_reported_by_line_and_good_rows_kept():
    report = run(
        HEADER,
        GOOD[0],
        "not-an-email,A,B,,TX,75201,en,voice,,20,30,50,90",
        "c@example.com,C,D,,ZZ,75201,en,voice,,20,30,50,90",
        "d@example.com,D,E,,TX,7520,en,voice,,20,30,50,90",
        "e@example.com,E,F,,TX,75201,en,voice,juggling:3,20,30,50,90",
        "f@example.com,F,G,,TX,75201,en,fax,,20,30,50,90",
        "g@example.com,G,H,,TX,75201,en,voice,,30,20,50,90",
        "h@example.com,H,I,,TX,75201,en,voice,,20,30,400,90",
        "i@example.com,I,J,,TX,75201,en,voice",
        GOOD[1],
    )
    assert (report.created, report.updated) == (2, 0)
    assert [error["line"] for error in report.errors] == [3, 4, 5, 6, 7, 8, 9, 10]
    reasons = " | ".join(error["reason"] for error in report.errors)
    for expected in [
        "not an e-mail address",
        "not a US state",
        "5-digit ZIP",
        "'juggling' is not a known skill",
        "'fax' is not one of",
        "hours_min is more than hours_max",
        "typing_wpm: '400'",
        "expected 13 columns, found 8",
    ]:
        assert expected in reasons
    assert Application.objects.count() == 2


def test_reimport_updates_and_never_duplicates():
    run(HEADER, *GOOD)
    changed = (
        GOOD[0].replace("healthcare:3;retail:5", "sales:2").replace(",FL,32501,", ",NY,10001,")
    )
    report = run(HEADER, changed, GOOD[1])
    assert (report.created, report.updated, report.errors) == (0, 2, [])
    assert User.objects.filter(email="ana@example.com").count() == 1
    ana = Application.objects.get(user__email="ana@example.com")
    assert (ana.state, ana.user.timezone) == ("NY", "America/New_York")
    assert [(s.skill.slug, s.years) for s in ana.skills.all()] == [("sales", 2)]
    assert ApplicationSkill.objects.count() == 2  # ana's one, ben's one


def test_reimport_changes_only_the_skills_and_languages_that_changed():
    run(HEADER, *GOOD)
    ana = Application.objects.get(user__email="ana@example.com")
    kept_skill = ana.skills.get(skill__slug="healthcare")
    changed = GOOD[0].replace("healthcare:3;retail:5", "healthcare:3;sales:2;retail:7")
    run(HEADER, changed.replace("en:4;es:native", "en:4;fr:2"), GOOD[1])
    assert {(s.skill.slug, s.years) for s in ana.skills.all()} == {
        ("healthcare", 3),
        ("sales", 2),
        ("retail", 7),
    }
    assert ana.skills.get(skill__slug="healthcare").pk == kept_skill.pk  # not deleted and re-made
    assert {(lang.language, lang.level) for lang in ana.languages.all()} == {("en", 4), ("fr", 2)}
    assert ApplicationSkill.objects.filter(application__user__email="ben@example.com").count() == 1


def test_reimporting_an_unchanged_row_leaves_its_application_alone():
    run(HEADER, *GOOD)
    before = Application.objects.get(user__email="ben@example.com")
    report = run(HEADER, *GOOD)
    assert report.updated == 2
    after = Application.objects.get(user__email="ben@example.com")
    assert (after.updated, after.scored_at) == (before.updated, before.scored_at)


def test_reimport_keeps_the_stage_an_applicant_reached():
    application = ApplicationFactory(user__email="ana@example.com", status=Status.ASSESSMENT)
    report = run(HEADER, GOOD[0])
    assert report.updated == 1
    application.refresh_from_db()
    assert (application.status, application.state) == ("assessment", "FL")


def test_a_duplicate_row_in_the_same_file_is_reported():
    report = run(HEADER, GOOD[0], GOOD[0].replace("Ana", "Anna"))
    assert report.created == 1
    assert report.errors == [{"line": 3, "reason": "ana@example.com is already on line 2"}]


def test_a_client_or_staff_address_is_never_turned_into_an_applicant():
    client = ClientUserFactory(email="ana@example.com", full_name="Dana Client")
    report = run(HEADER, GOOD[0])
    assert report.errors == [{"line": 2, "reason": "ana@example.com belongs to a client account"}]
    client.refresh_from_db()
    assert (client.role, client.full_name) == ("client", "Dana Client")
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (f"{HEADER}\n{GOOD[0]}\n".encode() + b"\x89PNG\r\n\x1a\n\xff\xfe", "not a CSV text file"),
        (b"", "The file is empty"),
        (f"email,name\n{GOOD[0]}".encode(), "missing: first_name"),
        (",".join(reversed(COLUMNS)).encode() + f"\n{GOOD[0]}".encode(), "another order"),
    ],
)
def test_a_file_that_is_not_our_csv_writes_nothing(content, message):
    with pytest.raises(ImportFileError, match=message):
        applicants_import(file=io.BytesIO(content))
    assert not User.objects.exists()


def test_the_command_prints_a_summary_and_the_errors(tmp_path):
    path = tmp_path / "applicants.csv"
    path.write_text("\n".join([HEADER, GOOD[0], "bad,A,B,,TX,75201,en,voice,,20,30,50,90"]))
    out = io.StringIO()
    call_command("import_applicants", str(path), stdout=out, stderr=io.StringIO())
    assert "1 applicant(s) created, 0 updated, 1 row(s) with errors." in out.getvalue()
    assert "line 3: email: 'bad' is not an e-mail address" in out.getvalue()


def test_the_command_refuses_a_file_that_is_not_csv(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_applicants", str(path), stdout=io.StringIO())


def test_reimport_keeps_the_points_of_home_office_answers_the_file_does_not_carry():
    ScoringRuleFactory(
        name="Has a headset", kind="home_office", channel="", item="headset", points=4
    )
    ApplicationFactory(user__email="ana@example.com", headset=True, status=Status.SCREENING)
    run(HEADER, GOOD[0])
    application = Application.objects.get(user__email="ana@example.com")
    assert application.headset is True
    assert [line["rule"] for line in application.score_explanation] == ["Has a headset"]
    assert application.score == 4
