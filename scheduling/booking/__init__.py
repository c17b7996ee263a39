"""Booking: the rules, the locks and the booking SQL; seats taken, eligibility and the booking
window, each stated once here and used by every other room.

`services` books, cancels and transfers blocks (every rule inside one transaction), `rules` the
checks it runs, `sql` the booking path's statements, `seats` what a seat taken is, `eligibility`
who may book a program, `window` when a slot can be booked, `selectors` the open slots the API
lists, `pay` what a block pays, `idempotency` the API's Idempotency-Key, `api` the slots and
bookings endpoints.
"""
