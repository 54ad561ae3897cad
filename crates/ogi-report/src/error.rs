//! Errors: every error is data with a location, never a bare string.

use std::fmt;

/// A report that does not fit the schema, with the JSON path of the fault.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SchemaError {
    /// Dotted JSON path of the offending value (`t3.new_received.total`); empty for the root.
    pub path: String,
    /// What is wrong, in English.
    pub message: String,
}

impl SchemaError {
    /// A schema error at `path`.
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        SchemaError {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "at the top level: {}", self.message)
        } else {
            write!(f, "at {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for SchemaError {}

/// Any error the library returns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Error {
    /// The input is not well-formed JSON.
    Json {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed JSON that does not fit the report schema.
    Schema(SchemaError),
    /// Input that cannot be read as a report at all (not text, unknown encoding…).
    Parse {
        /// 1-based line of the fault (0 when not tied to a line).
        line: usize,
        /// 1-based column of the fault (0 when not tied to a column).
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json {
                line,
                column,
                message,
            } => write!(f, "invalid JSON at line {line}, column {column}: {message}"),
            Error::Schema(e) => write!(f, "report does not fit the schema {e}"),
            Error::Parse {
                line,
                column,
                message,
            } => write!(f, "cannot parse at line {line}, column {column}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<SchemaError> for Error {
    fn from(e: SchemaError) -> Self {
        Error::Schema(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }
}
