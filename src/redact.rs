//! Credentials that may sit inside text vouch prints: a URL's `user:password@` given
//! as an endpoint or delivery target must not reach messages or logs.

/// `text` with the `user:password@` of any URL in it replaced by `***@`, for every
/// message that names a target: a URL's credentials must not reach logs.
pub fn redact_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let authority_end = tail.find(['/', '?', '#', ' ']).unwrap_or(tail.len());
        match tail[..authority_end].rfind('@') {
            Some(userinfo_end) => {
                out.push_str("***");
                rest = &tail[userinfo_end..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}
