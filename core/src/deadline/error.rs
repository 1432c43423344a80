//! Why a phrase was refused, and where in it: the engine's own error, turned into a
//! [`crate::Error`] at the module's public boundary.

/// The engine's reason codes are [`ErrorCode`](crate::ErrorCode)s of kind `deadline` (plus
/// `empty` for a blank phrase); the alias keeps the engine's `Code::NoDate` spelling.
pub(crate) use crate::error::ErrorCode as DeadlineErrorCode;

/// A refused phrase inside the engine: the code, a message that says why, and the byte
/// span of the offending part of the phrase when there is one. It becomes a
/// [`crate::Error`] (with the phrase) through [`DeadlineError::into_error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeadlineError {
    code: DeadlineErrorCode,
    message: String,
    span: Option<(usize, usize)>,
}

impl DeadlineError {
    pub(crate) fn new(code: DeadlineErrorCode, message: impl Into<String>) -> Self {
        DeadlineError {
            code,
            message: message.into(),
            span: None,
        }
    }

    pub(crate) fn at(
        code: DeadlineErrorCode,
        span: (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        DeadlineError {
            code,
            message: message.into(),
            span: Some(span),
        }
    }

    /// The same error, pointing at `span` if it points nowhere yet.
    pub(crate) fn or_span(mut self, span: (usize, usize)) -> Self {
        self.span.get_or_insert(span);
        self
    }

    /// The byte span at fault, if known.
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.span
    }

    /// The stable reason code.
    pub(crate) fn code(&self) -> DeadlineErrorCode {
        self.code
    }

    /// The public error for this refusal of `phrase`: code, bare message, span and phrase,
    /// with no location yet.
    pub(crate) fn into_error(self, phrase: &str) -> crate::Error {
        crate::Error::deadline(self.code, phrase, self.span, self.message)
    }
}

impl DeadlineError {
    /// The public error for this refusal of `expression`, found inside `text`: the span
    /// counts in `text`, and the message names the expression.
    pub(crate) fn into_error_in(self, text: &str, expression: &str) -> crate::Error {
        let message = format!("in {expression:?}: {}", self.message);
        crate::Error::deadline(self.code, text, self.span, message)
    }
}
