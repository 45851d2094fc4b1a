//! Field errors with the app's wording, shared by every stage of the intake.

use efa_domain::messages::{ErrorCode, FieldError, Lang, message};

use crate::problem::FieldProblem;

/// A field error with the app's German text and the English one.
pub fn field_problem(path: &str, code: ErrorCode) -> FieldProblem {
    FieldProblem {
        path: path.to_owned(),
        code: code.as_str().to_owned(),
        message: message(code, Lang::De).to_owned(),
        message_en: message(code, Lang::En).to_owned(),
    }
}

/// A shape error (unknown field, wrong type, …): only hand-made or hostile bodies have them.
pub(super) fn api_problem(path: &str, code: ErrorCode) -> FieldProblem {
    field_problem(path, code)
}

pub(super) fn from_domain(errors: Vec<FieldError>) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|e| field_problem(&e.path, e.code))
        .collect()
}
