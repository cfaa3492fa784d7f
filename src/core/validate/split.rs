//! Where each member of an export's root object lies in the text, and each element of its
//! arrays, found without parsing them: a large export is then parsed element by element, a
//! slice of work at a time, and a browser never spends one long task on the whole file.
//!
//! The scan only follows strings and brackets. Whatever it does not expect (a root that is not
//! an object, a missing comma, very deep nesting) makes it give up, and the caller parses the
//! whole text at once instead, which reports the syntax error with its line and column.

use std::ops::Range;

/// The root object's members, in the order of the text.
#[derive(Debug, Default)]
pub struct Outline {
    pub members: Vec<(Range<usize>, Member)>,
}

/// Where one member's value lies: the ranges of an array's elements, or the whole value.
#[derive(Debug)]
pub enum Member {
    Array(Vec<Range<usize>>),
    Value(Range<usize>),
}

/// Beyond this nesting the scan gives up: serde_json refuses 128 levels, and a whole-text
/// parse says so in its own words.
const MAX_DEPTH: usize = 100;

/// A scan in progress; `advance` moves it on by at least one element.
pub struct Splitter {
    at: usize,
    stage: Stage,
    outline: Outline,
}

enum Stage {
    Start,
    /// Before a key (`first`: right after `{`, where `}` may come).
    Key {
        first: bool,
    },
    /// In an array: its key, and its elements so far.
    Elements {
        key: Range<usize>,
        elements: Vec<Range<usize>>,
    },
    /// After a member's value: `,` or `}`.
    Next,
    End,
}

impl Splitter {
    pub fn new() -> Splitter {
        Splitter { at: 0, stage: Stage::Start, outline: Outline::default() }
    }

    /// Scans on, about `bytes` bytes' worth. `Some(Ok(..))` once the text is outlined, `Some(Err(()))`
    /// when the scan gives up.
    pub fn advance(&mut self, text: &str, bytes: usize) -> Option<Result<Outline, ()>> {
        let b = text.as_bytes();
        let stop = self.at.saturating_add(bytes);
        while self.at < stop || matches!(self.stage, Stage::End) {
            match self.step(b) {
                Ok(true) => return Some(Ok(std::mem::take(&mut self.outline))),
                Ok(false) => {}
                Err(()) => return Some(Err(())),
            }
        }
        None
    }

    /// One element, one member or one punctuation; `Ok(true)` when the whole text is scanned.
    fn step(&mut self, b: &[u8]) -> Result<bool, ()> {
        self.at = skip_space(b, self.at);
        let next = b.get(self.at).copied();
        match &mut self.stage {
            Stage::Start => {
                expect(next, b'{')?;
                self.at += 1;
                self.stage = Stage::Key { first: true };
            }
            Stage::Key { first } => {
                if *first && next == Some(b'}') {
                    self.at += 1;
                    self.stage = Stage::End;
                    return Ok(false);
                }
                expect(next, b'"')?;
                let key = self.at..skip_string(b, self.at)?;
                self.at = skip_space(b, key.end);
                expect(b.get(self.at).copied(), b':')?;
                self.at = skip_space(b, self.at + 1);
                if b.get(self.at) == Some(&b'[') {
                    self.at += 1;
                    self.stage = Stage::Elements { key, elements: Vec::new() };
                } else {
                    let value = self.at..skip_value(b, self.at)?;
                    self.at = value.end;
                    self.outline.members.push((key, Member::Value(value)));
                    self.stage = Stage::Next;
                }
            }
            Stage::Elements { key, elements } => {
                if elements.is_empty() && next == Some(b']') {
                    self.at += 1;
                    self.outline.members.push((key.clone(), Member::Array(Vec::new())));
                    self.stage = Stage::Next;
                    return Ok(false);
                }
                let element = self.at..skip_value(b, self.at)?;
                self.at = skip_space(b, element.end);
                elements.push(element);
                match b.get(self.at) {
                    Some(b',') => self.at += 1,
                    Some(b']') => {
                        self.at += 1;
                        let member = Member::Array(std::mem::take(elements));
                        self.outline.members.push((key.clone(), member));
                        self.stage = Stage::Next;
                    }
                    _ => return Err(()),
                }
            }
            Stage::Next => {
                self.at += 1;
                match next {
                    Some(b',') => self.stage = Stage::Key { first: false },
                    Some(b'}') => self.stage = Stage::End,
                    _ => return Err(()),
                }
            }
            Stage::End => return if next.is_none() { Ok(true) } else { Err(()) },
        }
        Ok(false)
    }
}

fn expect(found: Option<u8>, wanted: u8) -> Result<(), ()> {
    if found == Some(wanted) {
        Ok(())
    } else {
        Err(())
    }
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end of the string starting at `at` (on its opening quote), past its closing quote.
fn skip_string(b: &[u8], mut at: usize) -> Result<usize, ()> {
    at += 1;
    loop {
        match b.get(at) {
            Some(b'"') => return Ok(at + 1),
            Some(b'\\') => at += 2,
            Some(_) => at += 1,
            None => return Err(()),
        }
    }
}

/// The end of the value starting at `at`: a string, an object or array (brackets followed,
/// strings skipped), or a bare word or number (up to the next delimiter).
fn skip_value(b: &[u8], mut at: usize) -> Result<usize, ()> {
    match b.get(at) {
        Some(b'"') => skip_string(b, at),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            loop {
                match b.get(at) {
                    Some(b'"') => {
                        at = skip_string(b, at)?;
                        continue;
                    }
                    Some(b'{' | b'[') => {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(());
                        }
                    }
                    Some(b'}' | b']') => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(at + 1);
                        }
                    }
                    Some(_) => {}
                    None => return Err(()),
                }
                at += 1;
            }
        }
        Some(_) => {
            let start = at;
            while !matches!(b.get(at), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                at += 1;
            }
            if at == start {
                Err(())
            } else {
                Ok(at)
            }
        }
        None => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Result<Vec<(String, Vec<String>)>, ()> {
        let mut splitter = Splitter::new();
        let outline = loop {
            // A few bytes at a time: the scan resumes anywhere.
            if let Some(result) = splitter.advance(text, 3) {
                break result?;
            }
        };
        Ok(outline
            .members
            .into_iter()
            .map(|(key, member)| {
                let parts = match member {
                    Member::Array(elements) => elements.into_iter().map(|r| text[r].to_string()).collect(),
                    Member::Value(r) => vec![format!("={}", &text[r])],
                };
                (text[key].to_string(), parts)
            })
            .collect())
    }

    #[test]
    fn members_and_elements_are_found_with_strings_and_nesting_followed() {
        let text = r#" { "a" : [ {"x": "]}\"," , "y": [1, {"z": []}]}, 2 ,"s"] ,
            "b":"t\\" , "c": {"d": [1]}, "e": [], "f": -1.5e3 } "#;
        let found = outline(text).unwrap();
        assert_eq!(
            found,
            vec![
                ("\"a\"".into(), vec![r#"{"x": "]}\"," , "y": [1, {"z": []}]}"#.into(), "2".into(), "\"s\"".into()]),
                ("\"b\"".into(), vec![r#"="t\\""#.into()]),
                ("\"c\"".into(), vec![r#"={"d": [1]}"#.into()]),
                ("\"e\"".into(), vec![]),
                ("\"f\"".into(), vec!["=-1.5e3".into()]),
            ]
        );
        assert_eq!(outline("{}").unwrap(), vec![]);
    }

    #[test]
    fn what_it_does_not_expect_makes_it_give_up() {
        for text in [
            "[1, 2]",
            "{\"a\": [1 2]}",
            "{\"a\": [1,]}",
            "{\"a\": [,1]}",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "{\"a\": 1} x",
            "{\"a\": \"open",
            "{\"a\": [1, 2",
            "",
            "\u{feff}{}",
        ] {
            assert_eq!(outline(text), Err(()), "{text}");
        }
        let deep = format!("{{\"a\": [{}{}]}}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(outline(&deep), Err(()));
    }
}
