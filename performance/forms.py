from django import forms

from performance.importing.rows import COLUMNS
from performance.importing.services import Mode


class MetricImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Columns: " + ", ".join(COLUMNS) + ".")
    mode = forms.ChoiceField(
        choices=[
            (Mode.ALL_OR_NOTHING.value, "All or nothing: any bad row imports nothing"),
            (Mode.KEEP_GOOD.value, "Keep the good rows, report the bad ones"),
        ],
        initial=Mode.ALL_OR_NOTHING.value,
    )
