//! The test suite's fault-injecting proxy (tests/common/proxy.rs) as a program, for
//! scripts/bench.sh: one proxy per upstream emulator, so requests keep the routing
//! localstack/env.sh gives them.
//!
//!     cargo run --example fault_proxy -- [--seed N] [--throttle P] [--server-error P]
//!         [--reset P] [--truncate P] [--hang P] [--hang-for-ms MS] [--spare SIGNING_NAME]... UPSTREAM...
//!
//! Prints `UPSTREAM PROXY_URL` per upstream, then serves until killed. Each proxy
//! answers `GET /__vouch_fault_proxy/stats` with what it injected, as JSON.

#[allow(dead_code)]
#[path = "../tests/common/proxy.rs"]
mod proxy;

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

fn main() {
    if let Err(e) = run() {
        eprintln!("fault_proxy: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut chaos = proxy::Chaos {
        hang_for: Duration::from_secs(60),
        ..Default::default()
    };
    let mut upstreams = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let prob = |v: String| {
            v.parse::<f64>()
                .ok()
                .filter(|p| (0.0..=1.0).contains(p))
                .ok_or(format!("{arg}: {v} is not a probability in [0, 1]"))
        };
        match arg.as_str() {
            "--seed" => {
                let v = value("--seed")?;
                chaos.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: {v} is not a number"))?;
            }
            "--throttle" => chaos.throttle = prob(value("--throttle")?)?,
            "--server-error" => chaos.server_error = prob(value("--server-error")?)?,
            "--reset" => chaos.reset = prob(value("--reset")?)?,
            "--truncate" => chaos.truncate = prob(value("--truncate")?)?,
            "--hang" => chaos.hang = prob(value("--hang")?)?,
            "--hang-for-ms" => {
                let v = value("--hang-for-ms")?;
                let ms = v
                    .parse()
                    .map_err(|_| format!("--hang-for-ms: {v} is not a number"))?;
                chaos.hang_for = Duration::from_millis(ms);
            }
            "--spare" => chaos.spare.push(value("--spare")?),
            url => {
                let addr: SocketAddr = url
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .parse()
                    .map_err(|_| {
                        format!("{url}: expected an upstream like http://127.0.0.1:4566")
                    })?;
                upstreams.push((url.to_string(), addr));
            }
        }
    }
    if upstreams.is_empty() {
        return Err("name at least one upstream, e.g. http://127.0.0.1:4566".into());
    }
    let mut out = std::io::stdout().lock();
    for (url, addr) in upstreams {
        let p = proxy::start_chaos(addr, chaos.clone());
        writeln!(out, "{url} {}", p.url).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    loop {
        std::thread::park();
    }
}
