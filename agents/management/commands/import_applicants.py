from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agents.importing.services import applicants_import
from gigcx.errors import ImportFileError


class Command(BaseCommand):
    help = "Import applicants from a CSV file (idempotent on e-mail); prints a summary and errors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--show-errors", type=int, default=20, help="How many bad rows to list (default 20)."
        )

    def handle(self, *args: object, file: Path, show_errors: int, **options: object) -> None:
        if not file.is_file():
            raise CommandError(f"{file} is not a file")
        try:
            with file.open("rb") as handle:
                report = applicants_import(file=handle, on_progress=self._progress)
        except ImportFileError as error:
            raise CommandError(f"Nothing imported: {error.message}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} applicant(s) created, {report.updated} updated, "
                f"{len(report.errors)} row(s) with errors."
            )
        )
        for row_error in report.errors[:show_errors]:
            self.stdout.write(f"  line {row_error['line']}: {row_error['reason']}")
        if len(report.errors) > show_errors:
            self.stdout.write(f"  … and {len(report.errors) - show_errors} more")

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"  {done}/{total} rows written", ending="\r")
