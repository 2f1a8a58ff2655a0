//! Answers as a short, versioned code, for a share link's fragment (`#b12c=...`, never sent to a
//! server) and for the answers a reader asks the device to remember.
//!
//! The code is base64url (no padding) of: the format (one byte), the pack's fingerprint (four
//! bytes, little-endian), then each question's option mask in pack order as an unsigned LEB128
//! number, trailing unanswered questions left out. The fingerprint covers every question and
//! option id in order, so a code made with a different question set is recognised as another
//! version instead of being misread. Decoding accepts only what [`Answers::from_raw`] accepts.

use crate::engine::model::Pack;
use crate::engine::{AnswerError, Answers, RawAnswers, RawValue};
use crate::questionnaire::Questionnaire;

/// The fragment key: `#b12c=<code>`.
pub const FRAGMENT_KEY: &str = "b12c";

/// The fragment's `b12c=<code>` part's code, if any, and its other `&`-separated parts. The key
/// as an app that passed the link on may have changed it (`B12C=`, `b12c%3D`, or `b12c` with the
/// code lost) still marks the part as the answers: a code that cannot be read then gets the
/// notice, and the part leaves the address, as any other.
pub fn fragment_parts(hash: &str) -> (Option<&str>, Vec<&str>) {
    let mut code = None;
    let mut rest = Vec::new();
    for part in hash.trim_start_matches('#').split('&') {
        match code_in(part) {
            Some(found) => code = Some(found),
            None => rest.push(part),
        }
    }
    (code, rest)
}

/// The code in `part` if its key is the answers' (as written, or as `fragment_parts` says).
fn code_in(part: &str) -> Option<&str> {
    let after_key = part
        .get(..FRAGMENT_KEY.len())
        .filter(|key| key.eq_ignore_ascii_case(FRAGMENT_KEY))
        .map(|_| &part[FRAGMENT_KEY.len()..])?;
    if after_key.is_empty() {
        return Some("");
    }
    after_key.strip_prefix('=').or_else(|| {
        after_key
            .get(..3)
            .filter(|equals| equals.eq_ignore_ascii_case("%3D"))
            .map(|_| &after_key[3..])
    })
}

const FORMAT: u8 = 1;
const HEADER_LEN: usize = 5;
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not a code at all, or damaged.
    Malformed,
    /// Made by another version of the checker (another format or question set).
    OtherVersion,
    /// Well formed, but the answers break the pack's rules (for example a hidden question).
    Invalid(AnswerError),
}

/// The questionnaire a code's answers lead to (`Questionnaire::restored`).
pub fn restore(pack: &'static Pack, code: &str) -> Result<Questionnaire, ShareError> {
    decode(pack, code).map(|answers| Questionnaire::restored(pack, answers))
}

/// The code for `answers`.
pub fn encode(pack: &Pack, answers: &Answers) -> String {
    let mut bytes = vec![FORMAT];
    bytes.extend_from_slice(&fingerprint(pack).to_le_bytes());
    let masks = answers.masks();
    let used = masks
        .iter()
        .rposition(|&m| m != 0)
        .map_or(0, |last| last + 1);
    for &mask in &masks[..used] {
        write_leb128(&mut bytes, mask);
    }
    to_base64url(&bytes)
}

/// Longer than any real code (a few dozen characters): refused before it is read.
const MAX_CODE_LEN: usize = 512;

/// The answers in `code`; nothing in `code` can make this panic.
pub fn decode(pack: &Pack, code: &str) -> Result<Answers, ShareError> {
    if code.len() > MAX_CODE_LEN {
        return Err(ShareError::Malformed);
    }
    let bytes = from_base64url(code).ok_or(ShareError::Malformed)?;
    if bytes.len() < HEADER_LEN {
        return Err(ShareError::Malformed);
    }
    let (header, mut body) = bytes.split_at(HEADER_LEN);
    let stamp = u32::from_le_bytes([header[1], header[2], header[3], header[4]]);
    if header[0] != FORMAT || stamp != fingerprint(pack) {
        return Err(ShareError::OtherVersion);
    }
    let mut raw = RawAnswers::default();
    for question in pack.questions {
        if body.is_empty() {
            break;
        }
        let mask = read_leb128(&mut body).ok_or(ShareError::Malformed)?;
        if mask == 0 {
            continue;
        }
        if mask & !question.all_options() != 0 {
            return Err(ShareError::Malformed);
        }
        raw.0
            .push((question.id.to_string(), RawValue::from_mask(question, mask)));
    }
    if !body.is_empty() {
        return Err(ShareError::Malformed);
    }
    Answers::from_raw(pack, &raw).map_err(ShareError::Invalid)
}

/// FNV-1a over every question and option id, in order.
fn fingerprint(pack: &Pack) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    let mut add = |text: &str| {
        for &byte in text.as_bytes().iter().chain(b"\0") {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    };
    for question in pack.questions {
        add(question.id);
        question.options.iter().for_each(|option| add(option));
    }
    hash
}

fn write_leb128(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// One number, at most five bytes, with no redundant trailing zero byte.
fn read_leb128(input: &mut &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        let bits = u32::from(byte & 0x7f);
        if shift == 28 && bits > 0x0f || shift > 0 && byte == 0 {
            return None;
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

pub(crate) fn to_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 0x3f) as usize]));
        }
    }
    out
}

/// Strict: only the URL-safe alphabet, no padding, and no stray low bits in the last character.
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u32> = text
        .bytes()
        .map(|c| BASE64URL.iter().position(|&a| a == c).map(|d| d as u32))
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
        let len = chunk.len() - 1;
        if n & ((1 << (24 - 8 * len)) - 1) != 0 {
            return None;
        }
        out.extend((0..len).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::QuestionKind;
    use crate::pack::PACK;

    fn answers(json_like: &[(&str, &[&str])]) -> Answers {
        let raw = RawAnswers(
            json_like
                .iter()
                .map(|&(q, options)| {
                    let question = &PACK.questions[usize::from(PACK.question_index(q).unwrap())];
                    let value = match question.kind {
                        QuestionKind::Single => RawValue::One(options[0].to_string()),
                        QuestionKind::Multi => {
                            RawValue::Many(options.iter().map(|o| o.to_string()).collect())
                        }
                    };
                    (q.to_string(), value)
                })
                .collect(),
        );
        Answers::from_raw(&PACK, &raw).unwrap()
    }

    #[test]
    fn a_typical_code_is_short_and_round_trips() {
        let given = answers(&[
            ("q_age", &["65_74"]),
            ("q_neuro", &["balance_problems"]),
            ("q_neuro_onset", &["gradual_weeks_to_months"]),
        ]);
        let code = encode(&PACK, &given);
        assert!(code.len() < 40, "{code}");
        assert_eq!(decode(&PACK, &code), Ok(given));
    }

    #[test]
    fn no_answers_is_a_code_too() {
        let none = Answers::new(&PACK);
        assert_eq!(decode(&PACK, &encode(&PACK, &none)), Ok(none));
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..12 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 200) as u8).collect();
            assert_eq!(from_base64url(&to_base64url(&bytes)), Some(bytes));
        }
        // RFC 4648's URL-safe alphabet, without padding.
        assert_eq!(to_base64url(b"\x01\x02\x03\x04"), "AQIDBA");
        assert_eq!(to_base64url(b"\xfb\xff"), "-_8");
    }

    #[test]
    fn damaged_codes_are_malformed() {
        let code = encode(&PACK, &answers(&[("q_age", &["65_74"])]));
        assert_eq!(decode(&PACK, ""), Err(ShareError::Malformed));
        assert_eq!(decode(&PACK, "not a code!"), Err(ShareError::Malformed));
        assert_eq!(decode(&PACK, &code[..3]), Err(ShareError::Malformed));
        assert_eq!(
            decode(&PACK, &"A".repeat(100_000)),
            Err(ShareError::Malformed)
        );
        assert_eq!(
            decode(&PACK, &format!("{code}=")),
            Err(ShareError::Malformed)
        );
    }

    #[test]
    fn another_format_or_question_set_is_another_version() {
        let mut bytes = from_base64url(&encode(&PACK, &Answers::new(&PACK))).unwrap();
        bytes[0] = 2;
        assert_eq!(
            decode(&PACK, &to_base64url(&bytes)),
            Err(ShareError::OtherVersion)
        );
        bytes[0] = FORMAT;
        bytes[1] ^= 1;
        assert_eq!(
            decode(&PACK, &to_base64url(&bytes)),
            Err(ShareError::OtherVersion)
        );
    }

    /// A real link made by pack 1.0 (age 65-74, night calf cramps, balance problems): pack 1.1
    /// added questions and options, so it is another version, not misread answers.
    #[test]
    fn a_link_from_pack_1_0_is_another_version() {
        assert_eq!(
            decode(&PACK, "ASpn7FCAAoACEAEBAgQQAgE"),
            Err(ShareError::OtherVersion)
        );
    }

    #[test]
    fn tampered_answers_are_refused_by_the_packs_rules() {
        let header = from_base64url(&encode(&PACK, &Answers::new(&PACK))).unwrap();
        let with_masks = |masks: &[u32]| {
            let mut bytes = header.clone();
            masks.iter().for_each(|&m| write_leb128(&mut bytes, m));
            to_base64url(&bytes)
        };
        // Two answers to a one-answer question (q_age is single choice).
        let q_age = usize::from(PACK.question_index("q_age").unwrap());
        let mut masks = vec![0; q_age + 1];
        masks[q_age] = 0b11;
        assert!(matches!(
            decode(&PACK, &with_masks(&masks)),
            Err(ShareError::Invalid(_))
        ));
        // An option that does not exist.
        masks[q_age] = 1 << 30;
        assert_eq!(
            decode(&PACK, &with_masks(&masks)),
            Err(ShareError::Malformed)
        );
        // An answer to the onset question after mouth ulcers only, which do not show it.
        let neuro = PACK.question_index("q_neuro").unwrap();
        let onset = PACK.question_index("q_neuro_onset").unwrap();
        let ulcers = PACK.questions[usize::from(neuro)]
            .option_index("sore_red_tongue_mouth_ulcers")
            .unwrap();
        let mut masks = vec![0; usize::from(onset) + 1];
        masks[usize::from(neuro)] = 1 << ulcers;
        masks[usize::from(onset)] = 0b01;
        assert!(matches!(
            decode(&PACK, &with_masks(&masks)),
            Err(ShareError::Invalid(AnswerError::Hidden {
                question: "q_neuro_onset",
                ..
            }))
        ));
        // More questions than the pack has.
        let too_many = vec![0; PACK.questions.len() + 1];
        assert_eq!(
            decode(&PACK, &with_masks(&too_many)),
            Err(ShareError::Malformed)
        );
    }

    #[test]
    fn the_answers_part_is_found_as_written_and_as_apps_change_its_key() {
        assert_eq!(fragment_parts("#b12c=AbC_-"), (Some("AbC_-"), vec![]));
        // A hash-routed page's route and an anchor stay apart.
        assert_eq!(
            fragment_parts("#/article/b12&b12c=AbC&top"),
            (Some("AbC"), vec!["/article/b12", "top"])
        );
        for changed in ["#B12C=AbC", "#b12c%3DAbC", "#B12c%3dAbC"] {
            assert_eq!(fragment_parts(changed), (Some("AbC"), vec![]), "{changed}");
        }
        // The code lost: still the answers' part, so that it gets the notice and goes.
        assert_eq!(fragment_parts("#b12c"), (Some(""), vec![]));
        // Not the key: a longer word, another key, a key cut short, a multibyte start.
        for other in ["#b12cx=AbC", "#b12=AbC", "#b1", "#é12c=AbC", "#b12c%3", "#"] {
            assert_eq!(fragment_parts(other).0, None, "{other}");
        }
    }
}
