//! The argument string of `rpyo_object_new`: pyo's call syntax without the
//! parentheses, e.g. `440, mul=0.5` or `freq=[220, 330], phase=0.25`.

use crate::error::{Error, Result};

/// One argument value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Bool(bool),
    None,
    Str(String),
    List(Vec<Value>),
    /// `@N`: the object whose handle id (`rpyo_object.id`) is N.
    Object(u64),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            Value::None => "None",
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Object(_) => "object",
        }
    }
}

/// Parsed arguments: positional ones in order, then keywords.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(String, Value)>,
}

/// Parses an argument string. Errors give the column (1-based).
pub fn parse(text: &str) -> Result<Args> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let mut args = Args::default();
    p.skip_ws();
    if p.at_end() {
        return Ok(args);
    }
    loop {
        p.skip_ws();
        let start = p.i;
        // keyword?
        if let Some(name) = p.identifier() {
            p.skip_ws();
            if p.peek() == Some(b'=') {
                p.i += 1;
                let v = p.value()?;
                if args.keywords.iter().any(|(k, _)| *k == name) {
                    return Err(p.error_at(start, &format!("keyword '{name}' given twice")));
                }
                args.keywords.push((name, v));
            } else {
                p.i = start;
                let v = p.value()?;
                if !args.keywords.is_empty() {
                    return Err(p.error_at(start, "positional argument after a keyword argument"));
                }
                args.positional.push(v);
            }
        } else {
            let v = p.value()?;
            if !args.keywords.is_empty() {
                return Err(p.error_at(start, "positional argument after a keyword argument"));
            }
            args.positional.push(v);
        }
        p.skip_ws();
        match p.peek() {
            None => break,
            Some(b',') => {
                p.i += 1;
                p.skip_ws();
                if p.at_end() {
                    break; // trailing comma, as Python allows
                }
            }
            Some(c) => return Err(p.error_at(p.i, &format!("expected ',' but found '{}'", c as char))),
        }
    }
    Ok(args)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }
    fn error_at(&self, at: usize, msg: &str) -> Error {
        Error::invalid(format!("args, column {}: {msg}", at + 1))
    }
    fn identifier(&mut self) -> Option<String> {
        let start = self.i;
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {}
            _ => return None,
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_') {
            self.i += 1;
        }
        Some(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    fn value(&mut self) -> Result<Value> {
        self.skip_ws();
        let start = self.i;
        match self.peek() {
            None => Err(self.error_at(self.i, "expected a value")),
            Some(b'[') | Some(b'(') => {
                let close = if self.peek() == Some(b'[') { b']' } else { b')' };
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.peek() == Some(close) {
                        self.i += 1;
                        break;
                    }
                    items.push(self.value()?);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(c) if c == close => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.error_at(self.i, &format!("expected ',' or '{}'", close as char))),
                    }
                }
                Ok(Value::List(items))
            }
            Some(q @ (b'"' | b'\'')) => {
                self.i += 1;
                let s0 = self.i;
                while let Some(c) = self.peek() {
                    if c == q {
                        let text = String::from_utf8_lossy(&self.s[s0..self.i]).into_owned();
                        self.i += 1;
                        return Ok(Value::Str(text));
                    }
                    self.i += 1;
                }
                Err(self.error_at(start, "unterminated string"))
            }
            Some(b'@') => {
                self.i += 1;
                let s0 = self.i;
                while matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[s0..self.i]).unwrap_or("");
                text.parse::<u64>()
                    .map(Value::Object)
                    .map_err(|_| self.error_at(start, "expected an object handle id after '@' (e.g. @4295032833)"))
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let id = self.identifier().unwrap_or_default();
                match id.as_str() {
                    "True" => Ok(Value::Bool(true)),
                    "False" => Ok(Value::Bool(false)),
                    "None" => Ok(Value::None),
                    _ => Err(self.error_at(
                        start,
                        &format!("unknown name '{id}' (expected a number, list, string, True, False or None)"),
                    )),
                }
            }
            Some(_) => {
                while matches!(self.peek(), Some(c) if c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E'))
                {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                match text.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(Value::Number(v)),
                    Ok(_) => Err(self.error_at(start, &format!("'{text}' is not a finite number"))),
                    Err(_) if text.is_empty() => Err(self
                        .error_at(start, &format!("unexpected '{}'", self.peek().map(|c| c as char).unwrap_or(' ')))),
                    Err(_) => Err(self.error_at(start, &format!("'{text}' is not a number"))),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_keywords_lists() {
        let a = parse(" 440, 0.25 , mul=[0.2, -0.4], add=(0,-5e-2), name='x', flag=True").unwrap();
        assert_eq!(a.positional, vec![Value::Number(440.0), Value::Number(0.25)]);
        assert_eq!(a.keywords[0], ("mul".into(), Value::List(vec![Value::Number(0.2), Value::Number(-0.4)])));
        assert_eq!(a.keywords[1].1, Value::List(vec![Value::Number(0.0), Value::Number(-0.05)]));
        assert_eq!(a.keywords[2].1, Value::Str("x".into()));
        assert_eq!(a.keywords[3].1, Value::Bool(true));
        assert_eq!(parse("").unwrap(), Args::default());
        assert_eq!(parse("1,").unwrap().positional.len(), 1);
        assert_eq!(parse("@42, [@1, 2]").unwrap().positional[0], Value::Object(42));
    }

    #[test]
    fn errors_say_where() {
        for (text, col) in
            [("freq=", 6), ("mul=0.5, 3", 10), ("1 2", 3), ("[1, 2", 6), ("x=nan", 3), ("f=1, f=2", 6), ("@x", 1)]
        {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(&format!("column {col}")), "{text}: {}", e.message);
        }
    }
}
