//! Where a byte offset falls in a JSON document, as a path (`sections[0].title`).
//!
//! serde_json reports the line and column where reading stopped; this turns that position
//! into the path of the value being read there, by one pass over the bytes before it. It
//! replaces a path-tracking deserializer, which wrapped every type the reader visits and
//! so doubled the reading code (and the WebAssembly module) for the sake of error text.

/// A container open at the offset.
enum Frame {
    /// An object and the key whose value is being read (none between `{`/`,` and a key).
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// An array and the index of the element being read.
    Array { index: usize },
}

/// The byte offset just after what serde_json had read when it stopped at `line` (from 1)
/// and `column` (the bytes read on that line).
pub(crate) fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let mut start = Some(0);
    if line > 1 {
        start = json
            .bytes()
            .enumerate()
            .filter(|&(_, byte)| byte == b'\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1);
    }
    start.map_or(json.len(), |start| (start + column).min(json.len()))
}

/// Where to look for the path of an error that serde_json placed at `offset`.
///
/// An error raised by the code reading a value (a date that does not exist, a value
/// checked once read) is placed where serde_json next stands, and when that value was the
/// last of its object or array, that is after the closing bracket: step back inside it.
/// A missing field is reported on the object itself, after its `}`, and stays there.
pub(crate) fn error_offset(json: &str, offset: usize, raised_after_value: bool) -> usize {
    let before = json.get(..offset).unwrap_or(json).trim_end();
    if raised_after_value && (before.ends_with('}') || before.ends_with(']')) {
        before.len() - 1
    } else {
        offset
    }
}

/// The path of the value being read at byte `offset`: keys joined by `.`, array indices
/// in brackets, the root as the empty string. A key is written as the document spells it
/// once its escapes are decoded.
pub(crate) fn path_at(json: &str, offset: usize) -> String {
    let bytes = json.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let Some(&byte) = bytes.get(i) else { break };
        match byte {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                while let Some(&b) = bytes.get(j) {
                    match b {
                        b'\\' => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                    escaped |= b == b'\\';
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        let raw = json.get(start..j.min(json.len())).unwrap_or("");
                        *key = Some(if escaped {
                            serde_json::from_str::<String>(json.get(i..=j).unwrap_or(""))
                                .unwrap_or_else(|_| raw.to_owned())
                        } else {
                            raw.to_owned()
                        });
                        *expect_key = false;
                    }
                }
                i = j + 1;
                continue;
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    // Stopped just after an array opened (a wrong type where the array is): the array.
    if end > 0 && bytes.get(end - 1) == Some(&b'[') {
        stack.pop();
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => break,
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_by_offset() {
        let json = r#"{"a": {"b": [10, {"c": 1}, "x"]}, "d\u00e9": 2}"#;
        let at = |needle: &str| path_at(json, json.find(needle).unwrap() + needle.len());
        assert_eq!(path_at(json, 0), "");
        assert_eq!(at(r#"{"a""#), "a");
        assert_eq!(at("[10"), "a.b[0]");
        assert_eq!(at(r#""c": 1"#), "a.b[1].c");
        // The element's object has closed: the path is the element's.
        assert_eq!(at(r#""c": 1}"#), "a.b[1]");
        assert_eq!(at(r#""x""#), "a.b[2]");
        assert_eq!(at(r#""x"]}"#), "a");
        assert_eq!(at(r#""d\u00e9": 2"#), "dé");
        // A wrong type where an array is: the array's place, not its first element.
        assert_eq!(at(r#""b": ["#), "a.b");
        // Between a comma and the next key: the object itself.
        assert_eq!(at(r#""x"]},"#), "");
    }

    #[test]
    fn errors_after_a_closing_bracket_step_back_inside() {
        let json = r#"{"a": {"when": "2026-02-30"} }"#;
        let end = json.len() - 2; // after the inner `}`
        assert_eq!(path_at(json, error_offset(json, end, true)), "a.when");
        assert_eq!(path_at(json, error_offset(json, end, false)), "a");
        let json = r#"{"dates": ["2026-01-01", "2026-02-30"]}"#;
        let end = json.len() - 1; // after the `]`
        assert_eq!(path_at(json, error_offset(json, end, true)), "dates[1]");
    }

    #[test]
    fn offsets_count_bytes_per_line() {
        let json = "{\n  \"é\": 1,\n  \"b\": true\n}";
        assert_eq!(offset_of(json, 1, 1), 1);
        assert_eq!(offset_of(json, 2, 3), 5);
        assert_eq!(offset_of(json, 3, 5), json.find("b\"").unwrap() + 2);
        assert_eq!(offset_of(json, 9, 9), json.len());
    }
}
