//! `orgflow generate` (hidden): a made-up org of any size, for trying orgflow at scale.

use super::terminal::{UsageError, say};
use clap::Args;
use std::path::PathBuf;

/// Write a made-up org of any size (the benchmarks' generator), for trying orgflow at
/// scale: `orgflow generate --people 100000 --out big.json`.
#[derive(Args, Debug)]
pub struct Generate {
    /// How many people.
    #[arg(long, default_value_t = 1000)]
    people: usize,
    /// The seed: the same seed gives the same org.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The team file (.json) or CSV to write.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
}

/// Runs `generate`.
pub fn run(args: Generate) -> anyhow::Result<()> {
    if !(1..=10_000_000).contains(&args.people) {
        return Err(UsageError("--people must be 1 to 10,000,000".to_owned()).into());
    }
    let org = orgflow::generate::org(args.people, args.seed);
    orgflow::io::save(&org, &args.out)?;
    say!(
        "Wrote {} people to {}",
        org.people.len(),
        args.out.display()
    );
    Ok(())
}
