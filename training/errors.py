"""Why the training services refuse: each message says what happened and what to do."""

from gigcx.errors import Conflict, DomainError


class PrerequisiteMissing(DomainError):
    code = "prerequisite_missing"
    status_code = 403


class NotEnrolled(DomainError):
    code = "not_enrolled"


class AnswerNotInAttempt(DomainError):
    code = "answer_not_in_attempt"


class AlreadySubmitted(Conflict):
    code = "already_submitted"


class TimeLimitPassed(Conflict):
    code = "time_limit_passed"


class CoolingDown(Conflict):
    code = "cooling_down"


class AttemptsExhausted(Conflict):
    code = "attempts_exhausted"


class AlreadyPassed(Conflict):
    code = "already_passed"


class AlreadyRevoked(Conflict):
    code = "already_revoked"
