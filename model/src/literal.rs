//! Pack values written as the Rust expressions that rebuild them: the pack compiler's output is
//! `pub static PACK: Pack = <PACK's literal>;`. Each struct's writer destructures it whole, so
//! a field added to the model and not written here fails to compile, and the generated code
//! can never disagree with the types it instantiates.

use crate::pack::*;
use crate::texts::*;
use std::fmt::Write;

/// A value that can write itself as a Rust expression.
pub trait Literal {
    fn write(&self, out: &mut String);

    fn literal(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

impl Literal for &'static str {
    fn write(&self, out: &mut String) {
        // Debug escapes exactly as a Rust string literal needs.
        let _ = write!(out, "{self:?}");
    }
}

macro_rules! number_literals {
    ($($t:ty),*) => {$(
        impl Literal for $t {
            fn write(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
number_literals!(bool, u16, u32, i32, usize);

impl<T: Literal> Literal for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(value) => {
                out.push_str("Some(");
                value.write(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Literal> Literal for &'static [T] {
    fn write(&self, out: &mut String) {
        out.push_str("&[");
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            item.write(out);
        }
        out.push(']');
    }
}

/// `Name { field: <literal>, ... }`, with every field of the struct.
macro_rules! struct_literal {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl Literal for $name {
            fn write(&self, out: &mut String) {
                let $name { $($field),* } = self;
                out.push_str(concat!(stringify!($name), " {"));
                $(
                    out.push_str(concat!(" ", stringify!($field), ": "));
                    $field.write(out);
                    out.push(',');
                )*
                out.push_str(" }");
            }
        }
    };
}

struct_literal!(Pack {
    id,
    version,
    last_reviewed,
    review_status,
    questions,
    steps,
    levels,
    factors,
    red_flag_factor,
    strongest_of,
    strongest_when_all_zero,
    groups,
    scores,
    red_flags,
    signals,
    outcomes,
    advice,
    references,
    regions,
    default_region,
});
struct_literal!(Question {
    id,
    kind,
    required,
    options,
    exclusive,
    show_if,
    refs
});
struct_literal!(Step { id, questions });
struct_literal!(Condition { expr, source });
struct_literal!(Score {
    factor,
    group,
    points,
    when,
    refs
});
struct_literal!(RedFlag {
    id,
    level,
    when,
    refs
});
struct_literal!(Signal {
    id,
    internal,
    when,
    refs
});
struct_literal!(Outcome {
    id,
    level,
    when,
    top,
    stop_asking,
    show_factors,
    refs
});
struct_literal!(Advice {
    id,
    section,
    levels,
    when,
    refs
});
struct_literal!(Reference {
    id,
    title,
    publisher,
    year,
    url,
    language
});
struct_literal!(Level { id, tone, refs });
struct_literal!(Factor { id, refs });
struct_literal!(TextLayout {
    questions,
    steps,
    levels,
    factors,
    red_flags,
    signals,
    outcomes,
    advice,
    sections,
    region_keys,
    regions,
    region_count,
    ui,
});

impl Literal for QuestionKind {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            QuestionKind::Single => "QuestionKind::Single",
            QuestionKind::Multi => "QuestionKind::Multi",
        });
    }
}

impl Literal for TopFactor {
    fn write(&self, out: &mut String) {
        match self {
            TopFactor::Fixed(factor) => {
                let _ = write!(out, "TopFactor::Fixed({factor})");
            }
            TopFactor::Strongest => out.push_str("TopFactor::Strongest"),
        }
    }
}

impl Literal for Tone {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            Tone::Emergency => "Tone::Emergency",
            Tone::Urgent => "Tone::Urgent",
            Tone::Appointment => "Tone::Appointment",
            Tone::SelfCare => "Tone::SelfCare",
        });
    }
}

impl Literal for Section {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            Section::Note => "Section::Note",
            Section::NextSteps => "Section::NextSteps",
            Section::SelfCare => "Section::SelfCare",
            Section::Background => "Section::Background",
            Section::ClinicianTests => "Section::ClinicianTests",
        });
    }
}

impl Literal for Expr {
    fn write(&self, out: &mut String) {
        match self {
            Expr::Chose { question, options } => {
                let _ = write!(
                    out,
                    "Expr::Chose {{ question: {question}, options: {options:#b} }}"
                );
            }
            Expr::PointsAtLeast { factor, group, min } => {
                let _ = write!(out, "Expr::PointsAtLeast {{ factor: {factor}, group: ");
                group.write(out);
                let _ = write!(out, ", min: {min} }}");
            }
            Expr::Signal(signal) => {
                let _ = write!(out, "Expr::Signal({signal})");
            }
            Expr::Not(inner) => {
                out.push_str("Expr::Not(&");
                inner.write(out);
                out.push(')');
            }
            Expr::All(parts) => {
                out.push_str("Expr::All(");
                parts.write(out);
                out.push(')');
            }
            Expr::Any(parts) => {
                out.push_str("Expr::Any(");
                parts.write(out);
                out.push(')');
            }
        }
    }
}
