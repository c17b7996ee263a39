"""The daily-metric import (CSV or the API's JSON rows).

`rows` parses one row, `services` checks every row first and then writes (`metrics_import`),
`store` upserts a batch: COPY and a merge on PostgreSQL, the ORM elsewhere.
"""
