//! The compiler builds the model's own types (`b12_model`), whose lists and texts are
//! `&'static`, as the compiled checker holds them. It runs once per build, in `build.rs`, so
//! it gets those references by leaking what it builds: nothing is ever freed early.

pub fn list<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

pub fn text(text: impl Into<String>) -> &'static str {
    Box::leak(text.into().into_boxed_str())
}
