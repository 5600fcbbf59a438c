//! What an SDK maintainer waits on: regenerating the whole crate from the real spec, and each
//! stage of the pipeline (read, load, validate, model, emit, format, write) alone, on one thread.
//! The whole regeneration shares emitting and formatting among the cores.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use line_codegen::diagnostic::Diagnostics;
use line_codegen::{emit, format, load, model, validate, write};
use line_sdk_workspace::root;

fn stages(c: &mut Criterion) {
    let spec_dir = root().join("spec");
    let sources = load::read_dir(&spec_dir).expect("the spec is readable");
    let spec = load::load(&sources, &mut Diagnostics::default());
    let model = model::build(&spec).expect("the spec is valid");
    let files = line_codegen::generate(&sources).expect("the spec generates");

    let mut group = c.benchmark_group("pipeline stages");
    group.bench_function("read the spec files", |b| b.iter(|| load::read_dir(&spec_dir).expect("readable")));
    group.bench_function("load (YAML to spec)", |b| b.iter(|| load::load(&sources, &mut Diagnostics::default())));
    group.bench_function("validate", |b| {
        b.iter(|| {
            let mut diags = Diagnostics::default();
            validate::validate(&spec, &mut diags);
            assert!(diags.0.is_empty(), "the spec is valid");
        })
    });
    group.bench_function("model", |b| b.iter(|| model::build(&spec).expect("the spec is valid")));
    group.bench_function("emit", |b| b.iter(|| emit::emit(&model)));
    group.bench_function("format", |b| {
        b.iter_batched(
            || emit::emit(&model),
            |parts| {
                for (path, content) in parts {
                    match content {
                        emit::Content::Rust(tokens, docs) => {
                            format::rust(tokens, &docs).unwrap_or_else(|e| panic!("{path}: {e}"));
                        }
                        emit::Content::Text(text) => {
                            format::text(&text);
                        }
                    }
                }
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("write (to an empty folder)", |b| {
        let dir = std::env::temp_dir().join(format!("line-codegen-bench-{}", std::process::id()));
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&dir);
            },
            |()| write::write(&dir, &files).expect("writable"),
            BatchSize::PerIteration,
        );
        let _ = std::fs::remove_dir_all(&dir);
    });
    group.finish();
}

fn regenerate(c: &mut Criterion) {
    let spec = root().join("spec");
    let sources = load::read_dir(&spec).expect("the spec is readable");
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
    targets = stages, regenerate
}
criterion_main!(benches);
