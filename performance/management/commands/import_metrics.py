from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from gigcx.errors import ImportFileError
from performance.importing.services import ImportReport, Mode, metrics_import


class Command(BaseCommand):
    help = (
        "Import daily metrics from a CSV file (upsert on agent, program and day) with the rights "
        "of the person --as names; prints a summary and the bad lines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--as", dest="importer", required=True, help="E-mail of the importing person."
        )
        parser.add_argument(
            "--mode",
            choices=[mode.value for mode in Mode],
            default=Mode.ALL_OR_NOTHING.value,
            help="all_or_nothing (default): any bad row writes nothing; keep_good: write the rest.",
        )
        parser.add_argument(
            "--show-errors", type=int, default=20, help="How many bad rows to list (default 20)."
        )

    def handle(
        self, *args: object, file: Path, importer: str, mode: str, show_errors: int, **_: object
    ) -> None:
        if not file.is_file():
            raise CommandError(f"{file} is not a file")
        by = User.objects.filter(email__iexact=importer).first()
        if by is None:
            raise CommandError(f"Nobody has the address {importer}")
        self._progress_shown = False
        try:
            with file.open("rb") as handle:
                report = metrics_import(
                    file=handle, by=by, mode=Mode(mode), on_progress=self._progress
                )
        except ImportFileError as error:
            raise CommandError(f"Nothing imported: {error.message}") from error
        finally:
            if self._progress_shown:  # end the progress line, so what follows starts on its own
                self.stderr.write("")
        lines = self._error_lines(report, show_errors)
        if report.errors and mode == Mode.ALL_OR_NOTHING:
            raise CommandError("\n".join(["Nothing imported: some rows are wrong.", *lines]))
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} created, {report.updated} updated, {report.unchanged} "
                f"unchanged, {len(report.errors)} row(s) with errors."
            )
        )
        for line in lines:
            self.stdout.write(line)

    def _error_lines(self, report: ImportReport, show: int) -> list[str]:
        lines = [f"  line {error['line']}: {error['reason']}" for error in report.errors[:show]]
        if len(report.errors) > show:
            lines.append(f"  … and {len(report.errors) - show} more")
        return lines

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"  {done}/{total} rows written", ending="\r")
        self._progress_shown = True
