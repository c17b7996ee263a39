"""Forms of the swap board and the waitlist: they only parse, the services decide."""

from django import forms

from accounts.models import User


class WaitlistJoinForm(forms.Form):
    program = forms.IntegerField(min_value=1)
    start = forms.DateTimeField(help_text="ISO-8601 with an offset, e.g. 2026-03-02T14:00Z")
    end = forms.DateTimeField()


class SwapPostForm(forms.Form):
    offered_to = forms.EmailField(
        label="Offer to one agent (e-mail, optional)",
        required=False,
        help_text="Leave empty to offer the block to every agent who can work it.",
    )
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)

    def clean_offered_to(self) -> User | None:
        email = self.cleaned_data["offered_to"]
        if not email:
            return None
        agent = User.objects.filter(email__iexact=email, role=User.Role.AGENT).first()
        if agent is None:
            raise forms.ValidationError("No agent has this e-mail address.")
        return agent
