//! CloudWatch Logs JSON filter patterns (`{ $.eventName = "CreateTrail" || ... }`)
//! read as the sets of events they match, so a check can decide whether a metric
//! filter matches at least every event a CIS recommendation names, whatever the order
//! of its terms, its spacing, quoting or parentheses.
//!
//! A pattern becomes its disjunctive normal form: a list of conjunctions, each a
//! sorted list of normalised comparisons (`$.eventName = "CreateTrail"`, quoted or
//! not in the pattern). A filter matches every event of a wanted conjunction when one
//! of its own conjunctions asks for a subset of the wanted comparisons: a filter that
//! asks for less (no `eventSource`, say) matches more, which still covers. This is
//! sound (it never says "covers" when some wanted event could slip through) and
//! incomplete in rare cases it names: comparisons are compared as written, so a
//! broader wildcard (`"*Unauthorized*"` for `"*UnauthorizedOperation"`) does not count.
//!
//! AWS does not document whether `&&` binds tighter than `||`. Where one level mixes
//! them without parentheses, every reading (`&&` first, `||` first, left to right) is
//! kept, and a filter covers only if it covers in each of them.
//!
//! Text patterns (terms, `?term`, space-delimited `[...]`) are not JSON patterns and
//! are not read: such a filter covers nothing here. The empty pattern matches every
//! event.

use std::collections::BTreeSet;

/// A conjunction: the comparisons an event must all satisfy.
pub type Conjunct = BTreeSet<String>;
/// A disjunction of conjunctions.
pub type Dnf = BTreeSet<Conjunct>;

/// More readings or conjunctions than this and the pattern is not read: no real
/// metric filter comes near, and the products grow fast.
const MAX_READINGS: usize = 27;
const MAX_CONJUNCTS: usize = 1024;

/// Every reading of the pattern, each in disjunctive normal form; `None` when it is
/// not a JSON pattern vouch can read.
pub fn readings(pattern: &str) -> Option<Vec<Vec<Vec<String>>>> {
    let text = pattern.trim();
    if text.is_empty() {
        return Some(vec![vec![Vec::new()]]);
    }
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    let tokens = tokenize(inner)?;
    let mut pos = 0;
    let expr = parse_level(&tokens, &mut pos)?;
    if pos != tokens.len() {
        return None;
    }
    let meanings = expr.meanings()?;
    Some(
        meanings
            .into_iter()
            .map(|dnf| dnf.into_iter().map(|c| c.into_iter().collect()).collect())
            .collect(),
    )
}

#[derive(Debug, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Term(String),
}

fn tokenize(s: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Token::Open);
            i += 1;
        } else if c == ')' {
            out.push(Token::Close);
            i += 1;
        } else if s_at(&chars, i, "&&") {
            out.push(Token::And);
            i += 2;
        } else if s_at(&chars, i, "||") {
            out.push(Token::Or);
            i += 2;
        } else if c == '$' {
            let (term, next) = term(&chars, i)?;
            out.push(Token::Term(term));
            i = next;
        } else {
            return None;
        }
    }
    Some(out)
}

fn s_at(chars: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    chars.len() >= i + w.len() && chars[i..i + w.len()] == w[..]
}

fn ends_bare(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    c.is_whitespace() || c == ')' || c == '(' || s_at(chars, i, "&&") || s_at(chars, i, "||")
}

/// One comparison from `$`: selector, operator, value, normalised to
/// `SELECTOR OP "VALUE"` (or `SELECTOR IS NULL` and the like).
fn term(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut i = start;
    while i < chars.len() && !chars[i].is_whitespace() && !"=!<>()".contains(chars[i]) {
        i += 1;
    }
    let selector: String = chars[start..i].iter().collect();
    if selector.len() < 2 {
        return None;
    }
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    for word in ["IS NULL", "NOT EXISTS", "IS TRUE", "IS FALSE", "EXISTS"] {
        if s_at(chars, i, word)
            && (i + word.len() == chars.len() || ends_bare(chars, i + word.len()))
        {
            return Some((format!("{selector} {word}"), i + word.len()));
        }
    }
    let op = ["!=", ">=", "<=", "=", ">", "<"]
        .into_iter()
        .find(|op| s_at(chars, i, op))?;
    i += op.len();
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let mut value = String::new();
    if i < chars.len() && chars[i] == '"' {
        i += 1;
        loop {
            let c = *chars.get(i)?;
            i += 1;
            match c {
                '"' => break,
                '\\' => {
                    value.push('\\');
                    value.push(*chars.get(i)?);
                    i += 1;
                }
                c => value.push(c),
            }
        }
    } else {
        while i < chars.len() && !ends_bare(chars, i) {
            value.push(chars[i]);
            i += 1;
        }
        if value.is_empty() {
            return None;
        }
    }
    Some((format!("{selector} {op} \"{value}\""), i))
}

#[derive(Debug)]
enum Expr {
    Term(String),
    /// Items joined by the operators between them (`ops.len() == items.len() - 1`).
    Level(Vec<Expr>, Vec<bool>),
}

/// Parses items joined by `&&` (true) / `||` (false) up to a `)` or the end.
fn parse_level(tokens: &[Token], pos: &mut usize) -> Option<Expr> {
    let mut items = vec![parse_item(tokens, pos)?];
    let mut ops = Vec::new();
    while let Some(t) = tokens.get(*pos) {
        let and = match t {
            Token::And => true,
            Token::Or => false,
            Token::Close => break,
            _ => return None,
        };
        *pos += 1;
        ops.push(and);
        items.push(parse_item(tokens, pos)?);
    }
    Some(if items.len() == 1 {
        items.remove(0)
    } else {
        Expr::Level(items, ops)
    })
}

fn parse_item(tokens: &[Token], pos: &mut usize) -> Option<Expr> {
    match tokens.get(*pos)? {
        Token::Term(t) => {
            *pos += 1;
            Some(Expr::Term(t.clone()))
        }
        Token::Open => {
            *pos += 1;
            let inner = parse_level(tokens, pos)?;
            if tokens.get(*pos) != Some(&Token::Close) {
                return None;
            }
            *pos += 1;
            Some(inner)
        }
        _ => None,
    }
}

fn and(a: &Dnf, b: &Dnf) -> Option<Dnf> {
    let mut out = Dnf::new();
    for x in a {
        for y in b {
            out.insert(x.union(y).cloned().collect());
            if out.len() > MAX_CONJUNCTS {
                return None;
            }
        }
    }
    Some(out)
}

fn or(a: &Dnf, b: &Dnf) -> Option<Dnf> {
    let out: Dnf = a.union(b).cloned().collect();
    (out.len() <= MAX_CONJUNCTS).then_some(out)
}

fn combine(a: &Dnf, b: &Dnf, is_and: bool) -> Option<Dnf> {
    if is_and { and(a, b) } else { or(a, b) }
}

/// Folds items joined by one operator.
fn fold(items: &[Dnf], is_and: bool) -> Option<Dnf> {
    let mut acc = items.first()?.clone();
    for x in &items[1..] {
        acc = combine(&acc, x, is_and)?;
    }
    Some(acc)
}

/// `tight` binds first: runs of `tight` are folded, then joined by the other operator.
fn by_precedence(items: &[Dnf], ops: &[bool], tight: bool) -> Option<Dnf> {
    let mut groups: Vec<Dnf> = Vec::new();
    let mut run = vec![items[0].clone()];
    for (op, item) in ops.iter().zip(&items[1..]) {
        if *op == tight {
            run.push(item.clone());
        } else {
            groups.push(fold(&run, tight)?);
            run = vec![item.clone()];
        }
    }
    groups.push(fold(&run, tight)?);
    fold(&groups, !tight)
}

fn left_to_right(items: &[Dnf], ops: &[bool]) -> Option<Dnf> {
    let mut acc = items[0].clone();
    for (op, item) in ops.iter().zip(&items[1..]) {
        acc = combine(&acc, item, *op)?;
    }
    Some(acc)
}

impl Expr {
    /// What the expression may mean: one DNF, or one per reading of a level that
    /// mixes `&&` and `||`.
    fn meanings(&self) -> Option<Vec<Dnf>> {
        match self {
            Expr::Term(t) => Some(vec![Dnf::from([Conjunct::from([t.clone()])])]),
            Expr::Level(items, ops) => {
                let per_item: Vec<Vec<Dnf>> =
                    items.iter().map(Expr::meanings).collect::<Option<_>>()?;
                // Every choice of a meaning per item, then every reading of the level.
                let mut choices: Vec<Vec<Dnf>> = vec![Vec::new()];
                for m in &per_item {
                    let mut next = Vec::new();
                    for c in &choices {
                        for d in m {
                            let mut c = c.clone();
                            c.push(d.clone());
                            next.push(c);
                        }
                    }
                    if next.len() > MAX_READINGS {
                        return None;
                    }
                    choices = next;
                }
                let mixed = ops.iter().any(|o| *o) && ops.iter().any(|o| !*o);
                let mut out: Vec<Dnf> = Vec::new();
                for c in &choices {
                    let readings = if mixed {
                        vec![
                            by_precedence(c, ops, true)?,
                            by_precedence(c, ops, false)?,
                            left_to_right(c, ops)?,
                        ]
                    } else {
                        vec![fold(c, ops[0])?]
                    };
                    for r in readings {
                        if !out.contains(&r) {
                            out.push(r);
                        }
                    }
                }
                (out.len() <= MAX_READINGS).then_some(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(pattern: &str) -> Vec<Vec<String>> {
        let r = readings(pattern).unwrap();
        assert_eq!(r.len(), 1, "{pattern}: {r:?}");
        r.into_iter().next().unwrap()
    }

    #[test]
    fn quoting_spacing_order_and_parentheses_do_not_change_the_reading() {
        let a = one(r#"{ ($.eventName = CreateTrail) || ($.eventName = "DeleteTrail") }"#);
        let b = one(r#"{$.eventName="DeleteTrail"||$.eventName=CreateTrail}"#);
        assert_eq!(a, b);
        assert_eq!(
            a,
            vec![
                vec![r#"$.eventName = "CreateTrail""#.to_string()],
                vec![r#"$.eventName = "DeleteTrail""#.to_string()]
            ]
        );
    }

    #[test]
    fn a_conjunction_over_a_disjunction_distributes() {
        let got = one(
            r#"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"#,
        );
        assert_eq!(
            got,
            vec![
                vec![
                    r#"$.eventName = "DisableKey""#.to_string(),
                    r#"$.eventSource = "kms.amazonaws.com""#.to_string()
                ],
                vec![
                    r#"$.eventName = "ScheduleKeyDeletion""#.to_string(),
                    r#"$.eventSource = "kms.amazonaws.com""#.to_string()
                ],
            ]
        );
    }

    #[test]
    fn keywords_and_negations_are_terms_of_their_own() {
        let got = one(
            r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
        );
        assert_eq!(
            got,
            vec![vec![
                r#"$.eventType != "AwsServiceEvent""#.to_string(),
                "$.userIdentity.invokedBy NOT EXISTS".to_string(),
                r#"$.userIdentity.type = "Root""#.to_string(),
            ]]
        );
    }

    #[test]
    fn a_level_mixing_and_and_or_keeps_every_reading() {
        // CIS's own pattern for route table changes: `A && B || C`.
        let r = readings(r#"{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = DeleteRoute) }"#).unwrap();
        assert_eq!(r.len(), 2, "{r:?}");
        let a_or_b = |r: &Vec<Vec<String>>| r.iter().any(|c| c.len() == 1);
        assert!(r.iter().any(a_or_b) && !r.iter().all(a_or_b));
    }

    #[test]
    fn the_empty_pattern_matches_everything_and_text_patterns_are_not_read() {
        assert_eq!(readings("  "), Some(vec![vec![Vec::<String>::new()]]));
        assert_eq!(readings("ERROR"), None);
        assert_eq!(readings(r#"[ip, user, ...]"#), None);
        assert_eq!(readings(r#"{ $.eventName = "unterminated }"#), None);
        assert_eq!(readings(r#"{ ($.eventName = X }"#), None);
        assert_eq!(readings(r#"{ $.eventName = X Y }"#), None);
    }
}
