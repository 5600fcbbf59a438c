//! Nothing: the package exists for its benchmarks.
