//! pyo's benchmark scenarios (sines100, voices8, sines1000, sines100_mix)
//! under criterion: the time of one second of audio (173 blocks of 256
//! frames at 44.1 kHz) computed by a manual server. `cargo bench`.

#[path = "support/scenarios.rs"]
mod scenarios;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pyo_scenarios");
    group.sample_size(20);
    let blocks = scenarios::blocks(1.0);
    group.throughput(Throughput::Elements((blocks * 256) as u64));
    for (name, _) in scenarios::SCENARIOS {
        let (s, _keep) = scenarios::build(name).expect("scenario");
        group.bench_function(*name, |b| {
            b.iter(|| {
                for _ in 0..blocks {
                    s.process_block().expect("process");
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
