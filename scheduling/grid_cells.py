"""The booking grid's cells, ready to print: what each says, to the eye and to a screen reader.

A week has 336 cells; each is printed by `format_html` here rather than by template tags (a
template loop cost ~10x as much per cell), the markup kept in this one place.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from clients.models import Program
from scheduling.grid import GridSlot
from scheduling.grid_layout import Cell


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
        return self.state in ("open", "full")


def _cell_view(program: Program | None, cell: Cell, available: set[datetime]) -> CellView:
    slot = cell.item
    in_window = cell.starts_at in available
    if slot is None or program is None:
        return CellView(state="none", available=in_window)
    state = _state(slot)
    said, shown = _state_texts(slot, cell)
    hot = slot.hot and state in ("open", "full")
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


def _state(slot: GridSlot) -> str:
    if slot.mine:
        return "mine"
    if not slot.released:
        return "locked"
    if slot.closed:
        return "closed"
    return "full" if slot.full else "open"


def _state_texts(slot: GridSlot, cell: Cell) -> tuple[str, str]:
    """What a screen reader says of the slot's state, and the cell's short text."""
    if slot.mine:
        return "booked by you", "✓ Yours"
    if not slot.released:
        opens = f"{slot.opens_at.astimezone(cell.zone):%a %H:%M}"
        return f"opens to your tier {opens}", f"Opens {opens}"
    if slot.closed:
        return "booking closed", "Closed"
    if slot.full:
        return "full, waitlist open", "Full"
    seats = slot.open_seats
    return f"{seats} seat{'s' if seats != 1 else ''} open", f"{seats} open"


def row_html(program: Program | None, cells: list[Cell], available: set[datetime]) -> SafeString:
    """The `<td>`s of one row of the grid, one per day."""
    return mark_safe(  # noqa: S308 - joined from format_html's escaped parts
        "".join(
            _cell_html(_cell_view(program, cell, available), day) for day, cell in enumerate(cells)
        )
    )


def _cell_html(view: CellView, day: int) -> SafeString:
    available = " cell-available" if view.available else ""
    if not view.start:
        return format_html('<td class="cell-{}{}"></td>', view.state, available)
    badges = format_html(
        "{}{}",
        mark_safe(' <span class="badge badge-hot">Hot</span>') if view.hot else "",
        format_html(' <span class="badge badge-bonus">{}</span>', view.bonus) if view.bonus else "",
    )
    return format_html(
        '<td class="cell-{}{}"><button type="button" class="slot slot-{}" tabindex="-1"'
        ' data-start="{}" data-day="{}" aria-label="{}"{}><span class="slot-text">{}</span>{}'
        "</button></td>",
        view.state,
        available,
        view.state,
        view.start,
        day,
        view.label,
        mark_safe("") if view.selectable else mark_safe(' aria-disabled="true"'),
        view.text,
        badges,
    )
