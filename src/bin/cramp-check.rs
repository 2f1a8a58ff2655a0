//! `cramp-check`: evaluate answers from a file or standard input, and exchange the
//! questionnaire and answers as FHIR R4 resources.
//!
//!   cramp-check eval [FILE|-]                                  the assessment as JSON
//!   cramp-check explain [--lang CODE] [--region ID] [FILE|-]  the result as readable text
//!   cramp-check outline [--lang CODE] [--region ID] [FILE|-]  the result's outline as JSON
//!   cramp-check fhir questionnaire [--lang CODE] [--region ID]  the pack as a Questionnaire
//!   cramp-check fhir response [--lang CODE] [--region ID] [FILE|-]  answers as a QuestionnaireResponse
//!   cramp-check fhir answers [FILE|-]                          a QuestionnaireResponse as answers
//!
//! Bad input exits with code 2 and one line that names the problem; output that cannot be
//! written (a full disk) exits with code 1. `eval`, `explain`, `outline` and `fhir answers`
//! also warn, in one line on standard error with exit code 0, when the answers are incomplete:
//! the questionnaire would not show their result yet. The warning names the questions it would
//! ask next, and those an answer to which could be a warning sign that makes it more urgent.

use b12_cramp_check::engine::model::QuestionIdx;
use b12_cramp_check::engine::{
    could_be_more_urgent, evaluate, shortened, shortened_to, Answers, RawAnswers,
};
use b12_cramp_check::fhir;
use b12_cramp_check::outline::outline;
use b12_cramp_check::pack::{default_texts, region_index, Texts, LANGUAGES, PACK};
use b12_cramp_check::questionnaire::{Evaluation, Questionnaire, Screen};
use b12_cramp_check::report;
use b12_cramp_check::settings::{region_of_language, texts_of_language};
use serde::Serialize;
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// The help text; `{REGIONS}` and `{LANGUAGES}` stand for the pack's regions and languages.
const USAGE: &str = "usage: cramp-check eval [FILE|-]
       cramp-check <explain|outline> [--lang CODE] [--region {REGIONS}] [FILE|-]
       cramp-check fhir questionnaire [--lang CODE] [--region {REGIONS}]
       cramp-check fhir response [--lang CODE] [--region {REGIONS}] [FILE|-]
       cramp-check fhir answers [FILE|-]
  eval     print the assessment as JSON
  explain  print the result as readable text with the cited sources, as the page shows it
  outline  print the result's outline as JSON: its sections in the page's order, with their
           texts and citation numbers
  fhir questionnaire  print the questions as a FHIR R4 Questionnaire in the language
  fhir response       print answers as a FHIR R4 QuestionnaireResponse: status completed when
                      the questionnaire would show their result and every question it requires
                      is answered, stopped when it shows the result before that (an emergency
                      or same-day sign, an age under 18), else in-progress. Answers in steps the
                      Questionnaire disables after an emergency sign are left out, with a
                      warning naming them
  fhir answers        read a FHIR R4 QuestionnaireResponse and print its answers as JSON, as
                      eval takes them
  --version           print the program's version and its content pack's
Answers are a JSON object: a string for a one-answer question, a list for tick-all-that-apply,
e.g. {\"q_age\":\"65_74\",\"q_neuro\":[\"balance_problems\"]}. FILE '-' or none reads
standard input. eval, explain, outline and fhir answers warn on standard error when the answers
are incomplete (the questionnaire would not show their result yet), naming the questions it
would ask next and those whose answer could be a warning sign that makes the result more urgent.
eval and fhir answers print ids, not texts, so they take no --lang or --region. --lang takes
{LANGUAGES}; a tag with a country (es-ES, en-GB) also picks its region unless --region names one.
Exit code 0: done (warnings included); 2: bad input or arguments; 1: the output could not be
written.";

/// The help text with the pack's regions and languages.
fn usage() -> String {
    USAGE
        .replace("{REGIONS}", &PACK.regions.join("|"))
        .replace("{LANGUAGES}", &language_codes().join(" or "))
}

fn language_codes() -> Vec<&'static str> {
    LANGUAGES.iter().map(|t| t.code).collect()
}

enum Command {
    Eval,
    Explain,
    Outline,
    FhirQuestionnaire,
    FhirResponse,
    FhirAnswers,
}

impl Command {
    /// The name of a command whose output is ids, not texts: one that --lang and --region
    /// would not change.
    fn ids_only(&self) -> Option<&'static str> {
        match self {
            Command::Eval => Some("eval"),
            Command::FhirAnswers => Some("fhir answers"),
            _ => None,
        }
    }
}

struct Options {
    command: Command,
    texts: &'static Texts,
    region: usize,
    input: Option<String>,
}

/// What a command prints: its output, and a warning for standard error.
struct Output {
    text: String,
    warning: Option<String>,
}

impl Output {
    /// The output for answers, with a warning when they are incomplete: partial answers stay
    /// valid, so the result is printed either way.
    fn for_answers(answers: &Answers, text: String) -> Self {
        Output::for_flow(&Questionnaire::restored(&PACK, answers.clone()), text)
    }

    /// The same, for the questionnaire the answers lead to, where the caller has it already.
    fn for_flow(flow: &Questionnaire, text: String) -> Self {
        Output {
            text,
            warning: incomplete_warning(flow),
        }
    }
}

impl From<String> for Output {
    fn from(text: String) -> Self {
        Output {
            text,
            warning: None,
        }
    }
}

fn main() -> ExitCode {
    // Written, not printed: `println!` would panic on a closed stdout. A reader that stops
    // early (`| head`) closes it on purpose; any other failure (a full disk) loses the output,
    // so it is reported, with its own exit code as the input was fine. Nothing is left to
    // report a failure to write standard error to.
    match args().and_then(|args| run(&args)) {
        Ok(output) => {
            if let Some(warning) = output.warning {
                let _ = writeln!(io::stderr(), "cramp-check: warning: {}", lines(&warning));
            }
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(output.text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(io::stderr(), "cramp-check: cannot write the output: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(message) => {
            let _ = writeln!(io::stderr(), "cramp-check: {}", lines(&message));
            ExitCode::from(2)
        }
    }
}

/// The arguments, each of which must be text (a file name that is not is refused by name).
fn args() -> Result<Vec<String>, String> {
    std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string().map_err(|arg| {
                format!(
                    "an argument is not valid UTF-8: {}",
                    shortened(&arg.to_string_lossy())
                )
            })
        })
        .collect()
}

/// Whether a message shows a character escaped (`\u{202e}`): a control character, or a format
/// character that moves, breaks or hides text (a bidi mark, embedding, override or isolate, a
/// line or paragraph separator, a zero-width or invisible one, an interlinear annotation, a
/// tag), so that a terminal neither takes an escape sequence from the input nor reorders,
/// breaks or hides part of the message's line.
fn escaped(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}')
        || matches!(c, '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
        || matches!(c, '\u{e0000}'..='\u{e007f}')
}

/// A limit for `shortened_to` that no message reaches: escape, but never cut.
const NEVER_CUT: usize = usize::MAX;

/// A message's lines, each with the characters [`escaped`] picks escaped. Input reaches a
/// message escaped (`shortened`, [`shown`]) but for the format characters that only this
/// escapes; the line breaks left are the message's own (the usage after a usage error).
fn lines(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, line) in message.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&shortened_to(line, NEVER_CUT, escaped));
    }
    out
}

/// At most this many characters of an argument are quoted: a file name may be long, but a
/// message stays one short line.
const SHOWN_CHARS: usize = 300;

/// An argument (a file name, a command) as a message quotes it: escaped, and cut after
/// [`SHOWN_CHARS`] characters as written.
fn shown(arg: &str) -> std::borrow::Cow<'_, str> {
    shortened_to(arg, SHOWN_CHARS, escaped)
}

/// A JSON parser's message with each quoted piece of the input cut to a short prefix: it quotes
/// whole strings, and a huge one would make a huge message. A quote escaped inside one (`\"`)
/// does not end it.
fn shorten_quotes(message: &str) -> String {
    let mut out = String::new();
    let mut quoted: Option<String> = None;
    let mut escaped = false;
    for c in message.chars() {
        match &mut quoted {
            Some(inside) if c == '"' && !escaped => {
                out.push_str(&shortened(inside));
                out.push(c);
                quoted = None;
            }
            Some(inside) => {
                escaped = c == '\\' && !escaped;
                inside.push(c);
            }
            None => {
                out.push(c);
                if c == '"' {
                    quoted = Some(String::new());
                    escaped = false;
                }
            }
        }
    }
    if let Some(inside) = quoted {
        out.push_str(&shortened(&inside));
    }
    out
}

fn run(args: &[String]) -> Result<Output, String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(format!("{}\n", usage()).into());
    }
    if args.iter().any(|a| a == "--version") {
        let program = env!("CARGO_PKG_VERSION");
        return Ok(format!(
            "cramp-check {program} (content pack {} {})\n",
            PACK.id, PACK.version
        )
        .into());
    }
    let options = parse_args(args)?;
    let (texts, region) = (options.texts, options.region);
    let input = || read_input(options.input.as_deref());
    let answers = || -> Result<Answers, String> {
        let raw: RawAnswers = serde_json::from_str(&input()?)
            .map_err(|e| format!("invalid answers JSON: {}", shorten_quotes(&e.to_string())))?;
        Answers::from_raw(&PACK, &raw).map_err(|e| e.to_string())
    };
    let outline_of = |answers: &Answers| outline(&evaluate(&PACK, answers), answers, texts, region);
    let output = match options.command {
        Command::Eval => {
            let evaluation = Evaluation::of(&PACK, answers()?);
            Output::for_flow(evaluation.flow(), json(&evaluation)?)
        }
        Command::Explain => {
            let answers = answers()?;
            Output::for_answers(&answers, report::explain(&outline_of(&answers), texts))
        }
        Command::Outline => {
            let answers = answers()?;
            Output::for_answers(&answers, json(&outline_of(&answers))?)
        }
        Command::FhirQuestionnaire => {
            json(&fhir::questionnaire(texts, region).map_err(|e| e.to_string())?)?.into()
        }
        Command::FhirResponse => {
            let response = fhir::response(&answers()?, texts, region);
            let left_out = response.left_out();
            Output {
                text: json(&response)?,
                warning: (!left_out.is_empty()).then(|| {
                    format!(
                        "left out the answers to {}: the Questionnaire asks nothing after an \
                         emergency sign, so a response cannot hold them (the result is the same \
                         without them)",
                        left_out.join(", ")
                    )
                }),
            }
        }
        Command::FhirAnswers => {
            let response: fhir::ResponseInput = serde_json::from_str(&input()?).map_err(|e| {
                format!(
                    "invalid QuestionnaireResponse JSON: {}",
                    shorten_quotes(&e.to_string())
                )
            })?;
            let answers = fhir::answers_from_response(&response).map_err(|e| e.to_string())?;
            Output::for_answers(&answers, json(&answers.to_raw(&PACK))?)
        }
    };
    Ok(output)
}

/// A warning (for every command that reads answers but `fhir response`, whose status says so)
/// when the questionnaire would not show the result for its answers yet (`flow`, as
/// `Questionnaire::restored` leaves it, as for answers from a link). It names the
/// questions it would ask next (the shown required ones unanswered on the step it would stop
/// at), and every unanswered question an answer to which could be a warning sign more urgent
/// than the result (`could_be_more_urgent`, with the follow-ups it may bring in), among those
/// and those on the steps the answers have reached, as the questionnaire checks before it
/// shows a result. Other answers can change a result below a warning sign too; the first part
/// says the answers are incomplete. Partial answers stay valid: the result is still printed.
fn incomplete_warning(flow: &Questionnaire) -> Option<String> {
    let answers = flow.answers();
    let Screen::Step(step) = flow.screen() else {
        return None;
    };
    let ids = |questions: &[QuestionIdx]| {
        let ids: Vec<&str> = questions
            .iter()
            .map(|&q| PACK.questions[usize::from(q)].id)
            .collect();
        ids.join(", ")
    };
    let next = flow.unanswered_required(step);
    let mut open = flow.unanswered_so_far();
    for &q in &next {
        if !open.contains(&q) {
            open.push(q);
        }
    }
    open.sort_unstable();
    let (shown, hidden): (Vec<QuestionIdx>, Vec<QuestionIdx>) =
        open.iter().partition(|&&q| answers.is_shown(&PACK, q));
    let level = flow.assessment().level;
    let warning_signs: Vec<QuestionIdx> = shown
        .into_iter()
        .filter(|&q| {
            let with_follow_ups: Vec<QuestionIdx> = hidden.iter().copied().chain([q]).collect();
            could_be_more_urgent(&PACK, answers, &with_follow_ups, level)
        })
        .collect();
    let mut warning = format!(
        "incomplete answers: the questionnaire would next ask {}",
        ids(&next)
    );
    if !warning_signs.is_empty() {
        warning += &format!(
            "; an answer to {} could be a warning sign that makes the result more urgent",
            ids(&warning_signs)
        );
    }
    Some(warning)
}

fn json(value: &impl Serialize) -> Result<String, String> {
    Ok(serde_json::to_string_pretty(value).map_err(|e| e.to_string())? + "\n")
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut args = args.iter();
    let command = match args.next().map(String::as_str) {
        Some("eval") => Command::Eval,
        Some("explain") => Command::Explain,
        Some("outline") => Command::Outline,
        Some("fhir") => match args.next().map(String::as_str) {
            Some("questionnaire") => Command::FhirQuestionnaire,
            Some("response") => Command::FhirResponse,
            Some("answers") => Command::FhirAnswers,
            Some(other) => {
                return Err(format!(
                    "unknown fhir command \"{}\" (questionnaire, response or answers)\n{}",
                    shown(other),
                    usage()
                ))
            }
            None => {
                return Err(format!(
                    "fhir needs questionnaire, response or answers\n{}",
                    usage()
                ))
            }
        },
        Some(other) => return Err(format!("unknown command \"{}\"\n{}", shown(other), usage())),
        None => return Err(usage()),
    };
    let mut options = Options {
        command,
        texts: default_texts(),
        region: PACK.default_region,
        input: None,
    };
    let mut region_given = false;
    while let Some(arg) = args.next() {
        // Refused rather than ignored: whoever gives one expects the output to change.
        let ids_only = options.command.ids_only();
        if let (Some(command), "--lang" | "--region") = (ids_only, arg.as_str()) {
            return Err(format!(
                "{command} prints ids, not texts: {arg} has no effect"
            ));
        }
        match arg.as_str() {
            "--lang" => {
                let code = args.next().ok_or("--lang needs a language code")?;
                // A tag with a country ("es-ES") uses its language, and its region unless
                // --region names one.
                if !region_given {
                    options.region = region_of_language(code).unwrap_or(PACK.default_region);
                }
                options.texts = texts_of_language(code).ok_or_else(|| {
                    format!(
                        "unknown language \"{}\" (available: {})",
                        shortened(code),
                        language_codes().join(", ")
                    )
                })?;
            }
            "--region" => {
                let id = args.next().ok_or("--region needs a region")?;
                region_given = true;
                options.region = region_index(id).ok_or_else(|| {
                    format!(
                        "unknown region \"{}\" (available: {})",
                        shortened(id),
                        PACK.regions.join(", ")
                    )
                })?;
            }
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option \"{}\"\n{}", shown(flag), usage()))
            }
            path if matches!(options.command, Command::FhirQuestionnaire) => {
                return Err(format!(
                    "unexpected argument \"{}\" (fhir questionnaire reads no input)",
                    shown(path)
                ))
            }
            path if options.input.is_none() => options.input = Some(path.to_string()),
            extra => {
                return Err(format!(
                    "unexpected argument \"{}\" (give one FILE or -)",
                    shown(extra)
                ))
            }
        }
    }
    Ok(options)
}

/// The most input read. Answers take under 2 KB, and a QuestionnaireResponse of them a few
/// (17 KB with every box ticked, in Spanish); larger input is refused, not read until memory
/// runs out (`eval /dev/zero`).
const MAX_INPUT_BYTES: u64 = 1 << 20;

fn read_input(path: Option<&str>) -> Result<String, String> {
    let (source, input): (std::borrow::Cow<'_, str>, Box<dyn Read>) = match path {
        None | Some("-") => ("standard input".into(), Box::new(io::stdin())),
        Some(path) => {
            let path_shown = shown(path);
            let file =
                std::fs::File::open(path).map_err(|e| format!("cannot read {path_shown}: {e}"))?;
            (path_shown, Box::new(file))
        }
    };
    let mut bytes = Vec::new();
    input
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {source}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{source} is larger than {} MiB; answers take a few KB, even as a \
             QuestionnaireResponse",
            MAX_INPUT_BYTES >> 20
        ));
    }
    text_of(bytes, &source)
}

/// The text of a file as editors save it: UTF-8, with or without a byte-order mark (Windows
/// Notepad writes one), or UTF-16 after its mark (PowerShell 5 redirects output so). Other
/// encodings are refused by name rather than left to fail as JSON syntax: UTF-32, whose mark
/// starts as UTF-16LE's, and any text with a NUL byte, which JSON never has but UTF-16 and
/// UTF-32 without a mark have in every ASCII character.
fn text_of(bytes: Vec<u8>, source: &str) -> Result<String, String> {
    let utf8 = |bytes: Vec<u8>| {
        String::from_utf8(bytes)
            .ok()
            .filter(|text| !text.contains('\0'))
            .ok_or_else(|| not_utf8(source))
    };
    let utf16 = |body: &[u8], unit: fn([u8; 2]) -> u16| {
        let pairs = body.chunks_exact(2);
        let whole = pairs.remainder().is_empty();
        let units: Vec<u16> = pairs.map(|pair| unit([pair[0], pair[1]])).collect();
        String::from_utf16(&units)
            .ok()
            .filter(|_| whole)
            .ok_or_else(|| format!("{source} starts as UTF-16 text but is not valid UTF-16"))
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, body @ ..] => utf8(body.to_vec()),
        [0xFF, 0xFE, 0, 0, ..] => Err(not_utf8(source)),
        [0xFF, 0xFE, body @ ..] => utf16(body, u16::from_le_bytes),
        [0xFE, 0xFF, body @ ..] => utf16(body, u16::from_be_bytes),
        _ => utf8(bytes),
    }
}

fn not_utf8(source: &str) -> String {
    format!("{source} is not UTF-8 text; save it as UTF-8")
}
