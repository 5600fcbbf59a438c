//! What an SDK maintainer waits on: regenerating the whole crate from the real spec, and each
//! stage of it.

use criterion::{criterion_group, criterion_main, Criterion};
use line_sdk_workspace::root;

fn regenerate(c: &mut Criterion) {
    let spec = root().join("spec");
    let sources = line_codegen::load::read_dir(&spec).expect("the spec is readable");
    c.bench_function("load + validate + model", |b| {
        b.iter(|| line_codegen::model(&sources).expect("the spec is valid"))
    });
    c.bench_function("full regeneration (in memory)", |b| {
        b.iter(|| line_codegen::generate(&sources).expect("the spec generates"))
    });
    c.bench_function("check against generated/", |b| {
        b.iter(|| line_codegen::check(&spec, &root().join("generated")).expect("check runs"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = regenerate
}
criterion_main!(benches);
