//! The public JSON shapes, each described once: the assessment (`cramp-check eval`, the JS
//! `evaluate()`, with `complete` from `questionnaire::Evaluation`), the answers in their raw
//! form, the complete event's detail. Each type says its shape in a [`ToJson`] impl next to it,
//! and builds it in whatever [`Json`] value the caller asks for: on the command line a
//! [`Tree`], which serde_json prints; in the browser a plain JavaScript value
//! (`web::js_value`), so the wasm carries no serde code at all.

/// A JSON value under construction. Numbers are the shapes' points, so `i32`; objects keep
/// their fields in the order they were inserted.
pub trait Json: Sized {
    fn string(text: &str) -> Self;
    fn number(value: i32) -> Self;
    fn boolean(value: bool) -> Self;
    fn null() -> Self;
    /// An empty array, for [`Json::push`].
    fn array() -> Self;
    /// An empty object, for [`Json::insert`].
    fn object() -> Self;
    /// Appends `item` to this array.
    fn push(&mut self, item: Self);
    /// Adds a field to this object, after the ones it has.
    fn insert(&mut self, key: &str, value: Self);

    /// This object with one more field.
    fn with(mut self, key: &str, value: Self) -> Self {
        self.insert(key, value);
        self
    }

    /// An array of `items`.
    fn array_of(items: impl IntoIterator<Item = Self>) -> Self {
        let mut array = Self::array();
        for item in items {
            array.push(item);
        }
        array
    }
}

/// A value with a public JSON shape.
pub trait ToJson {
    fn to_json<J: Json>(&self) -> J;
}

/// The command line's [`Json`]: a JSON value that keeps its objects' fields in order, as
/// serde writes it (serde_json's own `Value` would sort them).
#[cfg(feature = "cli")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tree {
    String(String),
    Number(i32),
    Boolean(bool),
    Null,
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

#[cfg(feature = "cli")]
impl Json for Tree {
    fn string(text: &str) -> Self {
        Tree::String(text.to_string())
    }
    fn number(value: i32) -> Self {
        Tree::Number(value)
    }
    fn boolean(value: bool) -> Self {
        Tree::Boolean(value)
    }
    fn null() -> Self {
        Tree::Null
    }
    fn array() -> Self {
        Tree::Array(Vec::new())
    }
    fn object() -> Self {
        Tree::Object(Vec::new())
    }
    fn push(&mut self, item: Self) {
        match self {
            Tree::Array(items) => items.push(item),
            _ => unreachable!("a shape pushes only onto an array it made"),
        }
    }
    fn insert(&mut self, key: &str, value: Self) {
        match self {
            Tree::Object(fields) => fields.push((key.to_string(), value)),
            _ => unreachable!("a shape inserts only into an object it made"),
        }
    }
}

#[cfg(feature = "cli")]
impl serde::Serialize for Tree {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::String(text) => serializer.serialize_str(text),
            Tree::Number(value) => serializer.serialize_i32(*value),
            Tree::Boolean(value) => serializer.serialize_bool(*value),
            Tree::Null => serializer.serialize_unit(),
            Tree::Array(items) => serializer.collect_seq(items),
            Tree::Object(fields) => serializer.collect_map(fields.iter().map(|(k, v)| (k, v))),
        }
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;

    #[test]
    fn a_tree_prints_as_built_with_fields_in_order() {
        let tree = Tree::object()
            .with("z", Tree::string("a \"quoted\" text"))
            .with("a", Tree::number(-3))
            .with("m", Tree::null())
            .with("b", Tree::boolean(false))
            .with("list", Tree::array_of([Tree::number(1), Tree::object()]))
            .with("empty", Tree::array());
        assert_eq!(
            serde_json::to_string(&tree).unwrap(),
            r#"{"z":"a \"quoted\" text","a":-3,"m":null,"b":false,"list":[1,{}],"empty":[]}"#
        );
    }
}
