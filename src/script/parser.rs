//! Python's grammar, the part pyo scripts use, by recursive descent over
//! the lexer's tokens. What lies outside it is an error that names the
//! construct and where it is.

use super::ast::{BinOp, CmpOp, CompFor, Expr, ExprKind, Param, Stmt, StmtKind, UnaryOp};
use super::lexer::{tokenize, Tok, Token};
use super::{Pos, ScriptError, ScriptResult};

/// Parses a whole script.
pub fn parse(src: &str) -> ScriptResult<Vec<Stmt>> {
    let mut p = Parser { toks: tokenize(src)?, i: 0, depth: 0 };
    let mut out = Vec::new();
    while !p.at(&Tok::Eof) {
        out.extend(p.statement()?);
    }
    Ok(out)
}

/// Parses one expression (Pd-style messages, argument strings).
pub fn parse_expr(src: &str) -> ScriptResult<Expr> {
    let mut p = Parser { toks: tokenize(src)?, i: 0, depth: 0 };
    let e = p.tuple_or_expr()?;
    p.eat(&Tok::Newline);
    if !p.at(&Tok::Eof) {
        return Err(p.unexpected("the end of the expression"));
    }
    Ok(e)
}

/// Python keywords the subset does not have, with what to say about them.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("class", "class definitions are not supported"),
    ("try", "try/except is not supported"),
    ("with", "'with' blocks are not supported"),
    ("raise", "'raise' is not supported"),
    ("del", "'del' is not supported: free objects with their stop() or by reassigning"),
    ("yield", "generators are not supported"),
    ("async", "async code is not supported"),
    ("await", "async code is not supported"),
    ("assert", "'assert' is not supported"),
    ("nonlocal", "'nonlocal' is not supported"),
];

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Keyword arguments of a call, in the order written.
type Keywords = Vec<(String, Expr)>;

struct Parser {
    toks: Vec<Token>,
    i: usize,
    /// Nesting of expressions and blocks being parsed (bounded, so that no
    /// input can exhaust the stack).
    depth: u32,
}

/// Deepest nesting of expressions or blocks a script may have.
pub const MAX_NESTING: u32 = 100;

impl Parser {
    fn tok(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].tok
    }

    fn pos(&self) -> Pos {
        self.toks[self.i.min(self.toks.len() - 1)].pos
    }

    fn at(&self, t: &Tok) -> bool {
        self.tok() == t
    }

    fn at_op(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }

    fn at_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Name(n) if n == kw)
    }

    fn advance(&mut self) -> Token {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.at(t) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.at_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn describe(t: &Tok) -> String {
        match t {
            Tok::Name(n) => format!("'{n}'"),
            Tok::Int(v) => format!("the number {v}"),
            Tok::Float(v) => format!("the number {v}"),
            Tok::Str(_) => "a string".into(),
            Tok::Op(o) => format!("'{o}'"),
            Tok::Newline => "the end of the line".into(),
            Tok::Indent => "an indented block".into(),
            Tok::Dedent => "the end of a block".into(),
            Tok::Eof => "the end of the script".into(),
        }
    }

    fn unexpected(&self, wanted: &str) -> ScriptError {
        ScriptError::new(self.pos(), format!("expected {wanted}, found {}", Self::describe(self.tok())))
    }

    fn expect_op(&mut self, op: &str) -> ScriptResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("'{op}'")))
        }
    }

    fn name(&mut self, what: &str) -> ScriptResult<String> {
        match self.tok().clone() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                self.advance();
                Ok(n)
            }
            _ => Err(self.unexpected(what)),
        }
    }

    fn end_of_statement(&mut self) -> ScriptResult<()> {
        if self.eat(&Tok::Newline) || self.at(&Tok::Eof) || self.at(&Tok::Dedent) {
            Ok(())
        } else {
            Err(self.unexpected("the end of the statement"))
        }
    }

    // ---------------------------------------------------------------- statements --

    /// One line's statements (`a = 1; b = 2`) or one compound statement.
    fn statement(&mut self) -> ScriptResult<Vec<Stmt>> {
        self.nested(Parser::statement_inner)
    }

    fn statement_inner(&mut self) -> ScriptResult<Vec<Stmt>> {
        let pos = self.pos();
        if let Tok::Name(kw) = self.tok().clone() {
            if let Some((_, why)) = UNSUPPORTED.iter().find(|(k, _)| *k == kw) {
                return Err(ScriptError::new(pos, *why));
            }
            match kw.as_str() {
                "if" => return Ok(vec![self.if_statement()?]),
                "for" => {
                    self.advance();
                    let target = self.target_list()?;
                    if !self.eat_kw("in") {
                        return Err(self.unexpected("'in'"));
                    }
                    let iter = self.tuple_or_expr()?;
                    let body = self.block()?;
                    if self.at_kw("else") {
                        return Err(ScriptError::new(self.pos(), "'for ... else' is not supported"));
                    }
                    return Ok(vec![Stmt { kind: StmtKind::For { target, iter, body }, pos }]);
                }
                "while" => {
                    self.advance();
                    let cond = self.expr()?;
                    let body = self.block()?;
                    return Ok(vec![Stmt { kind: StmtKind::While { cond, body }, pos }]);
                }
                "def" => {
                    self.advance();
                    let name = self.name("a function name")?;
                    self.expect_op("(")?;
                    let params = self.params(")")?;
                    self.expect_op(")")?;
                    if self.eat_op("->") {
                        self.expr()?;
                    }
                    let body = self.block()?;
                    return Ok(vec![Stmt { kind: StmtKind::Def { name, params, body }, pos }]);
                }
                _ => {}
            }
        }
        if self.at_op("@") {
            return Err(ScriptError::new(pos, "decorators are not supported"));
        }
        if self.at(&Tok::Indent) {
            return Err(ScriptError::new(pos, "unexpected indentation"));
        }
        let mut out = vec![self.simple_statement()?];
        while self.eat_op(";") {
            if self.at(&Tok::Newline) || self.at(&Tok::Eof) {
                break;
            }
            out.push(self.simple_statement()?);
        }
        self.end_of_statement()?;
        Ok(out)
    }

    fn if_statement(&mut self) -> ScriptResult<Stmt> {
        let pos = self.pos();
        self.advance();
        let mut branches = vec![(self.expr()?, self.block()?)];
        let mut otherwise = Vec::new();
        loop {
            if self.eat_kw("elif") {
                branches.push((self.expr()?, self.block()?));
            } else if self.eat_kw("else") {
                otherwise = self.block()?;
                break;
            } else {
                break;
            }
        }
        Ok(Stmt { kind: StmtKind::If { branches, otherwise }, pos })
    }

    /// `: NEWLINE INDENT statements DEDENT`, or `: statement` on the same line.
    fn block(&mut self) -> ScriptResult<Vec<Stmt>> {
        self.expect_op(":")?;
        if !self.eat(&Tok::Newline) {
            return self.statement();
        }
        if !self.eat(&Tok::Indent) {
            return Err(self.unexpected("an indented block"));
        }
        let mut body = Vec::new();
        while !self.eat(&Tok::Dedent) {
            if self.at(&Tok::Eof) {
                break;
            }
            body.extend(self.statement()?);
        }
        Ok(body)
    }

    fn simple_statement(&mut self) -> ScriptResult<Stmt> {
        let pos = self.pos();
        let kind = if self.eat_kw("pass") {
            StmtKind::Pass
        } else if self.eat_kw("break") {
            StmtKind::Break
        } else if self.eat_kw("continue") {
            StmtKind::Continue
        } else if self.eat_kw("return") {
            if self.at(&Tok::Newline) || self.at(&Tok::Eof) || self.at_op(";") {
                StmtKind::Return(None)
            } else {
                StmtKind::Return(Some(self.tuple_or_expr()?))
            }
        } else if self.eat_kw("global") {
            let mut names = vec![self.name("a name")?];
            while self.eat_op(",") {
                names.push(self.name("a name")?);
            }
            StmtKind::Global(names)
        } else if self.eat_kw("import") {
            let mut mods = Vec::new();
            loop {
                let module = self.dotted_name()?;
                let bound = if self.eat_kw("as") { self.name("a name after 'as'")? } else { module.clone() };
                mods.push((module, bound));
                if !self.eat_op(",") {
                    break;
                }
            }
            StmtKind::Import(mods)
        } else if self.eat_kw("from") {
            let module = self.dotted_name()?;
            if !self.eat_kw("import") {
                return Err(self.unexpected("'import'"));
            }
            let mut names = Vec::new();
            if self.eat_op("*") {
                names.push(("*".to_owned(), "*".to_owned()));
            } else {
                let paren = self.eat_op("(");
                loop {
                    let n = self.name("a name to import")?;
                    let bound = if self.eat_kw("as") { self.name("a name after 'as'")? } else { n.clone() };
                    names.push((n, bound));
                    if !self.eat_op(",") || (paren && self.at_op(")")) {
                        break;
                    }
                }
                if paren {
                    self.expect_op(")")?;
                }
            }
            StmtKind::FromImport { module, names }
        } else {
            let first = self.tuple_or_expr()?;
            if let Some(op) = self.aug_op() {
                check_target(&first, false)?;
                let value = self.tuple_or_expr()?;
                StmtKind::AugAssign { target: first, op, value }
            } else if self.at_op("=") {
                let mut targets = vec![first];
                let mut value = None;
                while self.eat_op("=") {
                    let e = self.tuple_or_expr()?;
                    if let Some(prev) = value.replace(e) {
                        targets.push(prev);
                    }
                }
                for t in &targets {
                    check_target(t, true)?;
                }
                StmtKind::Assign { targets, value: value.unwrap_or(Expr { kind: ExprKind::None, pos }) }
            } else if self.at_op(":") {
                return Err(ScriptError::new(self.pos(), "annotations are not supported"));
            } else {
                StmtKind::Expr(first)
            }
        };
        Ok(Stmt { kind, pos })
    }

    fn aug_op(&mut self) -> Option<BinOp> {
        let op = match self.tok() {
            Tok::Op("+=") => BinOp::Add,
            Tok::Op("-=") => BinOp::Sub,
            Tok::Op("*=") => BinOp::Mul,
            Tok::Op("/=") => BinOp::Div,
            Tok::Op("//=") => BinOp::FloorDiv,
            Tok::Op("%=") => BinOp::Mod,
            Tok::Op("**=") => BinOp::Pow,
            _ => return None,
        };
        self.advance();
        Some(op)
    }

    fn dotted_name(&mut self) -> ScriptResult<String> {
        let mut n = self.name("a module name")?;
        while self.eat_op(".") {
            n.push('.');
            n.push_str(&self.name("a module name")?);
        }
        Ok(n)
    }

    /// Function or lambda parameters up to `close`.
    fn params(&mut self, close: &str) -> ScriptResult<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        while !self.at_op(close) {
            let pos = self.pos();
            if self.at_op("*") || self.at_op("**") {
                return Err(ScriptError::new(pos, "*args and **kwargs parameters are not supported"));
            }
            let name = self.name("a parameter name")?;
            let default = if self.eat_op("=") { Some(self.expr()?) } else { None };
            if default.is_none() && params.iter().any(|p| p.default.is_some()) {
                return Err(ScriptError::new(pos, format!("parameter '{name}' without a default follows one with")));
            }
            if params.iter().any(|p| p.name == name) {
                return Err(ScriptError::new(pos, format!("parameter '{name}' appears twice")));
            }
            params.push(Param { name, default, pos });
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(params)
    }

    /// Targets of a `for`: `x` or `a, b`.
    fn target_list(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        let first = self.or_expr_no_in()?;
        let t = if self.at_op(",") {
            let mut items = vec![first];
            while self.eat_op(",") {
                if self.at_kw("in") {
                    break;
                }
                items.push(self.or_expr_no_in()?);
            }
            Expr { kind: ExprKind::Tuple(items), pos }
        } else {
            first
        };
        check_target(&t, true)?;
        Ok(t)
    }

    /// A target expression in a `for` clause: binds tighter than `in`.
    fn or_expr_no_in(&mut self) -> ScriptResult<Expr> {
        self.arith()
    }

    // --------------------------------------------------------------- expressions --

    /// `a, b, c` (a tuple) or a single expression.
    fn tuple_or_expr(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        let first = self.expr()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.ends_expr_list() {
                break;
            }
            items.push(self.expr()?);
        }
        Ok(Expr { kind: ExprKind::Tuple(items), pos })
    }

    fn ends_expr_list(&self) -> bool {
        matches!(self.tok(), Tok::Newline | Tok::Eof | Tok::Dedent)
            || self.at_op("=")
            || self.at_op(")")
            || self.at_op("]")
            || self.at_op(";")
            || self.at_op(":")
    }

    /// Runs `f` one level deeper, refusing input nested past MAX_NESTING.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Parser) -> ScriptResult<T>) -> ScriptResult<T> {
        if self.depth >= MAX_NESTING {
            return Err(ScriptError::new(self.pos(), format!("nested more than {MAX_NESTING} levels deep")));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn expr(&mut self) -> ScriptResult<Expr> {
        self.nested(Parser::expr_inner)
    }

    fn expr_inner(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        if self.eat_kw("lambda") {
            let params = self.params(":")?;
            self.expect_op(":")?;
            let body = self.expr()?;
            return Ok(Expr { kind: ExprKind::Lambda { params, body: Box::new(body) }, pos });
        }
        let e = self.or_test()?;
        if self.eat_kw("if") {
            let cond = self.or_test()?;
            if !self.eat_kw("else") {
                return Err(self.unexpected("'else'"));
            }
            let otherwise = self.expr()?;
            return Ok(Expr {
                kind: ExprKind::IfElse { cond: Box::new(cond), then: Box::new(e), otherwise: Box::new(otherwise) },
                pos,
            });
        }
        Ok(e)
    }

    fn or_test(&mut self) -> ScriptResult<Expr> {
        let mut e = self.and_test()?;
        while self.at_kw("or") {
            let pos = self.pos();
            self.advance();
            let r = self.and_test()?;
            e = Expr { kind: ExprKind::Or(Box::new(e), Box::new(r)), pos };
        }
        Ok(e)
    }

    fn and_test(&mut self) -> ScriptResult<Expr> {
        let mut e = self.not_test()?;
        while self.at_kw("and") {
            let pos = self.pos();
            self.advance();
            let r = self.not_test()?;
            e = Expr { kind: ExprKind::And(Box::new(e), Box::new(r)), pos };
        }
        Ok(e)
    }

    fn not_test(&mut self) -> ScriptResult<Expr> {
        self.nested(Parser::not_test_inner)
    }

    fn not_test_inner(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        if self.eat_kw("not") {
            let e = self.not_test()?;
            return Ok(Expr { kind: ExprKind::Unary(UnaryOp::Not, Box::new(e)), pos });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        let first = self.bitwise()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.tok() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::Ne,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::Le,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::Ge,
                Tok::Name(n) if n == "in" => CmpOp::In,
                Tok::Name(n) if n == "is" => {
                    self.advance();
                    let op = if self.eat_kw("not") { CmpOp::IsNot } else { CmpOp::Is };
                    rest.push((op, self.bitwise()?));
                    continue;
                }
                Tok::Name(n)
                    if n == "not"
                        && matches!(&self.toks.get(self.i + 1).map(|t| &t.tok), Some(Tok::Name(m)) if m == "in") =>
                {
                    self.advance();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.advance();
            rest.push((op, self.bitwise()?));
        }
        if rest.is_empty() {
            Ok(first)
        } else {
            Ok(Expr { kind: ExprKind::Compare(Box::new(first), rest), pos })
        }
    }

    /// `| ^ & << >>` are parsed only to say they are not supported.
    fn bitwise(&mut self) -> ScriptResult<Expr> {
        let e = self.arith()?;
        for op in ["|", "^", "&", "<<", ">>"] {
            if self.at_op(op) {
                return Err(ScriptError::new(self.pos(), format!("the operator '{op}' is not supported")));
            }
        }
        Ok(e)
    }

    fn arith(&mut self) -> ScriptResult<Expr> {
        let mut e = self.term()?;
        loop {
            let op = match self.tok() {
                Tok::Op("+") => BinOp::Add,
                Tok::Op("-") => BinOp::Sub,
                _ => return Ok(e),
            };
            let pos = self.pos();
            self.advance();
            let r = self.term()?;
            e = Expr { kind: ExprKind::Binary(op, Box::new(e), Box::new(r)), pos };
        }
    }

    fn term(&mut self) -> ScriptResult<Expr> {
        let mut e = self.factor()?;
        loop {
            let op = match self.tok() {
                Tok::Op("*") => BinOp::Mul,
                Tok::Op("/") => BinOp::Div,
                Tok::Op("//") => BinOp::FloorDiv,
                Tok::Op("%") => BinOp::Mod,
                Tok::Op("@") => return Err(ScriptError::new(self.pos(), "the operator '@' is not supported")),
                _ => return Ok(e),
            };
            let pos = self.pos();
            self.advance();
            let r = self.factor()?;
            e = Expr { kind: ExprKind::Binary(op, Box::new(e), Box::new(r)), pos };
        }
    }

    fn factor(&mut self) -> ScriptResult<Expr> {
        self.nested(Parser::factor_inner)
    }

    fn factor_inner(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        let op = match self.tok() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => return Err(ScriptError::new(pos, "the operator '~' is not supported")),
            _ => return self.power(),
        };
        self.advance();
        let e = self.factor()?;
        Ok(Expr { kind: ExprKind::Unary(op, Box::new(e)), pos })
    }

    fn power(&mut self) -> ScriptResult<Expr> {
        let base = self.primary()?;
        if self.at_op("**") {
            let pos = self.pos();
            self.advance();
            let exp = self.factor()?;
            return Ok(Expr { kind: ExprKind::Binary(BinOp::Pow, Box::new(base), Box::new(exp)), pos });
        }
        Ok(base)
    }

    fn primary(&mut self) -> ScriptResult<Expr> {
        let mut e = self.atom()?;
        loop {
            let pos = self.pos();
            if self.eat_op("(") {
                let (args, kwargs) = self.call_args()?;
                e = Expr { kind: ExprKind::Call { func: Box::new(e), args, kwargs }, pos };
            } else if self.eat_op(".") {
                let name = self.name("an attribute name after '.'")?;
                e = Expr { kind: ExprKind::Attr(Box::new(e), name), pos };
            } else if self.eat_op("[") {
                e = self.subscript(e, pos)?;
            } else {
                return Ok(e);
            }
        }
    }

    fn subscript(&mut self, value: Expr, pos: Pos) -> ScriptResult<Expr> {
        let part = |p: &mut Parser| -> ScriptResult<Option<Box<Expr>>> {
            if p.at_op(":") || p.at_op("]") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expr()?)))
            }
        };
        let lo = part(self)?;
        if !self.eat_op(":") {
            let Some(index) = lo else { return Err(self.unexpected("an index")) };
            let index = if self.at_op(",") {
                return Err(ScriptError::new(self.pos(), "multi-dimensional indexing is not supported"));
            } else {
                index
            };
            self.expect_op("]")?;
            return Ok(Expr { kind: ExprKind::Index(Box::new(value), index), pos });
        }
        let hi = part(self)?;
        let step = if self.eat_op(":") { part(self)? } else { None };
        self.expect_op("]")?;
        Ok(Expr { kind: ExprKind::Slice { value: Box::new(value), lo, hi, step }, pos })
    }

    fn call_args(&mut self) -> ScriptResult<(Vec<Expr>, Keywords)> {
        let mut args = Vec::new();
        let mut kwargs: Keywords = Vec::new();
        while !self.at_op(")") {
            let pos = self.pos();
            if self.at_op("*") || self.at_op("**") {
                return Err(ScriptError::new(pos, "*args and **kwargs in calls are not supported"));
            }
            let is_kw = matches!(self.tok(), Tok::Name(_))
                && matches!(self.toks.get(self.i + 1).map(|t| &t.tok), Some(Tok::Op("=")));
            if is_kw {
                let name = self.name("a keyword name")?;
                self.advance();
                if kwargs.iter().any(|(k, _)| *k == name) {
                    return Err(ScriptError::new(pos, format!("keyword argument '{name}' repeated")));
                }
                kwargs.push((name, self.expr()?));
            } else {
                if !kwargs.is_empty() {
                    return Err(ScriptError::new(pos, "a positional argument follows a keyword argument"));
                }
                let e = self.expr()?;
                if self.at_kw("for") {
                    return Err(ScriptError::new(
                        self.pos(),
                        "generator expressions are not supported: use [... for ...]",
                    ));
                }
                args.push(e);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok((args, kwargs))
    }

    fn atom(&mut self) -> ScriptResult<Expr> {
        let pos = self.pos();
        let t = self.advance();
        let kind = match t.tok {
            Tok::Int(v) => ExprKind::Int(v),
            Tok::Float(v) => ExprKind::Float(v),
            Tok::Str(mut s) => {
                while let Tok::Str(more) = self.tok().clone() {
                    self.advance();
                    s.push_str(&more);
                }
                ExprKind::Str(s)
            }
            Tok::Name(n) => match n.as_str() {
                "True" => ExprKind::Bool(true),
                "False" => ExprKind::Bool(false),
                "None" => ExprKind::None,
                _ if KEYWORDS.contains(&n.as_str()) => {
                    self.i -= 1;
                    return Err(self.unexpected("an expression"));
                }
                _ => ExprKind::Name(n),
            },
            Tok::Op("(") => {
                if self.eat_op(")") {
                    ExprKind::Tuple(Vec::new())
                } else {
                    let first = self.expr()?;
                    if self.at_kw("for") {
                        return Err(ScriptError::new(
                            self.pos(),
                            "generator expressions are not supported: use [... for ...]",
                        ));
                    }
                    let kind = if self.at_op(",") {
                        let mut items = vec![first];
                        while self.eat_op(",") {
                            if self.at_op(")") {
                                break;
                            }
                            items.push(self.expr()?);
                        }
                        ExprKind::Tuple(items)
                    } else {
                        self.expect_op(")")?;
                        return Ok(first);
                    };
                    self.expect_op(")")?;
                    kind
                }
            }
            Tok::Op("[") => {
                if self.eat_op("]") {
                    ExprKind::List(Vec::new())
                } else {
                    let first = self.expr()?;
                    if self.at_kw("for") {
                        let clauses = self.comp_clauses()?;
                        self.expect_op("]")?;
                        ExprKind::ListComp { elt: Box::new(first), clauses }
                    } else {
                        let mut items = vec![first];
                        while self.eat_op(",") {
                            if self.at_op("]") {
                                break;
                            }
                            items.push(self.expr()?);
                        }
                        self.expect_op("]")?;
                        ExprKind::List(items)
                    }
                }
            }
            Tok::Op("{") => {
                let mut items = Vec::new();
                while !self.at_op("}") {
                    let k = self.expr()?;
                    if !self.eat_op(":") {
                        return Err(ScriptError::new(self.pos(), "sets are not supported (only dicts: {key: value})"));
                    }
                    let v = self.expr()?;
                    if self.at_kw("for") {
                        return Err(ScriptError::new(self.pos(), "dict comprehensions are not supported"));
                    }
                    items.push((k, v));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("}")?;
                ExprKind::Dict(items)
            }
            other => {
                self.i -= 1;
                let _ = other;
                return Err(self.unexpected("an expression"));
            }
        };
        Ok(Expr { kind, pos })
    }

    fn comp_clauses(&mut self) -> ScriptResult<Vec<CompFor>> {
        let mut clauses = Vec::new();
        while self.eat_kw("for") {
            let target = self.target_list()?;
            if !self.eat_kw("in") {
                return Err(self.unexpected("'in'"));
            }
            let iter = self.or_test()?;
            let mut conds = Vec::new();
            while self.eat_kw("if") {
                conds.push(self.or_test_no_ternary()?);
            }
            clauses.push(CompFor { target, iter, conds });
        }
        Ok(clauses)
    }

    fn or_test_no_ternary(&mut self) -> ScriptResult<Expr> {
        self.or_test()
    }
}

/// Whether `e` can be assigned to; `tuples` allows `a, b = ...`.
fn check_target(e: &Expr, tuples: bool) -> ScriptResult<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Index(..) => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) if tuples => {
            items.iter().try_for_each(|t| check_target(t, true))
        }
        ExprKind::Call { .. } => Err(ScriptError::new(e.pos, "cannot assign to a function call")),
        _ => Err(ScriptError::new(e.pos, "cannot assign to this expression")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(src: &str) -> Vec<Stmt> {
        parse(src).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(src: &str) -> ScriptError {
        parse(src).expect_err(src)
    }

    #[test]
    fn a_pyo_script() {
        let s = p("from pyo import *\ns = Server(audio='offline').boot()\n\
                   a = Sine(freq=[440, 660], mul=.2).out()\nb = Freeverb(a, size=.8).out(1)\n\
                   s.recordOptions(dur=2, filename='x.wav')\nfor i in range(3):\n    a.mul += 0.1\n\
                   notes = [midiToHz(x) for x in range(60, 72) if x % 2 == 0]\n\
                   if len(notes) > 3 and not False:\n    pass\nelif x:\n    y = 1\nelse:\n    y = 2\n\
                   def f(x, y=2):\n    return x * y ** -2\ns.start()\n");
        assert_eq!(s.len(), 10);
        match &s[0].kind {
            StmtKind::FromImport { module, names } => {
                assert_eq!(module, "pyo");
                assert_eq!(names[0].0, "*");
            }
            k => panic!("{k:?}"),
        }
        match &s[2].kind {
            StmtKind::Assign { targets, value } => {
                assert!(matches!(targets[0].kind, ExprKind::Name(ref n) if n == "a"));
                let ExprKind::Call { func, .. } = &value.kind else { panic!() };
                let ExprKind::Attr(inner, m) = &func.kind else { panic!() };
                assert_eq!(m, "out");
                let ExprKind::Call { args, kwargs, .. } = &inner.kind else { panic!() };
                assert!(args.is_empty());
                assert_eq!(kwargs[0].0, "freq");
                assert_eq!(kwargs[1].1.kind, ExprKind::Float(0.2));
            }
            k => panic!("{k:?}"),
        }
        assert!(matches!(s[5].kind, StmtKind::For { .. }));
        let StmtKind::Def { params, body, .. } = &s[8].kind else { panic!() };
        assert_eq!(params[1].default.as_ref().map(|d| &d.kind), Some(&ExprKind::Int(2)));
        // x * (y ** (-2)): power binds tighter than unary minus on its left, looser on its right.
        let StmtKind::Return(Some(r)) = &body[0].kind else { panic!() };
        let ExprKind::Binary(BinOp::Mul, _, rhs) = &r.kind else { panic!("{r:?}") };
        assert!(matches!(rhs.kind, ExprKind::Binary(BinOp::Pow, _, _)));
    }

    #[test]
    fn precedence_and_tuples() {
        let s = p("a, b = -2 ** 2, 1 + 2 * 3 < 7 == True\nx = y = [1, 2][0]\nc = a if b else 3\n");
        let StmtKind::Assign { targets, value } = &s[0].kind else { panic!() };
        assert!(matches!(targets[0].kind, ExprKind::Tuple(ref t) if t.len() == 2));
        let ExprKind::Tuple(items) = &value.kind else { panic!() };
        assert!(
            matches!(items[0].kind, ExprKind::Unary(UnaryOp::Neg, ref e) if matches!(e.kind, ExprKind::Binary(BinOp::Pow, ..)))
        );
        assert!(matches!(items[1].kind, ExprKind::Compare(_, ref r) if r.len() == 2));
        let StmtKind::Assign { targets, .. } = &s[1].kind else { panic!() };
        assert_eq!(targets.len(), 2);
        assert!(
            matches!(s[2].kind, StmtKind::Assign { ref value, .. } if matches!(value.kind, ExprKind::IfElse { .. }))
        );
    }

    #[test]
    fn errors_name_construct_and_place() {
        let e = err("a = 1\nclass A:\n    pass\n");
        assert_eq!((e.pos, e.message.as_str()), (Pos { line: 2, col: 1 }, "class definitions are not supported"));
        let e = err("x = Sine(440,, 2)");
        assert_eq!(e.pos, Pos { line: 1, col: 14 });
        assert_eq!(e.message, "expected an expression, found ','");
        let e = err("Sine(freq=1, 2)");
        assert!(e.message.contains("positional argument follows"), "{e}");
        let e = err("f(x) = 3");
        assert_eq!(e.message, "cannot assign to a function call");
        let e = err("for i in range(3)\n    x = i\n");
        assert_eq!((e.pos.line, e.message.as_str()), (1, "expected ':', found the end of the line"));
        let e = err("a = b | c");
        assert_eq!((e.pos.col, e.message.as_str()), (7, "the operator '|' is not supported"));
        let e = err("if x:\npass\n");
        assert_eq!(e.pos.line, 2);
        assert!(e.message.contains("indented block"), "{e}");
        let e = err("s = sum(x for x in y)");
        assert!(e.message.contains("generator"), "{e}");
    }

    #[test]
    fn one_expression() {
        let deep = format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000));
        assert!(parse(&deep).unwrap_err().message.contains("nested more than"));
        let deep = format!("x = {}1", "-".repeat(100_000));
        assert!(parse(&deep).unwrap_err().message.contains("nested more than"));
        let e = parse_expr("[1, 2.5, 'a']").unwrap();
        assert!(matches!(e.kind, ExprKind::List(ref v) if v.len() == 3));
        assert!(parse_expr("1 2").is_err());
    }
}
