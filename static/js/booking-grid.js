// The booking grid: select a block of slots in one day column by clicking its first and last
// cell, by dragging, or with the arrow keys and Enter/Space; htmx then fetches its pay estimate.
(function () {
  "use strict";
  var SLOT_MS = 30 * 60 * 1000;
  var anchor = null;      // the first cell of a block being chosen
  var pressed = null;     // the cell a pointer went down on
  var dragged = false;

  function selectable(cell) {
    return cell && cell.matches(".booking-grid button.slot") && cell.getAttribute("aria-disabled") !== "true";
  }

  function column(day) {
    return Array.prototype.slice.call(document.querySelectorAll(".booking-grid button.slot[data-day='" + day + "']"));
  }

  function unmark() {
    document.querySelectorAll(".booking-grid .selected").forEach(function (cell) {
      cell.classList.remove("selected");
      cell.removeAttribute("aria-pressed");
    });
  }

  function mark(first, last) {
    unmark();
    var cells = column(first.dataset.day);
    var i = cells.indexOf(first), j = cells.indexOf(last);
    var block = cells.slice(Math.min(i, j), Math.max(i, j) + 1);
    block.forEach(function (cell) { cell.classList.add("selected"); cell.setAttribute("aria-pressed", "true"); });
    return block;
  }

  function estimate(block) {
    var form = document.getElementById("block-select");
    if (!form || !window.htmx) { return; }
    form.elements.start.value = block[0].dataset.start;
    form.elements.end.value = new Date(Date.parse(block[block.length - 1].dataset.start) + SLOT_MS).toISOString();
    window.htmx.trigger(form, "block-selected");
  }

  // A first pick starts a block (and prices that slot alone); a second in the same day ends it.
  function pick(cell) {
    if (anchor && anchor.isConnected && anchor.dataset.day === cell.dataset.day) {
      estimate(mark(anchor, cell));
      anchor = null;
    } else {
      anchor = cell;
      estimate(mark(cell, cell));
    }
  }

  document.addEventListener("pointerdown", function (event) {
    var cell = event.target.closest("button.slot");
    pressed = selectable(cell) ? cell : null;
    dragged = false;
  });

  document.addEventListener("pointerover", function (event) {
    var cell = event.target.closest("button.slot");
    if (!pressed || !selectable(cell) || cell === pressed || cell.dataset.day !== pressed.dataset.day) { return; }
    dragged = true;
    mark(pressed, cell);
  });

  document.addEventListener("pointerup", function (event) {
    var cell = event.target.closest("button.slot");
    if (dragged && selectable(cell) && cell.dataset.day === pressed.dataset.day) {
      estimate(mark(pressed, cell));
      anchor = null;
    }
    pressed = null;
  });

  document.addEventListener("click", function (event) {
    var cell = event.target.closest(".booking-grid button.slot");
    if (!cell) { return; }
    if (dragged) { dragged = false; return; }  // the drag already chose the block
    if (selectable(cell)) { pick(cell); }
  });

  // Arrow keys move between cells (one tab stop for the whole grid); Escape drops the selection.
  function neighbour(cell, dRow, dCol) {
    var td = cell.closest("td"), tr = td.parentElement;
    var rows = Array.prototype.slice.call(tr.parentElement.children);
    var r = rows.indexOf(tr), c = Array.prototype.indexOf.call(tr.children, td);
    for (var step = 1; step < 60; step++) {
      var row = rows[r + dRow * step];
      var target = row && row.children[c + dCol * step];
      if (!row || !target) { return null; }
      var button = target.querySelector("button.slot");
      if (button) { return button; }
    }
    return null;
  }

  function focusCell(cell) {
    document.querySelectorAll(".booking-grid button.slot[tabindex='0']").forEach(function (b) { b.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
  }

  var MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  document.addEventListener("keydown", function (event) {
    var cell = event.target.closest && event.target.closest(".booking-grid button.slot");
    if (!cell) { return; }
    if (event.key === "Escape") { anchor = null; unmark(); return; }
    var move = MOVES[event.key];
    if (!move) { return; }
    event.preventDefault();
    var next = neighbour(cell, move[0], move[1]);
    if (next) { focusCell(next); }
  });

  // One tab stop into the grid: the first cell that can be picked, after every swap too (a
  // block being chosen survives panel swaps; a new grid drops it, as `anchor.isConnected` tells).
  function setTabStop() {
    var first = document.querySelector(".booking-grid button.slot:not([aria-disabled='true'])") ||
      document.querySelector(".booking-grid button.slot");
    if (first && !document.querySelector(".booking-grid button.slot[tabindex='0']")) { first.tabIndex = 0; }
  }
  document.addEventListener("DOMContentLoaded", setTabStop);
  document.addEventListener("htmx:afterSettle", setTabStop);
})();
