"""Staff author courses in the admin: inlines render, a question's right choices are checked."""

import pytest

from tests.training.conftest import right_answers
from training.attempts import attempt_start
from training.models import Question

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/training/course/{course}/change/",
        "/admin/training/quiz/{quiz}/change/",
        "/admin/training/question/{question}/change/",
        "/admin/training/award/",
        "/admin/training/attempt/",
    ],
)
def test_authoring_pages_render(client_as, staff, quiz, url):
    question = quiz.questions.first()
    page = client_as(staff).get(
        url.format(course=quiz.course.pk, quiz=quiz.pk, question=question.pk)
    )
    assert page.status_code == 200


def question_post(question: Question, kind: str, right: list[bool]) -> dict:
    choices = list(question.choices.all())
    data = {
        "quiz": question.quiz_id,
        "text": question.text,
        "kind": kind,
        "explanation": "",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": len(choices),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for n, (choice, correct) in enumerate(zip(choices, right, strict=True)):
        data |= {
            f"choices-{n}-id": choice.pk,
            f"choices-{n}-question": question.pk,
            f"choices-{n}-text": choice.text,
        }
        if correct:
            data[f"choices-{n}-is_correct"] = "on"
    return data


def test_a_single_choice_question_keeps_exactly_one_right_choice(client_as, staff, quiz):
    question = quiz.questions.get(text="Returns window?")
    url = f"/admin/training/question/{question.pk}/change/"
    page = client_as(staff).post(url, question_post(question, "single", [True, True, False]))
    assert "exactly one right choice" in page.text
    page = client_as(staff).post(url, question_post(question, "single", [False, False, False]))
    assert "at least one choice" in page.text
    assert question.choices.filter(is_correct=True).count() == 1
    page = client_as(staff).post(url, question_post(question, "multiple", [True, True, False]))
    assert page.status_code == 302
    assert question.choices.filter(is_correct=True).count() == 2


def test_the_catalogue_filters_answer_htmx_with_the_list_only(client_as, agent, course):
    page = client_as(agent).get(
        "/agent/learning/catalogue/?topic=soft_skills", HTTP_HX_REQUEST="true"
    )
    assert "Order support basics" in page.text and "<html" not in page.text


def test_an_open_attempt_shows_a_countdown_to_its_deadline(client_as, agent, quiz, enrolled):
    attempt = attempt_start(agent=agent, quiz=quiz)
    page = client_as(agent).get(f"/agent/learning/attempts/{attempt.pk}/")
    assert "data-countdown" in page.text and len(right_answers(attempt)) == 4
