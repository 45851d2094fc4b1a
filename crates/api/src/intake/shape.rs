//! Stage 2 of the intake: the shape of a body against the request's JSON Schema. Every
//! unknown, missing or mistyped field is reported at once, so a hand-made or hostile body
//! learns everything that is wrong in one answer.

use efa_domain::messages::ErrorCode;
use serde_json::Value;

use super::fields::{api_problem, field_problem};
use crate::problem::FieldProblem;

/// Upper bound of reported shape errors, so a hostile body cannot make a huge answer.
const MAX_REPORTED_ERRORS: usize = 200;

struct ShapeChecker<'a> {
    root: &'a Value,
    errors: Vec<FieldProblem>,
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        _ => true,
    }
}

impl<'a> ShapeChecker<'a> {
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        // Bounded: a schema without cycles of pure references needs few steps.
        for _ in 0..16 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(pointer) = r.strip_prefix('#') else {
                break;
            };
            match self.root.pointer(pointer) {
                Some(target) => s = target,
                None => break,
            }
        }
        s
    }

    fn push(&mut self, p: FieldProblem) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(p);
        }
    }

    fn check(&mut self, schema: &'a Value, v: &Value, path: &str) {
        let schema = self.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return;
        };

        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = obj.get(key).and_then(Value::as_array) {
                self.check_branches(branches, v, path);
            }
        }
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            for s in all {
                self.check(s, v, path);
            }
        }
        if let Some(t) = obj.get("type") {
            let ok = match t {
                Value::String(t) => type_matches(t, v),
                Value::Array(ts) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|t| type_matches(t, v)),
                _ => true,
            };
            if !ok {
                self.push(api_problem(path, ErrorCode::InvalidType));
                return;
            }
        }
        if let Some(c) = obj.get("const")
            && c != v
        {
            self.push(api_problem(path, ErrorCode::InvalidValue));
            return;
        }
        if let Some(options) = obj.get("enum").and_then(Value::as_array)
            && !options.contains(v)
        {
            self.push(api_problem(path, ErrorCode::InvalidValue));
            return;
        }
        if let Some(n) = v.as_f64() {
            let below = obj
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m);
            let above = obj
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n > m);
            let too_big_u32 = obj.get("format").and_then(Value::as_str) == Some("uint32")
                && n > f64::from(u32::MAX);
            if below || above || too_big_u32 {
                self.push(api_problem(path, ErrorCode::InvalidValue));
            }
        }
        match v {
            Value::Object(map) => self.check_object(obj, map, path),
            Value::Array(items) => {
                if let Some(item_schema) = obj.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &format!("{path}[{i}]"));
                    }
                }
            }
            _ => {}
        }
    }

    fn check_object(
        &mut self,
        obj: &'a serde_json::Map<String, Value>,
        map: &serde_json::Map<String, Value>,
        path: &str,
    ) {
        let props = obj.get("properties").and_then(Value::as_object);
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    self.push(field_problem(&join_key(path, name), ErrorCode::Required));
                }
            }
        }
        let additional = obj.get("additionalProperties");
        for (k, child) in map {
            let child_path = join_key(path, k);
            match props.and_then(|p| p.get(k)) {
                Some(s) => self.check(s, child, &child_path),
                None => match additional {
                    Some(Value::Bool(false)) => {
                        self.push(api_problem(&child_path, ErrorCode::UnknownField))
                    }
                    Some(s @ Value::Object(_)) => self.check(s, child, &child_path),
                    _ => {}
                },
            }
        }
    }

    /// A value must match one of several shapes (an optional value, a tagged choice, an
    /// enumeration). If none fits: for a tagged choice the errors of the branch the tag
    /// names (or an error at the tag), otherwise the errors of the closest shape when they
    /// lie inside the value, or one error for the value itself.
    fn check_branches(&mut self, branches: &'a [Value], v: &Value, path: &str) {
        let mut results: Vec<(&'a Value, Vec<FieldProblem>)> = Vec::new();
        for b in branches {
            let b = self.resolve(b);
            let mut sub = ShapeChecker {
                root: self.root,
                errors: Vec::new(),
            };
            sub.check(b, v, path);
            if sub.errors.is_empty() {
                return;
            }
            results.push((b, sub.errors));
        }
        let tag_of = |b: &'a Value| -> Option<(&'a str, &'a Value)> {
            b.get("properties")?.as_object()?.iter().find_map(|(k, s)| {
                let c = self.resolve(s).get("const")?;
                Some((k.as_str(), c))
            })
        };
        if let Some((tag_key, _)) = results.first().and_then(|(b, _)| tag_of(b)) {
            let meant = results.iter().position(|(b, _)| {
                tag_of(b).is_some_and(|(k, c)| k == tag_key && v.get(tag_key) == Some(c))
            });
            if let Some(i) = meant {
                let errors = results.swap_remove(i).1;
                errors.into_iter().for_each(|e| self.push(e));
                return;
            }
            if v.is_object() {
                let p = join_key(path, tag_key);
                let code = if v.get(tag_key).is_some() {
                    ErrorCode::InvalidValue
                } else {
                    ErrorCode::Required
                };
                self.push(field_problem(&p, code));
                return;
            }
        }
        let best = results.into_iter().min_by_key(|(_, e)| e.len());
        match best {
            Some((_, errors)) if errors.len() == 1 || errors.iter().all(|e| e.path != path) => {
                errors.into_iter().for_each(|e| self.push(e));
            }
            _ => self.push(api_problem(path, ErrorCode::InvalidType)),
        }
    }
}

/// Every shape error of `value` against `schema` (unknown, missing and mistyped fields).
pub fn shape_errors(schema: &Value, value: &Value) -> Vec<FieldProblem> {
    let mut c = ShapeChecker {
        root: schema,
        errors: Vec::new(),
    };
    c.check(schema, value, "");
    c.errors
}
