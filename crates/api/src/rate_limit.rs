//! Per-client token bucket.
//!
//! Each client address has a bucket of `burst` tokens that refills at `per_second`; a
//! request takes one token or is answered 429 with the seconds until the next token.
//! IPv6 clients are keyed by their /64, because one host can rotate through a whole /64.
//! The defaults are generous: a town hall behind one NAT address is many clerks.
//!
//! The table of buckets is bounded: full buckets carry no information and are dropped
//! (at most once a second, so a request never scans the table each time), and when
//! `max_clients` addresses are tracked all the same, every further address shares one
//! overflow bucket until room frees up. Memory and time per request stay bounded under a
//! flood of addresses, and the clients already tracked keep their own buckets.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Above this many tracked clients, buckets that are full again are dropped.
const PRUNE_ABOVE: usize = 10_000;
/// Hard cap on the tracked clients (about 5 MB of table).
pub const MAX_CLIENTS: usize = 100_000;
/// Pruning scans the table; it runs at most this often.
const PRUNE_EVERY: Duration = Duration::from_secs(1);
/// The longest `Retry-After` the limiter ever asks for.
const MAX_WAIT: Duration = Duration::from_secs(3600);
/// The slowest rate that can be configured: one request per 100 seconds.
pub const MIN_PER_SECOND: f64 = 0.01;
/// The fastest rate that can be configured (beyond it the limit means nothing).
pub const MAX_PER_SECOND: f64 = 1_000_000.0;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

#[derive(Debug)]
struct Table {
    buckets: HashMap<IpAddr, Bucket>,
    /// Shared by every address that arrives while the table is full.
    overflow: Bucket,
    last_prune: Option<Instant>,
}

#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    max_clients: usize,
    table: Mutex<Table>,
}

fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

impl Bucket {
    /// Refills for the time since it was last used and takes a token, or tells how long
    /// until one is available.
    fn take(&mut self, now: Instant, per_second: f64, burst: f64) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * per_second).min(burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait =
                Duration::try_from_secs_f64((1.0 - self.tokens) / per_second).unwrap_or(MAX_WAIT);
            Err(wait.min(MAX_WAIT))
        }
    }
}

impl RateLimiter {
    /// `None` when the limit is switched off (`per_second == 0`). The configuration
    /// keeps `per_second` within `MIN_PER_SECOND..=MAX_PER_SECOND`.
    pub fn new(per_second: f64, burst: u32) -> Option<RateLimiter> {
        RateLimiter::with_max_clients(per_second, burst, MAX_CLIENTS)
    }

    fn with_max_clients(per_second: f64, burst: u32, max_clients: usize) -> Option<RateLimiter> {
        (per_second > 0.0).then(|| {
            let per_second = per_second.clamp(MIN_PER_SECOND, MAX_PER_SECOND);
            let burst = f64::from(burst.max(1));
            RateLimiter {
                per_second,
                burst,
                max_clients,
                table: Mutex::new(Table {
                    buckets: HashMap::new(),
                    overflow: Bucket {
                        tokens: burst,
                        last: Instant::now(),
                    },
                    last_prune: None,
                }),
            }
        })
    }

    /// Takes a token for `ip`, or returns how long until one is available.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut table = self
            .table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (rate, burst) = (self.per_second, self.burst);
        let due = table
            .last_prune
            .is_none_or(|t| now.saturating_duration_since(t) >= PRUNE_EVERY);
        if table.buckets.len() > PRUNE_ABOVE.min(self.max_clients / 2) && due {
            table.buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.last).as_secs_f64() * rate < burst
            });
            table.last_prune = Some(now);
        }
        let key = key(ip);
        let Table {
            buckets, overflow, ..
        } = &mut *table;
        let bucket = if buckets.contains_key(&key) || buckets.len() < self.max_clients {
            buckets.entry(key).or_insert(Bucket {
                tokens: burst,
                last: now,
            })
        } else {
            overflow
        };
        bucket.take(now, rate, burst)
    }

    /// How many addresses have a bucket of their own.
    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.table.lock().map(|t| t.buckets.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refill() {
        let rl = RateLimiter::new(2.0, 3).unwrap();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(rl.check(ip, t0).is_ok());
        }
        let wait = rl.check(ip, t0).unwrap_err();
        assert!(
            wait > Duration::from_millis(400) && wait <= Duration::from_millis(500),
            "{wait:?}"
        );
        assert!(rl.check(ip, t0 + Duration::from_millis(500)).is_ok());
        // Another client is unaffected.
        assert!(rl.check("192.0.2.2".parse().unwrap(), t0).is_ok());
    }

    #[test]
    fn ipv6_is_limited_per_64() {
        let rl = RateLimiter::new(1.0, 1).unwrap();
        let t0 = Instant::now();
        assert!(rl.check("2001:db8::1".parse().unwrap(), t0).is_ok());
        assert!(rl.check("2001:db8::2".parse().unwrap(), t0).is_err());
        assert!(rl.check("2001:db8:0:1::1".parse().unwrap(), t0).is_ok());
    }

    #[test]
    fn the_table_is_capped_and_latecomers_share_one_bucket() {
        let rl = RateLimiter::with_max_clients(1.0, 2, 100).unwrap();
        let t0 = Instant::now();
        for i in 0..100u32 {
            // One token taken: the bucket is not full, so pruning cannot drop it.
            assert!(rl.check(IpAddr::from(i.to_be_bytes()), t0).is_ok());
        }
        assert_eq!(rl.tracked(), 100);
        // Two newcomers share the overflow bucket of two tokens; the third waits.
        assert!(rl.check("198.51.100.1".parse().unwrap(), t0).is_ok());
        assert!(rl.check("198.51.100.2".parse().unwrap(), t0).is_ok());
        assert!(rl.check("198.51.100.3".parse().unwrap(), t0).is_err());
        assert_eq!(rl.tracked(), 100, "never above the cap");
        // A tracked client keeps its own bucket.
        assert!(rl.check(IpAddr::from(5u32.to_be_bytes()), t0).is_ok());
        // Once the tracked buckets are full again they are pruned and newcomers get
        // buckets of their own.
        let later = t0 + Duration::from_secs(10);
        assert!(rl.check("198.51.100.3".parse().unwrap(), later).is_ok());
        assert_eq!(rl.tracked(), 1);
    }

    #[test]
    fn a_tiny_rate_never_panics_and_waits_at_most_an_hour() {
        let rl = RateLimiter::new(1e-30, 1).unwrap();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        assert!(rl.check(ip, t0).is_ok());
        let wait = rl.check(ip, t0).unwrap_err();
        assert!(wait <= MAX_WAIT, "{wait:?}");
    }

    #[test]
    fn zero_switches_off() {
        assert!(RateLimiter::new(0.0, 10).is_none());
    }
}
