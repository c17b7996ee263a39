"""Exchange: the waitlist with its hold offers, and the swap board.

`waitlist` (join, offer, accept, decline, the offers sweep) and `swaps` (post, take, withdraw) are
the writes; `selectors` what an agent sees of both; `views`, `forms` and `api` the pages and
endpoints.
"""
