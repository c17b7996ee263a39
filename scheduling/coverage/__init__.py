"""Client coverage: required vs booked per interval, charts and the heat map, and the client's
controls (bonuses for a period, blocks on agents).

`selectors` the coverage week and summaries, `charts` the SVG chart, `services` the controls'
writes, `views`, `control_views`, `forms` and `api` the pages and endpoints.
"""
