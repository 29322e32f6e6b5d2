"""One error shape for the whole JSON API: {"error": {"code", "message", "field", "problems": [...]}}."""

from __future__ import annotations

from ninja import Schema

from tipline.intake.submissions import Problem


class ProblemOut(Schema):
    field: str
    code: str
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    problems: list[ProblemOut] = []


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.problems = problems or []

    def body(self) -> dict[str, object]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "field": self.field,
                "problems": [{"field": p.field, "code": p.code, "message": p.message} for p in self.problems],
            }
        }


def problems_error(problems: list[Problem]) -> ApiError:
    first = problems[0]
    return ApiError(422, "invalid", first.message, first.field, problems)
