from django import forms
from django.http import QueryDict

from clients.models import Program
from gigcx.errors import DomainError
from training.attempts import Answers
from training.models import Topic


class CatalogueFilterForm(forms.Form):
    topic = forms.ChoiceField(choices=[("", "Every topic"), *Topic.choices], required=False)
    program = forms.ModelChoiceField(
        queryset=Program.objects.filter(is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "name"),
        required=False,
        empty_label="Every program",
    )
    required_for_me = forms.BooleanField(
        label="Only courses toward certifications programs require and I don't hold",
        required=False,
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why is the certification revoked?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def answers_from(data: QueryDict) -> Answers:
    """`question_<id>` fields of a quiz form -> {question id: {choice ids}}; bad ids are refused."""
    answers: dict[int, set[int]] = {}
    for key in data:
        if not key.startswith("question_"):
            continue
        try:
            answers[int(key.removeprefix("question_"))] = {int(v) for v in data.getlist(key)}
        except ValueError as error:
            raise DomainError("An answer was not understood.", field=key) from error
    return answers
