"""Staff pages outside the admin: the sourcing dashboard and the applicant import's report.

`views` the pages, `urls` their routes (under /staff/, namespace `agents_staff`).
"""
