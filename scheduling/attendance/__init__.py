"""Attendance: check-in and check-out, no-shows and lapsed releases, reminders, and earnings.

`services` checks in and out and runs the attendance sweep; `selectors` minutes worked, adherence
and reliability and today's blocks; `reminders` the 24 h and 1 h reminders; `earnings` the weekly
statement and its CSV.
"""
