//! The condition language of a pack (see packs/README.md):
//!
//! ```text
//! q_age is 65_74                      single-choice answer is this option
//! q_age in [65_74, 75_plus]           single-choice answer is one of these
//! q_neuro has balance_problems        multi-choice answer includes this option
//! q_neuro has any [a, b]              ... includes one of these
//! q_neuro has any                     ... includes any option except "none"
//! points(b12.risk_major) >= 2         a factor's (or a factor group's) points compared to a number
//! b12_gate                            a named signal holds
//! not X,  X and Y,  X or Y,  ( X )    "and" binds tighter than "or"
//! ```

/// A parsed condition, still naming things (resolution to indices happens later).
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// `is` / `in`: a single-choice question.
    Is {
        question: String,
        options: Vec<String>,
    },
    /// `has x` / `has any [..]`: a multi-choice question.
    Has {
        question: String,
        options: Vec<String>,
    },
    /// `has any` without a list.
    HasAny {
        question: String,
    },
    Points {
        factor: String,
        group: Option<String>,
        op: Cmp,
        value: i32,
    },
    Signal(String),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

const KEYWORDS: [&str; 7] = ["and", "or", "not", "is", "in", "has", "any"];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word) || word == "points"
}

pub fn parse(source: &str) -> Result<Cond, String> {
    let tokens = tokenize(source)?;
    let mut parser = Parser { tokens, pos: 0 };
    let cond = parser.or()?;
    match parser.peek() {
        None => Ok(cond),
        Some(token) => Err(format!(
            "unexpected {} after a complete condition",
            token.describe()
        )),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    /// A whole number, with its text as written: an option id such as `01` is a number too.
    Number(i32, String),
    Symbol(&'static str),
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Word(w) => format!("\"{w}\""),
            Token::Number(_, text) => format!("number {text}"),
            Token::Symbol(s) => format!("\"{s}\""),
        }
    }
}

fn tokenize(source: &str) -> Result<Vec<Token>, String> {
    const SYMBOLS: [&str; 11] = [">=", "<=", "==", ">", "<", "=", "(", ")", "[", "]", ","];
    let mut tokens = Vec::new();
    let mut rest = source;
    'outer: while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '.' {
            tokens.push(Token::Symbol("."));
            rest = &rest[1..];
            continue;
        }
        for symbol in SYMBOLS {
            if let Some(after) = rest.strip_prefix(symbol) {
                tokens.push(Token::Symbol(if symbol == "==" { "=" } else { symbol }));
                rest = after;
                continue 'outer;
            }
        }
        let len = rest
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(format!("unexpected character '{c}'"));
        }
        let word = &rest[..len];
        tokens.push(match word.parse::<i32>() {
            Ok(n) => Token::Number(n, word.to_string()),
            Err(_) => Token::Word(word.to_string()),
        });
        rest = &rest[len..];
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if self.peek() == Some(&Token::Word(word.to_string())) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_symbol(&mut self, symbol: &str) -> Result<(), String> {
        match self.next() {
            Some(Token::Symbol(s)) if s == symbol => Ok(()),
            other => Err(format!(
                "expected \"{symbol}\", found {}",
                describe(other.as_ref())
            )),
        }
    }

    fn or(&mut self) -> Result<Cond, String> {
        let mut parts = vec![self.and()?];
        while self.eat_word("or") {
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Cond::Any(parts)
        })
    }

    fn and(&mut self) -> Result<Cond, String> {
        let mut parts = vec![self.unary()?];
        while self.eat_word("and") {
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Cond::All(parts)
        })
    }

    fn unary(&mut self) -> Result<Cond, String> {
        if self.eat_word("not") {
            return Ok(Cond::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Token::Symbol("(")) {
            self.pos += 1;
            let inner = self.or()?;
            self.expect_symbol(")")?;
            return Ok(inner);
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Cond, String> {
        let name = self.identifier("a question, a signal or points(...)")?;
        if name == "points" {
            return self.points();
        }
        if self.eat_word("is") {
            let option = self.identifier("an option id")?;
            return Ok(Cond::Is {
                question: name,
                options: vec![option],
            });
        }
        if self.eat_word("in") {
            let options = self.option_list()?;
            return Ok(Cond::Is {
                question: name,
                options,
            });
        }
        if self.eat_word("has") {
            if self.eat_word("any") {
                if self.peek() == Some(&Token::Symbol("[")) {
                    let options = self.option_list()?;
                    return Ok(Cond::Has {
                        question: name,
                        options,
                    });
                }
                return Ok(Cond::HasAny { question: name });
            }
            let option = self.identifier("an option id or \"any\"")?;
            return Ok(Cond::Has {
                question: name,
                options: vec![option],
            });
        }
        Ok(Cond::Signal(name))
    }

    fn points(&mut self) -> Result<Cond, String> {
        self.expect_symbol("(")?;
        let factor = self.identifier("a factor id")?;
        let group = if self.peek() == Some(&Token::Symbol(".")) {
            self.pos += 1;
            Some(self.identifier("a score group")?)
        } else {
            None
        };
        self.expect_symbol(")")?;
        let op = match self.next() {
            Some(Token::Symbol(">")) => Cmp::Gt,
            Some(Token::Symbol(">=")) => Cmp::Ge,
            Some(Token::Symbol("<")) => Cmp::Lt,
            Some(Token::Symbol("<=")) => Cmp::Le,
            Some(Token::Symbol("=")) => Cmp::Eq,
            other => {
                return Err(format!(
                    "expected a comparison (>, >=, <, <=, =) after points(...), found {}",
                    describe(other.as_ref())
                ))
            }
        };
        match self.next() {
            Some(Token::Number(value, _)) => Ok(Cond::Points {
                factor,
                group,
                op,
                value,
            }),
            other => Err(format!(
                "expected a whole number, found {}",
                describe(other.as_ref())
            )),
        }
    }

    fn option_list(&mut self) -> Result<Vec<String>, String> {
        self.expect_symbol("[")?;
        let mut options = vec![self.identifier("an option id")?];
        loop {
            match self.next() {
                Some(Token::Symbol(",")) => options.push(self.identifier("an option id")?),
                Some(Token::Symbol("]")) => return Ok(options),
                other => {
                    return Err(format!(
                        "expected \",\" or \"]\" in an option list, found {}",
                        describe(other.as_ref())
                    ))
                }
            }
        }
    }

    /// A name; option ids such as `18_39` start with a digit, so numbers are accepted here too.
    fn identifier(&mut self, what: &str) -> Result<String, String> {
        match self.next() {
            Some(Token::Word(word)) if !KEYWORDS.contains(&word.as_str()) => Ok(word),
            Some(Token::Number(_, text)) => Ok(text),
            other => Err(format!(
                "expected {what}, found {}",
                describe(other.as_ref())
            )),
        }
    }
}

fn describe(token: Option<&Token>) -> String {
    token.map_or_else(|| "the end of the condition".to_string(), Token::describe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(q: &str, o: &[&str]) -> Cond {
        Cond::Is {
            question: q.into(),
            options: o.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let parsed = parse("a or b and not c").unwrap();
        assert_eq!(
            parsed,
            Cond::Any(vec![
                Cond::Signal("a".into()),
                Cond::All(vec![
                    Cond::Signal("b".into()),
                    Cond::Not(Box::new(Cond::Signal("c".into())))
                ]),
            ])
        );
    }

    #[test]
    fn parses_every_atom_form() {
        assert_eq!(parse("q_age is 18_39").unwrap(), is("q_age", &["18_39"]));
        // An option id that reads as a number is kept as written.
        assert_eq!(
            parse("q_x in [01, 007, 2]").unwrap(),
            is("q_x", &["01", "007", "2"])
        );
        assert_eq!(
            parse("q_age in [60_64, 75_plus]").unwrap(),
            is("q_age", &["60_64", "75_plus"])
        );
        assert_eq!(
            parse("q_n has any").unwrap(),
            Cond::HasAny {
                question: "q_n".into()
            }
        );
        assert_eq!(
            parse("q_n has any [a,b]").unwrap(),
            Cond::Has {
                question: "q_n".into(),
                options: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            parse("points(b12.risk_minor) >= 2").unwrap(),
            Cond::Points {
                factor: "b12".into(),
                group: Some("risk_minor".into()),
                op: Cmp::Ge,
                value: 2
            }
        );
        assert_eq!(parse("(x)").unwrap(), Cond::Signal("x".into()));
    }

    #[test]
    fn reports_what_was_expected() {
        assert_eq!(
            parse("q_age is").unwrap_err(),
            "expected an option id, found the end of the condition"
        );
        assert_eq!(
            parse("a b").unwrap_err(),
            "unexpected \"b\" after a complete condition"
        );
        assert_eq!(
            parse("points(x) 2").unwrap_err(),
            "expected a comparison (>, >=, <, <=, =) after points(...), found number 2"
        );
        assert_eq!(
            parse("q in [a b]").unwrap_err(),
            "expected \",\" or \"]\" in an option list, found \"b\""
        );
        assert!(parse("a & b")
            .unwrap_err()
            .contains("unexpected character '&'"));
    }
}
