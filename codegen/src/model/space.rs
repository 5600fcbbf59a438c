//! The type space of one area: its types in spec order, referred to by [`TypeId`], with the facts
//! that need the whole area computed once: the flattened fields of each object (the shared
//! fields of its union, then inherited ones, then its own), the union each variant belongs to,
//! the fields that must be boxed, and alias cycles.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostics;
use crate::spec::{Area, At, Base, Body, Field, Response, TypeDef, TypeKind};

/// How long a chain of `extends` may be.
const MAX_EXTENDS: usize = 64;

/// A type of an area: its position in spec order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

/// The union that a variant type belongs to, and its discriminator value there.
#[derive(Debug, Clone, Copy)]
pub struct Membership<'s> {
    /// The union.
    pub union: TypeId,
    /// The discriminator field.
    pub tag: &'s At<String>,
    /// The variant's discriminator value.
    pub value: &'s At<String>,
}

/// The types of one area and what is known of them.
pub struct TypeSpace<'s> {
    defs: Vec<&'s TypeDef>,
    topic: Vec<usize>,
    by_name: BTreeMap<&'s str, TypeId>,
    member_of: Vec<Option<Membership<'s>>>,
    fields: Vec<Vec<&'s Field>>,
    boxed: BTreeSet<(TypeId, &'s str)>,
    sent: Vec<bool>,
    lends: Vec<bool>,
}

impl<'s> TypeSpace<'s> {
    /// The space of `area`'s types; reports variant types listed twice and alias cycles.
    pub fn new(area: &'s Area, diags: &mut Diagnostics) -> Self {
        let mut space = TypeSpace {
            defs: Vec::new(),
            topic: Vec::new(),
            by_name: BTreeMap::new(),
            member_of: Vec::new(),
            fields: Vec::new(),
            boxed: BTreeSet::new(),
            sent: Vec::new(),
            lends: Vec::new(),
        };
        for (topic, t) in area.topics.iter().enumerate().flat_map(|(i, t)| t.types.iter().map(move |d| (i, d))) {
            if !space.by_name.contains_key(t.name.value.as_str()) {
                space.by_name.insert(&t.name.value, TypeId(space.defs.len()));
                space.defs.push(t);
                space.topic.push(topic);
            }
        }
        space.member_of = space.memberships(diags);
        space.fields = space.ids().map(|id| space.flatten(id, diags)).collect();
        space.boxed = space.recursive_fields();
        space.alias_cycles(diags);
        space.sent = space.operation_types(area, false);
        space.lends = space.lending_types(area);
        space
    }

    /// Every type, in spec order.
    pub fn ids(&self) -> impl Iterator<Item = TypeId> {
        (0..self.defs.len()).map(TypeId)
    }

    /// The type of that name.
    pub fn id(&self, name: &str) -> Option<TypeId> {
        self.by_name.get(name).copied()
    }

    /// Its definition.
    pub fn def(&self, id: TypeId) -> &'s TypeDef {
        self.defs[id.0]
    }

    /// The index of the topic that defines it.
    pub fn topic(&self, id: TypeId) -> usize {
        self.topic[id.0]
    }

    /// Every field of an object, in order: its union's shared fields, inherited, its own.
    pub fn fields(&self, id: TypeId) -> &[&'s Field] {
        &self.fields[id.0]
    }

    /// The union that it is a variant of.
    pub fn membership(&self, id: TypeId) -> Option<Membership<'s>> {
        self.member_of[id.0]
    }

    /// Whether field `wire` of `owner` must be boxed, since its type holds `owner` again.
    pub fn boxed(&self, owner: TypeId, wire: &str) -> bool {
        self.boxed.contains(&(owner, wire))
    }

    /// Whether the SDK sends values of it: it is reachable from a request (body, form, part,
    /// query, header or path parameter) of an operation of the area.
    pub fn sent(&self, id: TypeId) -> bool {
        self.sent[id.0]
    }

    /// Whether its values borrow strings from the webhook body they are parsed from (see
    /// [`Ty::Text`](crate::model::Ty::Text)): it then has a lifetime.
    pub fn lends(&self, id: TypeId) -> bool {
        self.lends[id.0]
    }

    /// The types that requests of the area's operations hold (`responses: false`), or that
    /// requests or responses hold.
    fn operation_types(&self, area: &'s Area, responses: bool) -> Vec<bool> {
        let named = |base: &Base| base.name().and_then(|n| self.id(n));
        let mut roots: Vec<TypeId> = Vec::new();
        for op in area.topics.iter().flat_map(|t| &t.operations) {
            let params = op.path_params.iter().chain(&op.query).chain(&op.headers);
            let parts = match &op.body {
                Some(Body::Form(f) | Body::Multipart(f)) => f.as_slice(),
                _ => &[],
            };
            roots.extend(params.chain(parts).filter_map(|f| named(&f.ty.value.base)));
            if let Some(Body::Json(t)) = &op.body {
                roots.extend(self.id(&t.value));
            }
            if let (true, Some(Response::Json(t))) = (responses, op.response.as_ref().map(|r| &r.value)) {
                roots.extend(self.id(t));
            }
        }
        self.reachable(roots)
    }

    /// The types that `roots` hold, themselves included.
    fn reachable(&self, mut todo: Vec<TypeId>) -> Vec<bool> {
        let mut seen = vec![false; self.defs.len()];
        while let Some(id) = todo.pop() {
            if std::mem::replace(&mut seen[id.0], true) {
                continue;
            }
            todo.extend(self.held(id));
        }
        seen
    }

    /// The named types that values of `id` hold directly.
    fn held(&self, id: TypeId) -> Vec<TypeId> {
        let named = |base: &Base| base.name().and_then(|n| self.id(n));
        match &self.def(id).kind {
            TypeKind::Object { .. } => self.fields(id).iter().filter_map(|f| named(&f.ty.value.base)).collect(),
            TypeKind::Union { variants, fields, .. } => variants
                .iter()
                .filter_map(|(_, ty)| self.id(&ty.value))
                .chain(fields.iter().filter_map(|f| named(&f.ty.value.base)))
                .collect(),
            TypeKind::Alias { target } => named(&target.value.base).into_iter().collect(),
            TypeKind::Enum { .. } => Vec::new(),
        }
    }

    /// Which types borrow their strings from the body they are parsed from: those of the
    /// area's webhook body that no operation sends or returns, and that hold a string of their
    /// own (not in a list or a map) or another type that borrows.
    fn lending_types(&self, area: &'s Area) -> Vec<bool> {
        let Some(root) = area.webhook.as_ref().and_then(|w| self.id(&w.value)) else {
            return vec![false; self.defs.len()];
        };
        let of_operations = self.operation_types(area, true);
        let candidates: Vec<bool> =
            self.reachable(vec![root]).iter().zip(&of_operations).map(|(&webhook, &op)| webhook && !op).collect();
        let mut lends = vec![false; self.defs.len()];
        loop {
            let before = lends.clone();
            for id in self.ids().filter(|id| candidates[id.0]) {
                let holds_text = match &self.def(id).kind {
                    TypeKind::Object { .. } => self.fields(id).iter().any(|f| f.ty.value.base == Base::String),
                    _ => false,
                };
                lends[id.0] = holds_text || self.held(id).iter().any(|held| lends[held.0]);
            }
            if lends == before {
                return lends;
            }
        }
    }

    fn memberships(&self, diags: &mut Diagnostics) -> Vec<Option<Membership<'s>>> {
        let mut member_of: Vec<Option<Membership<'s>>> = vec![None; self.defs.len()];
        for union in self.ids() {
            let def = self.def(union);
            let TypeKind::Union { discriminator, variants, .. } = &def.kind else { continue };
            for (value, ty) in variants {
                let Some(variant) = self.id(&ty.value).filter(|v| matches!(self.def(*v).kind, TypeKind::Object { .. }))
                else {
                    continue; // reported by validate
                };
                match member_of[variant.0] {
                    None => member_of[variant.0] = Some(Membership { union, tag: discriminator, value }),
                    Some(first) if first.union == union => diags.hint(
                        &ty.pos,
                        format!(
                            "`{}` is listed under two values of union `{}`: `{}` and `{}`",
                            ty.value, def.name.value, first.value.value, value.value
                        ),
                        "a variant type stands for one discriminator value; define a second type for the other",
                    ),
                    Some(first) => diags.hint(
                        &ty.pos,
                        format!(
                            "`{}` is a variant of both `{}` and `{}`",
                            ty.value,
                            self.def(first.union).name.value,
                            def.name.value
                        ),
                        "a type is a variant of one union only; define a second type",
                    ),
                }
            }
        }
        member_of
    }

    /// The fields of an object, walking its `extends` chain (cycles are reported by validate).
    fn flatten(&self, id: TypeId, diags: &mut Diagnostics) -> Vec<&'s Field> {
        let mut chain = Vec::new();
        let mut next = Some(id);
        while let Some(current) = next.filter(|c| !chain.contains(c)) {
            let TypeKind::Object { extends, .. } = &self.def(current).kind else { break };
            chain.push(current);
            if chain.len() > MAX_EXTENDS {
                let def = self.def(id);
                diags.hint(
                    &def.name.pos,
                    format!("the `extends` chain of `{}` is longer than {MAX_EXTENDS} types", def.name.value),
                    "flatten the hierarchy",
                );
                return Vec::new();
            }
            next = extends.as_ref().and_then(|p| self.id(&p.value));
        }
        let shared = match self.membership(id).map(|m| &self.def(m.union).kind) {
            Some(TypeKind::Union { fields, .. }) => fields.iter().collect(),
            _ => Vec::new(),
        };
        let own = chain.iter().rev().flat_map(|c| match &self.def(*c).kind {
            TypeKind::Object { fields, .. } => fields.iter(),
            _ => [].iter(),
        });
        shared.into_iter().chain(own).collect()
    }

    /// The types that a value of `id` holds inline (not behind `Vec` or a map), with the field
    /// that holds each, if any.
    fn inline(&self, id: TypeId) -> Vec<(TypeId, Option<&'s str>)> {
        let direct = |base: &Base| match base {
            Base::Named(n) => self.id(n),
            _ => None,
        };
        match &self.def(id).kind {
            TypeKind::Object { .. } => self
                .fields(id)
                .iter()
                .filter_map(|f| direct(&f.ty.value.base).map(|t| (t, Some(f.name.value.as_str()))))
                .collect(),
            // A boxed union holds its variants behind a pointer already.
            TypeKind::Union { boxed: true, .. } => Vec::new(),
            TypeKind::Union { variants, .. } => {
                variants.iter().filter_map(|(_, ty)| self.id(&ty.value)).map(|t| (t, None)).collect()
            }
            TypeKind::Alias { target } => direct(&target.value.base).map(|t| (t, None)).into_iter().collect(),
            TypeKind::Enum { .. } => Vec::new(),
        }
    }

    /// The fields whose type holds their owner again: every inline edge of a struct that stays
    /// inside one strongly connected component. Boxing them makes every type finite, since
    /// each cycle passes through a struct field (variants are structs, and alias-only cycles
    /// are errors).
    fn recursive_fields(&self) -> BTreeSet<(TypeId, &'s str)> {
        let edges: Vec<Vec<(TypeId, Option<&'s str>)>> = self.ids().map(|id| self.inline(id)).collect();
        let graph: Vec<Vec<usize>> = edges.iter().map(|e| e.iter().map(|(t, _)| t.0).collect()).collect();
        let component = components(&graph);
        let mut out = BTreeSet::new();
        for (owner, targets) in edges.iter().enumerate() {
            for (target, field) in targets {
                if let Some(field) = field.filter(|_| component[owner] == component[target.0]) {
                    out.insert((TypeId(owner), field));
                }
            }
        }
        out
    }

    /// Aliases that refer to themselves, through other aliases, arrays or maps: `type A = B;
    /// type B = A;` and `type A = Vec<A>;` are not Rust.
    fn alias_cycles(&self, diags: &mut Diagnostics) {
        let alias_target = |id: TypeId| match &self.def(id).kind {
            TypeKind::Alias { target } => target.value.base.name().and_then(|n| self.id(n)),
            _ => None,
        };
        let graph: Vec<Vec<usize>> = self.ids().map(|id| alias_target(id).map(|t| t.0).into_iter().collect()).collect();
        let component = components(&graph);
        let mut reported = BTreeSet::new();
        for id in self.ids() {
            let Some(target) = alias_target(id) else { continue };
            if component[id.0] == component[target.0] && reported.insert(component[id.0]) {
                let mut cycle = vec![self.def(id).name.value.as_str()];
                let mut next = target;
                while next != id && cycle.len() <= self.defs.len() {
                    cycle.push(&self.def(next).name.value);
                    next = alias_target(next).unwrap_or(id);
                }
                cycle.push(&self.def(id).name.value);
                let def = self.def(id);
                diags.hint(
                    &def.name.pos,
                    format!("alias `{}` refers to itself: {}", def.name.value, cycle.join(" -> ")),
                    "an alias names another type; a type that holds itself must be an object",
                );
            }
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, without recursion, so
/// that long chains of types cannot overflow the stack): linear in nodes and edges.
fn components(graph: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let (mut index, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack, mut next_index, mut next_component) = (vec![false; n], Vec::new(), 0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work = vec![(root, 0)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = graph[node].get(edge) {
                work.push((node, edge + 1));
                if index[next] == UNSEEN {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_of_cycles_and_chains() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 a loop; 4 -> 0 leads into the cycle only.
        let c = components(&[vec![1], vec![2], vec![0], vec![3], vec![0]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
        // A chain of 100,000 nodes does not overflow the stack.
        let chain: Vec<Vec<usize>> = (0..100_000).map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![] }).collect();
        let c = components(&chain);
        assert_eq!(c.iter().collect::<std::collections::BTreeSet<_>>().len(), 100_000);
    }
}
