"""Reading an uploaded CSV file for an import: the one place that decides whether a file is CSV
text with the columns an import expects (the applicant and the metric imports)."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO

from gigcx.errors import ImportFileError


def csv_rows(file: IO[bytes], *, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Every non-blank data row of a file opened in binary mode, with its line number, after
    checking that the first line names exactly `columns` (in any case, in this order).

    The rows are read as they are consumed, so the file is never all in memory at once; a file
    that is not UTF-8 text, holds a NUL byte or is not valid CSV raises ImportFileError, as the
    reading reaches the fault."""
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(_lines_without_nul(text), strict=True)
        _check_header(next(reader, None), columns)
        for row in reader:
            if any(cell.strip() for cell in row):
                yield reader.line_num, row
    except UnicodeDecodeError as error:
        raise ImportFileError("This is not a CSV text file (it is not UTF-8 text).") from error
    except csv.Error as error:
        raise ImportFileError(f"This is not a valid CSV file: {error}.") from error
    finally:
        text.detach()


def _lines_without_nul(lines: Iterable[str]) -> Iterator[str]:
    # Python's csv module reads a NUL byte as a character; a file holding one is binary.
    for line in lines:
        if "\x00" in line:
            raise ImportFileError("The file contains NUL bytes: it is not a CSV text file.")
        yield line


def _check_header(header: list[str] | None, columns: list[str]) -> None:
    if not header:
        raise ImportFileError("The file is empty; the first line must name the columns.")
    names = [name.strip().lower() for name in header]
    if names == columns:
        return
    missing = [name for name in columns if name not in names]
    extra = [name for name in names if name not in columns]
    detail = "; ".join(
        part
        for part in (
            f"missing: {', '.join(missing)}" if missing else "",
            f"unexpected: {', '.join(extra)}" if extra else "",
        )
        if part
    )
    raise ImportFileError(
        f"The columns must be exactly {','.join(columns)} in this order"
        + (f" ({detail})." if detail else " (they are in another order).")
    )
