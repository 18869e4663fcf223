//! Python's tokens, as far as pyo scripts need them: names, numbers,
//! strings, operators, and the NEWLINE / INDENT / DEDENT structure of
//! lines (brackets and backslashes continue a line).

use super::{Pos, ScriptError, ScriptResult};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    Int(i64),
    Float(f64),
    Str(String),
    /// An operator or delimiter, e.g. "+", "**=", "(", ":".
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

/// Longest first, so that "**=" wins over "**" and "*".
const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
    "^=", "@=", "->", "<<", ">>", ":=", "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",",
    ":", ".", ";", "&", "|", "^", "~",
];

/// Splits `src` into tokens, ending with NEWLINE (if the last line has
/// content), the DEDENTs that close open blocks, and EOF.
pub fn tokenize(src: &str) -> ScriptResult<Vec<Token>> {
    Lexer { chars: src.chars().collect(), i: 0, line: 1, col: 1, out: Vec::new(), indents: vec![0], depth: Vec::new() }
        .run()
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: u32,
    col: u32,
    out: Vec<Token>,
    /// Indentation widths of the open blocks.
    indents: Vec<u32>,
    /// Open brackets and where they opened.
    depth: Vec<(char, Pos)>,
}

impl Lexer {
    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn push(&mut self, tok: Tok, pos: Pos) {
        self.out.push(Token { tok, pos });
    }

    fn run(mut self) -> ScriptResult<Vec<Token>> {
        let mut at_line_start = true;
        loop {
            if at_line_start && self.depth.is_empty() {
                at_line_start = false;
                if !self.indentation()? {
                    continue;
                }
            }
            let Some(c) = self.peek(0) else { break };
            let pos = self.pos();
            match c {
                ' ' | '\t' | '\x0c' | '\r' => {
                    self.bump();
                }
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                '\\' if self.peek(1) == Some('\n') || (self.peek(1) == Some('\r') && self.peek(2) == Some('\n')) => {
                    self.bump();
                    while self.peek(0) != Some('\n') {
                        self.bump();
                    }
                    self.bump();
                }
                '\\' => return Err(ScriptError::new(pos, "a backslash continues a line only at the end of it")),
                '\n' => {
                    self.bump();
                    if self.depth.is_empty() {
                        if self.out.last().is_some_and(|t| t.tok != Tok::Newline) {
                            self.push(Tok::Newline, pos);
                        }
                        at_line_start = true;
                    }
                }
                c if c.is_ascii_digit() || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) => {
                    self.number()?
                }
                c if c.is_alphabetic() || c == '_' => {
                    let mut name = String::new();
                    while let Some(c) = self.peek(0).filter(|c| c.is_alphanumeric() || *c == '_') {
                        name.push(c);
                        self.bump();
                    }
                    if matches!(self.peek(0), Some('\'' | '"')) {
                        self.string(pos, &name)?;
                    } else {
                        self.push(Tok::Name(name), pos);
                    }
                }
                '\'' | '"' => self.string(pos, "")?,
                _ => self.operator(pos)?,
            }
        }
        if let Some((open, at)) = self.depth.last() {
            return Err(ScriptError::new(*at, format!("'{open}' is never closed")));
        }
        let end = self.pos();
        if self.out.last().is_some_and(|t| t.tok != Tok::Newline) {
            self.push(Tok::Newline, end);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, end);
        }
        self.push(Tok::Eof, end);
        Ok(self.out)
    }

    /// Measures the indentation of a new line and emits INDENT/DEDENT. Returns
    /// false for a blank or comment-only line (consumed, no tokens).
    fn indentation(&mut self) -> ScriptResult<bool> {
        let mut width = 0u32;
        loop {
            match self.peek(0) {
                Some(' ') => width += 1,
                Some('\t') => width = (width / 8 + 1) * 8,
                Some('\x0c' | '\r') => {}
                _ => break,
            }
            self.bump();
        }
        match self.peek(0) {
            None => return Ok(true),
            Some('\n') => {
                self.bump();
                return Ok(false);
            }
            Some('#') => {
                while self.peek(0).is_some_and(|c| c != '\n') {
                    self.bump();
                }
                self.bump();
                return Ok(false);
            }
            _ => {}
        }
        let pos = self.pos();
        let current = *self.indents.last().unwrap_or(&0);
        if width > current {
            self.indents.push(width);
            self.push(Tok::Indent, pos);
        } else {
            while width < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
                self.push(Tok::Dedent, pos);
            }
            if width != *self.indents.last().unwrap_or(&0) {
                return Err(ScriptError::new(pos, "this line's indentation matches no outer block"));
            }
        }
        Ok(true)
    }

    fn number(&mut self) -> ScriptResult<()> {
        let pos = self.pos();
        let mut text = String::new();
        if self.peek(0) == Some('0') && matches!(self.peek(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B')) {
            self.bump();
            let radix = match self.bump() {
                Some('x' | 'X') => 16,
                Some('o' | 'O') => 8,
                _ => 2,
            };
            while let Some(c) = self.peek(0).filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
                if c != '_' {
                    text.push(c);
                }
                self.bump();
            }
            let v = i64::from_str_radix(&text, radix)
                .map_err(|_| ScriptError::new(pos, format!("'{text}' is not a base-{radix} integer")))?;
            self.push(Tok::Int(v), pos);
            return Ok(());
        }
        let mut is_float = false;
        let digits = |lx: &mut Lexer, text: &mut String| {
            while let Some(c) = lx.peek(0).filter(|c| c.is_ascii_digit() || *c == '_') {
                if c != '_' {
                    text.push(c);
                }
                lx.bump();
            }
        };
        digits(self, &mut text);
        if self.peek(0) == Some('.') {
            is_float = true;
            text.push('.');
            self.bump();
            digits(self, &mut text);
        }
        if matches!(self.peek(0), Some('e' | 'E'))
            && (self.peek(1).is_some_and(|c| c.is_ascii_digit())
                || (matches!(self.peek(1), Some('+' | '-')) && self.peek(2).is_some_and(|c| c.is_ascii_digit())))
        {
            is_float = true;
            text.push('e');
            self.bump();
            if let Some(sign @ ('+' | '-')) = self.peek(0) {
                text.push(sign);
                self.bump();
            }
            digits(self, &mut text);
        }
        if matches!(self.peek(0), Some('j' | 'J')) {
            return Err(ScriptError::new(pos, "complex numbers are not supported"));
        }
        if self.peek(0).is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return Err(ScriptError::new(pos, format!("a number cannot run into a name ('{text}' then a letter)")));
        }
        if is_float {
            let v: f64 = text.parse().map_err(|_| ScriptError::new(pos, format!("'{text}' is not a number")))?;
            self.push(Tok::Float(v), pos);
        } else {
            match text.parse::<i64>() {
                Ok(v) => self.push(Tok::Int(v), pos),
                // Python's integers are unbounded; beyond i64 a float keeps the magnitude.
                Err(_) => self.push(Tok::Float(text.parse().unwrap_or(f64::INFINITY)), pos),
            }
        }
        Ok(())
    }

    fn string(&mut self, pos: Pos, prefix: &str) -> ScriptResult<()> {
        let p = prefix.to_ascii_lowercase();
        let raw = p.contains('r');
        if p.contains('f') {
            return Err(ScriptError::new(pos, "f-strings are not supported: build the string with + and str()"));
        }
        if !p.chars().all(|c| matches!(c, 'r' | 'u' | 'b')) || p.len() > 2 {
            return Err(ScriptError::new(pos, format!("unknown string prefix '{prefix}'")));
        }
        let quote = self.bump().unwrap_or('"');
        let triple = self.peek(0) == Some(quote) && self.peek(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        let mut s = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                return Err(ScriptError::new(pos, "this string is never closed"));
            };
            if c == quote {
                if !triple {
                    self.bump();
                    break;
                }
                if self.peek(1) == Some(quote) && self.peek(2) == Some(quote) {
                    self.bump();
                    self.bump();
                    self.bump();
                    break;
                }
            }
            if c == '\n' && !triple {
                return Err(ScriptError::new(pos, "this string is never closed on its line"));
            }
            self.bump();
            if c == '\\' {
                let Some(e) = self.bump() else { continue };
                if raw {
                    s.push('\\');
                    s.push(e);
                    continue;
                }
                match e {
                    '\n' => {}
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    '0' => s.push('\0'),
                    '\\' | '\'' | '"' => s.push(e),
                    'x' => {
                        let h: String = (0..2).filter_map(|_| self.bump()).collect();
                        let v = u32::from_str_radix(&h, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| ScriptError::new(self.pos(), format!("bad escape '\\x{h}'")))?;
                        s.push(v);
                    }
                    other => {
                        s.push('\\');
                        s.push(other);
                    }
                }
            } else {
                s.push(c);
            }
        }
        self.push(Tok::Str(s), pos);
        Ok(())
    }

    fn operator(&mut self, pos: Pos) -> ScriptResult<()> {
        let Some(op) = OPS.iter().find(|op| op.chars().enumerate().all(|(k, c)| self.peek(k) == Some(c))) else {
            let c = self.peek(0).unwrap_or(' ');
            return Err(ScriptError::new(pos, format!("unexpected character '{c}'")));
        };
        for _ in 0..op.len() {
            self.bump();
        }
        match *op {
            "(" | "[" | "{" => self.depth.push((op.chars().next().unwrap_or('('), pos)),
            ")" | "]" | "}" => {
                let want = match *op {
                    ")" => '(',
                    "]" => '[',
                    _ => '{',
                };
                match self.depth.pop() {
                    Some((open, _)) if open == want => {}
                    Some((open, at)) => {
                        return Err(ScriptError::new(pos, format!("'{op}' does not close the '{open}' opened at {at}")))
                    }
                    None => return Err(ScriptError::new(pos, format!("'{op}' closes nothing"))),
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), pos);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn statements_blocks_and_continuations() {
        let t = toks("a = Sine(440,\n  mul=.3)  # c\nfor i in x:\n    b += 1e3\n\n# only\nc = 1 + \\\n 2\n");
        use Tok::*;
        let n = |s: &str| Name(s.into());
        assert_eq!(
            t,
            vec![
                n("a"),
                Op("="),
                n("Sine"),
                Op("("),
                Int(440),
                Op(","),
                n("mul"),
                Op("="),
                Float(0.3),
                Op(")"),
                Newline,
                n("for"),
                n("i"),
                n("in"),
                n("x"),
                Op(":"),
                Newline,
                Indent,
                n("b"),
                Op("+="),
                Float(1000.0),
                Newline,
                Dedent,
                n("c"),
                Op("="),
                Int(1),
                Op("+"),
                Int(2),
                Newline,
                Eof
            ]
        );
    }

    #[test]
    fn strings_and_numbers() {
        assert_eq!(toks("'a\\tb' r\"x\\n\" '''l\nm''' 0x1F 1_000 2.5e-3 7.")[..6].to_vec(), {
            use Tok::*;
            vec![Str("a\tb".into()), Str("x\\n".into()), Str("l\nm".into()), Int(31), Int(1000), Float(0.0025)]
        });
    }

    #[test]
    fn errors_name_the_place() {
        let e = tokenize("a = (1,\n 2").unwrap_err();
        assert_eq!((e.pos, e.message.as_str()), (Pos { line: 1, col: 5 }, "'(' is never closed"));
        let e = tokenize("x = 'abc\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, col: 5 });
        let e = tokenize("if a:\n    b\n  c\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 3, col: 3 });
        assert!(e.message.contains("indentation"));
        let e = tokenize("a = f'x'").unwrap_err();
        assert!(e.message.contains("f-strings"), "{e}");
        let e = tokenize("a = 3 $ 4").unwrap_err();
        assert_eq!((e.pos.col, e.message.as_str()), (7, "unexpected character '$'"));
        let e = tokenize("a = (1]").unwrap_err();
        assert!(e.message.contains("does not close"), "{e}");
    }
}
