"""The booking grid's cells, ready to print: what each says, to the eye and to a screen reader.

A week has 336 cells; each is printed here by an f-string, its texts escaped by `html.escape`,
rather than by a template loop (which cost ~20 ms of the page), the markup kept in this one place.
"""

from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.utils.safestring import SafeString, mark_safe

from clients.models import Program
from scheduling.grid.layout import Cell
from scheduling.grid.selectors import GridSlot

SELECTABLE = ("open", "full")  # states a cell can be picked in: booked, or waited for


@dataclass(frozen=True, slots=True)
class CellView:
    """One cell of the grid, ready to print: `state` is open, full, mine, locked, closed or none."""

    state: str
    available: bool  # inside the agent's availability windows
    start: str = ""  # the slot's start, ISO-8601 in UTC, for the page's script
    label: str = ""  # what a screen reader says
    text: str = ""  # what the cell shows
    hot: bool = False
    bonus: str = ""

    @property
    def selectable(self) -> bool:
        """Open cells can be booked, full ones waited for; the rest only say why not."""
        return self.state in SELECTABLE


def _cell_view(program: Program | None, cell: Cell, available: set[datetime]) -> CellView:
    slot = cell.item
    in_window = cell.starts_at in available
    if slot is None or program is None:
        return CellView(state="none", available=in_window)
    state, said, shown = _state_texts(slot, cell)
    hot = slot.hot and state in SELECTABLE
    bonus = f"${slot.bonus_per_hour.normalize():f}/h" if slot.bonus_per_hour else ""
    parts = [program.name, f"{cell.local:%a %H:%M}–{cell.ends_local:%H:%M}", said]
    parts += ["short-staffed"] * hot + [f"bonus {bonus}"] * bool(bonus)
    parts += ["in your availability"] * in_window
    return CellView(
        state=state,
        available=in_window,
        start=slot.starts_at.isoformat(),
        label=", ".join(parts),
        text=shown,
        hot=hot,
        bonus=f"+{bonus}" if bonus else "",
    )


def _state_texts(slot: GridSlot, cell: Cell) -> tuple[str, str, str]:
    """The slot's state, what a screen reader says of it, and the cell's short text."""
    if slot.mine:
        return "mine", "booked by you", "✓ Yours"
    if not slot.released and slot.opens_at is not None:  # not released: it opens later
        opens = f"{slot.opens_at.astimezone(cell.zone):%a %H:%M}"
        return "locked", f"opens to your tier {opens}", f"Opens {opens}"
    if slot.closed:
        return "closed", "booking closed", "Closed"
    if slot.full:
        return "full", "full, waitlist open", "Full"
    seats = slot.open_seats
    return "open", f"{seats} seat{'s' if seats != 1 else ''} open", f"{seats} open"


def row_html(program: Program | None, cells: list[Cell], available: set[datetime]) -> SafeString:
    """The `<td>`s of one row of the grid, one per day; every text in them escaped."""
    return mark_safe(  # noqa: S308 - each part escaped by _cell_html
        "".join(
            _cell_html(_cell_view(program, cell, available), day) for day, cell in enumerate(cells)
        )
    )


def _cell_html(view: CellView, day: int) -> str:
    opening = f'<td class="cell-{view.state}{" cell-available" * view.available}">'
    if not view.start:
        return opening + "</td>"
    disabled = "" if view.selectable else ' aria-disabled="true"'
    hot = ' <span class="badge badge-hot">Hot</span>' * view.hot
    bonus = f' <span class="badge badge-bonus">{escape(view.bonus)}</span>' if view.bonus else ""
    return (
        f'{opening}<button type="button" class="slot slot-{view.state}" tabindex="-1"'
        f' data-start="{view.start}" data-day="{day}" aria-label="{escape(view.label)}"{disabled}>'
        f'<span class="slot-text">{escape(view.text)}</span>{hot}{bonus}</button></td>'
    )
