"""The agent's booking grid: one program's week as days × 30-minute rows.

`selectors.open_week` reads the week (a constant number of queries), `covering` counts per slot in
one sweep, `picker` the program picker's counts, `layout` the pure day/row layout, `cells` the
cells' HTML, `page` the page's context, `views` and `forms` the page and its htmx posts.
"""
