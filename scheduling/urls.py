from django.urls import path

from scheduling import exchange_views, grid_views, views

app_name = "scheduling"
urlpatterns = [
    path("client/programs/", views.program_index, name="programs"),
    path("client/programs/<int:program_id>/coverage/", views.coverage, name="coverage"),
    path("client/programs/<int:program_id>/coverage.csv", views.coverage_csv, name="coverage_csv"),
]

# The agent's swap board and waitlist (scheduling/exchange_views.py).
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

# The agent's booking grid (scheduling/grid_views.py).
urlpatterns += [
    path("agent/book/", grid_views.book_page, name="book"),
    path("agent/book/estimate/", grid_views.block_estimate_view, name="book_estimate"),
    path("agent/book/block/", grid_views.block_book, name="book_block"),
    path("agent/book/waitlist/", grid_views.block_waitlist, name="book_waitlist"),
    path("agent/book/<int:booking_id>/undo/", grid_views.block_undo, name="book_undo"),
]
