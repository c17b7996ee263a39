"""scheduling's pages: each room's views, under the names the templates and tests use."""

from django.urls import path

from scheduling.attendance import views as attendance_views
from scheduling.availability import views as availability_views
from scheduling.coverage import control_views
from scheduling.coverage import views as coverage_views
from scheduling.exchange import views as exchange_views
from scheduling.grid import views as grid_views

app_name = "scheduling"
urlpatterns = [
    path("client/programs/", coverage_views.program_index, name="programs"),
    path("client/programs/<int:program_id>/coverage/", coverage_views.coverage, name="coverage"),
    path(
        "client/programs/<int:program_id>/coverage.csv",
        coverage_views.coverage_csv,
        name="coverage_csv",
    ),
]

# The agent's swap board and waitlist (scheduling/exchange/coverage_views.py).
urlpatterns += [
    path("agent/swaps/", exchange_views.swaps_page, name="swaps"),
    path("agent/swaps/post/<int:booking_id>/", exchange_views.swap_post, name="swap_post"),
    path("agent/swaps/<int:swap_id>/take/", exchange_views.swap_take, name="swap_take"),
    path("agent/swaps/<int:swap_id>/withdraw/", exchange_views.swap_withdraw, name="swap_withdraw"),
    path("agent/waitlist/", exchange_views.waitlist_page, name="waitlist"),
    path("agent/waitlist/join/", exchange_views.waitlist_join, name="waitlist_join"),
    path("agent/waitlist/<int:entry_id>/accept/", exchange_views.offer_accept, name="offer_accept"),
    path(
        "agent/waitlist/<int:entry_id>/decline/", exchange_views.offer_decline, name="offer_decline"
    ),
    path(
        "agent/waitlist/<int:entry_id>/leave/", exchange_views.waitlist_leave, name="waitlist_leave"
    ),
]

# Availability, My schedule and the iCal feed (scheduling/availability/coverage_views.py).
urlpatterns += [
    path("agent/availability/", availability_views.availability_page, name="availability"),
    path("agent/availability/windows/", availability_views.window_add, name="window_add"),
    path(
        "agent/availability/windows/<int:entry_id>/remove/",
        availability_views.window_remove,
        name="window_remove",
    ),
    path("agent/availability/exceptions/", availability_views.exception_add, name="exception_add"),
    path(
        "agent/availability/exceptions/<int:entry_id>/remove/",
        availability_views.exception_remove,
        name="exception_remove",
    ),
    path("agent/availability/target/", availability_views.target_set, name="target_set"),
    path("agent/schedule/", availability_views.schedule_page, name="my_schedule"),
    path(
        "agent/schedule/<int:booking_id>/cancel/",
        availability_views.schedule_cancel,
        name="schedule_cancel",
    ),
    path("agent/schedule/calendar/reset/", availability_views.ical_reset, name="ical_reset"),
    path("ical/<str:token>.ics", availability_views.ical_feed, name="ical_feed"),
]

# A program's bonuses and the organisation's agent blocks (scheduling/coverage/control_views.py).
PROGRAM = "client/programs/<int:program_id>/"
urlpatterns += [
    path(f"{PROGRAM}controls/", control_views.controls_page, name="client_controls"),
    path(f"{PROGRAM}bonuses/", control_views.bonus_add, name="bonus_add"),
    path(
        f"{PROGRAM}bonuses/<int:entry_id>/remove/",
        control_views.bonus_remove,
        name="bonus_remove",
    ),
    path(f"{PROGRAM}blocks/", control_views.block_add, name="block_add"),
    path(
        f"{PROGRAM}blocks/<int:entry_id>/remove/",
        control_views.block_remove,
        name="block_remove",
    ),
]

# The agent's day and earnings, the staff earnings export (scheduling/attendance/coverage_views.py).
urlpatterns += [
    path("agent/today/", attendance_views.today_page, name="today"),
    path("agent/today/<int:booking_id>/check-in/", attendance_views.check_in, name="check_in"),
    path("agent/today/<int:booking_id>/check-out/", attendance_views.check_out, name="check_out"),
    path("agent/earnings/", attendance_views.earnings_page, name="earnings"),
    path("agent/earnings.csv", attendance_views.earnings_csv, name="earnings_csv"),
    path("staff/earnings.csv", attendance_views.staff_earnings_csv, name="staff_earnings_csv"),
]

# The agent's booking grid (scheduling/grid/coverage_views.py).
urlpatterns += [
    path("agent/book/", grid_views.book_page, name="book"),
    path("agent/book/estimate/", grid_views.block_estimate_view, name="book_estimate"),
    path("agent/book/block/", grid_views.block_book, name="book_block"),
    path("agent/book/waitlist/", grid_views.block_waitlist, name="book_waitlist"),
    path("agent/book/<int:booking_id>/undo/", grid_views.block_undo, name="book_undo"),
]
