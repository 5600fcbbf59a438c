//! The webhook comparisons of `compare.rs`, timed in turns: each round times a batch of every
//! contender (about 2 ms each, in an order that rotates from round to round), so that a drift of
//! the machine's speed, which criterion's one-after-the-other runs take for a difference, hits
//! every contender alike. Prints each contender's median time per body and, for each other
//! contender, the median and quartiles of its time divided by this SDK's in the same round.
//!
//!   cargo bench --bench paired [--features mimalloc] [-- ROUNDS]   (default 201)
//!
//! `bash benches/paired.sh RUNS` runs it in several processes and sums them up.

use std::hint::black_box;
use std::time::Instant;

use line_sdk_compare::{borrowed_floor, cow_floor, floor, ours, signed_body, theirs, value};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Contender<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);

/// Nanoseconds per call of `f`, over `batch` calls.
fn time(f: &dyn Fn() -> usize, batch: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..batch {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / f64::from(batch)
}

/// The value at fraction `q` of the sorted `values`.
fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn compare(title: &str, contenders: &[Contender], rounds: usize) {
    // Warm up, then size the batches to about 2 ms of the first contender.
    let once = time(&*contenders[0].1, 1000);
    let batch = ((2e6 / once) as u32).max(1);
    let mut times = vec![Vec::with_capacity(rounds); contenders.len()];
    for round in 0..rounds {
        for k in 0..contenders.len() {
            let i = (round + k) % contenders.len();
            times[i].push(time(&*contenders[i].1, batch));
        }
    }
    println!("{title} ({rounds} rounds of {batch} calls each)");
    for (i, (name, _)) in contenders.iter().enumerate() {
        let median = quantile(&times[i], 0.5) / 1000.0;
        if i == 0 {
            println!("  {name:<36} {median:>9.2} µs");
            continue;
        }
        let ratios: Vec<f64> = times[i].iter().zip(&times[0]).map(|(theirs, ours)| theirs / ours).collect();
        println!(
            "  {name:<36} {median:>9.2} µs   {:.2}× this SDK's time (quartiles {:.2}–{:.2})",
            quantile(&ratios, 0.5),
            quantile(&ratios, 0.25),
            quantile(&ratios, 0.75),
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a number is the count of rounds.
    let rounds = std::env::args().skip(1).find_map(|arg| arg.parse().ok()).unwrap_or(201);
    for n in [3, 100] {
        let (body, signature) = signed_body(n);
        let (body, signature) = (body.as_slice(), Some(signature.as_str()));
        for (title, signature) in [("verify + parse", signature), ("parse only", None)] {
            let contenders: [Contender; 6] = [
                ("line-messaging-api", Box::new(move || ours(signature, body))),
                ("line-bot-sdk-rust", Box::new(move || theirs(signature, body))),
                ("serde_json::Value", Box::new(move || value(signature, body))),
                ("serde derive, flat structs (floor)", Box::new(move || floor(signature, body))),
                ("serde derive, flat borrowed &str", Box::new(move || borrowed_floor(signature, body))),
                ("serde derive, flat Cow", Box::new(move || cow_floor(signature, body))),
            ];
            compare(&format!("webhook {title}, {n} events ({} bytes)", body.len()), &contenders, rounds);
        }
    }
}
