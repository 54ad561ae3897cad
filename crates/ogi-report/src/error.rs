//! Errors: every error is data with a location, never a bare string.

/// A report that does not fit the schema, with the JSON path of the fault.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[error("{}{message}", at(.path))]
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

/// Where a schema error is, as its message begins.
fn at(path: &str) -> String {
    if path.is_empty() {
        "at the top level: ".to_string()
    } else {
        format!("at {path}: ")
    }
}

/// Any error the library returns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Error {
    /// The input is not well-formed JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed JSON that does not fit the report schema.
    #[error("report does not fit the schema {0}")]
    Schema(#[from] SchemaError),
    /// Input that cannot be read as a report at all (not text, unknown encoding…).
    #[error("cannot parse at line {line}, column {column}: {message}")]
    Parse {
        /// 1-based line of the fault (0 when not tied to a line).
        line: usize,
        /// 1-based column of the fault (0 when not tied to a column).
        column: usize,
        /// What is wrong.
        message: String,
    },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place_and_a_schema_error_is_the_source() {
        let top = Error::from(SchemaError::new("", "not an object"));
        assert_eq!(
            top.to_string(),
            "report does not fit the schema at the top level: not an object"
        );
        let source = std::error::Error::source(&top).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("at the top level: not an object"));
        let cell = SchemaError::new("t3.new_received.total", "not a number");
        assert_eq!(cell.to_string(), "at t3.new_received.total: not a number");
        let parse = Error::Parse {
            line: 27,
            column: 2,
            message: "not text".into(),
        };
        assert_eq!(
            parse.to_string(),
            "cannot parse at line 27, column 2: not text"
        );
        let json = Error::from(serde_json::from_str::<serde_json::Value>("{").unwrap_err());
        assert!(
            json.to_string()
                .starts_with("invalid JSON at line 1, column 1: "),
            "{json}"
        );
    }
}
