"""The applicant import from CSV.

`services` reads and checks the file and writes it in batches (`applicants_import`), `rows`
parses one row, `store` upserts a batch: COPY and INSERT … ON CONFLICT on PostgreSQL, the ORM
elsewhere.
"""
