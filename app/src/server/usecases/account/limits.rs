//! Sign-in limits: at most [`MAX_FAILURES_PER_EMAIL`] wrong passwords per e-mail address and
//! [`MAX_FAILURES_PER_IP`] per client address (IPv6 by /64) within [`WINDOW`], counted from
//! the first failure. Only wrong passwords (and unknown e-mails, which must look the same)
//! count; an attempt refused by a limit does not, so it cannot extend a lock.
//!
//! Check and record are one atomic statement per bucket: an attempt *reserves* a slot
//! (`failures + in_flight < limit`) with an `INSERT .. ON CONFLICT .. DO UPDATE .. WHERE`
//! before its password is hashed, and settles it afterwards (a failure, or released). So a
//! burst of parallel attempts cannot all pass a count that none of them has written yet: at
//! most `limit` hashes run for one bucket per window, on PostgreSQL (row lock of the upsert)
//! as on SQLite (one writer).
//!
//! A slot that is never settled (the process died mid-check, or the request was dropped when
//! its client went away) is not given back: once the bucket's latest reservation is older
//! than [`STALE_RESERVATION`], every slot still counted is stale and the next reservation
//! drops them. So it blocks nobody for more than a minute, and hanging up mid-check does not
//! buy an uncounted password check.

use crate::server::client_ip;
use crate::server::entities::sign_in_limits;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Statement,
    Value,
};

/// Wrong passwords allowed per e-mail address within [`WINDOW`].
pub const MAX_FAILURES_PER_EMAIL: i32 = 5;
/// Wrong passwords allowed per client address within [`WINDOW`] (covers spraying many
/// e-mails from one place).
pub const MAX_FAILURES_PER_IP: i32 = 20;
/// A bucket's failures are forgotten this long after its first one.
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);
/// A password check takes well under a second: when a bucket's latest reservation is this
/// old, the slots it still counts were never settled and are dropped.
pub const STALE_RESERVATION: TimeDelta = TimeDelta::seconds(60);
/// What a refusal says when the limit is taken by attempts still being checked rather than by
/// failures: their outcome is known in a moment.
const IN_FLIGHT_RETRY: TimeDelta = TimeDelta::seconds(1);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub key: String,
    pub limit: i32,
}

/// The buckets an attempt counts in: its e-mail address, and its client address if known.
pub fn buckets(email: &str, ip: Option<&str>) -> Vec<Bucket> {
    let mut buckets = vec![Bucket { key: format!("email:{email}"), limit: MAX_FAILURES_PER_EMAIL }];
    if let Some(ip) = ip {
        buckets.push(Bucket {
            key: format!("ip:{}", client_ip::bucket(ip)),
            limit: MAX_FAILURES_PER_IP,
        });
    }
    buckets
}

/// Slots held in some buckets until the attempt is settled with [`Reservation::fail`] or
/// [`Reservation::release`]. Dropped unsettled, the slots stay taken until they are stale.
#[must_use = "settle the reservation with `fail` or `release`"]
pub struct Reservation {
    db: DatabaseConnection,
    keys: Vec<String>,
}

/// Reserves a slot in every bucket, or none: on a refusal the slots already taken are given
/// back and the answer is how long until the refusing bucket admits an attempt again.
pub async fn reserve(
    db: &DatabaseConnection,
    buckets: &[Bucket],
    now: DateTime<Utc>,
) -> Result<Result<Reservation, TimeDelta>, DbErr> {
    let mut reservation = Reservation { db: db.clone(), keys: Vec::new() };
    for bucket in buckets {
        if reserve_one(db, bucket, now).await? {
            reservation.keys.push(bucket.key.clone());
        } else {
            reservation.release().await?;
            return Ok(Err(retry_after(db, bucket, now).await?));
        }
    }
    Ok(Ok(reservation))
}

impl Reservation {
    /// The attempt was a wrong password: counts a failure in every bucket, frees the slots.
    pub async fn fail(self, now: DateTime<Utc>) -> Result<(), DbErr> {
        for key in &self.keys {
            record_failure(&self.db, key, now).await?;
        }
        Ok(())
    }

    /// The attempt is over without a wrong password (signed in, or refused as busy): frees
    /// the slots without counting anything.
    pub async fn release(self) -> Result<(), DbErr> {
        release_all(&self.db, &self.keys).await
    }
}

/// One statement: takes a slot unless `failures + in_flight` has reached the limit. A window
/// older than [`WINDOW`] starts afresh; slots are dropped as stale when the latest
/// reservation is older than [`STALE_RESERVATION`]. Returns whether the slot was taken (a
/// row came back).
async fn reserve_one(
    db: &DatabaseConnection,
    bucket: &Bucket,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    const SQL: &str = "\
        INSERT INTO sign_in_limits (bucket, window_start, failures, in_flight, reserved_at) \
        VALUES ($1, $2, 0, 1, $2) \
        ON CONFLICT (bucket) DO UPDATE SET \
            failures = CASE WHEN sign_in_limits.window_start <= $3 THEN 0 \
                ELSE sign_in_limits.failures END, \
            window_start = CASE WHEN sign_in_limits.window_start <= $3 THEN $2 \
                ELSE sign_in_limits.window_start END, \
            in_flight = CASE WHEN sign_in_limits.reserved_at <= $4 THEN 0 \
                ELSE sign_in_limits.in_flight END + 1, \
            reserved_at = $2 \
        WHERE CASE WHEN sign_in_limits.window_start <= $3 THEN 0 \
                ELSE sign_in_limits.failures END \
            + CASE WHEN sign_in_limits.reserved_at <= $4 THEN 0 \
                ELSE sign_in_limits.in_flight END < $5 \
        RETURNING in_flight";
    let values: [Value; 5] = [
        bucket.key.clone().into(),
        now.into(),
        (now - WINDOW).into(),
        (now - STALE_RESERVATION).into(),
        bucket.limit.into(),
    ];
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), SQL, values);
    Ok(db.query_one_raw(stmt).await?.is_some())
}

/// Counts a wrong password and frees its slot. The first failure of a window starts it.
async fn record_failure(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    const SQL: &str = "\
        INSERT INTO sign_in_limits (bucket, window_start, failures, in_flight, reserved_at) \
        VALUES ($1, $2, 1, 0, $2) \
        ON CONFLICT (bucket) DO UPDATE SET \
            failures = CASE WHEN sign_in_limits.window_start <= $3 THEN 1 \
                ELSE sign_in_limits.failures + 1 END, \
            window_start = CASE \
                WHEN sign_in_limits.window_start <= $3 OR sign_in_limits.failures = 0 THEN $2 \
                ELSE sign_in_limits.window_start END, \
            in_flight = CASE WHEN sign_in_limits.in_flight > 0 \
                THEN sign_in_limits.in_flight - 1 ELSE 0 END";
    let values: [Value; 3] = [key.into(), now.into(), (now - WINDOW).into()];
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), SQL, values)).await?;
    Ok(())
}

async fn release_all(db: &DatabaseConnection, keys: &[String]) -> Result<(), DbErr> {
    const SQL: &str = "\
        UPDATE sign_in_limits \
        SET in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END \
        WHERE bucket = $1";
    for key in keys {
        let stmt =
            Statement::from_sql_and_values(db.get_database_backend(), SQL, [key.as_str().into()]);
        db.execute_raw(stmt).await?;
    }
    Ok(())
}

/// How long until `bucket` admits an attempt: the end of its window when its failures reached
/// the limit, a moment when only attempts in flight fill it.
async fn retry_after(
    db: &DatabaseConnection,
    bucket: &Bucket,
    now: DateTime<Utc>,
) -> Result<TimeDelta, DbErr> {
    let row = sign_in_limits::Entity::find_by_id(bucket.key.clone()).one(db).await?;
    Ok(match row {
        Some(row) if row.failures >= bucket.limit && row.window_start + WINDOW > now => {
            row.window_start + WINDOW - now
        }
        _ => IN_FLIGHT_RETRY,
    })
}

/// Deletes buckets whose window is over and that hold no live slot (run by the sweeper).
pub async fn sweep(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let res = sign_in_limits::Entity::delete_many()
        .filter(sign_in_limits::Column::WindowStart.lte(now - WINDOW))
        .filter(sign_in_limits::Column::ReservedAt.lte(now - STALE_RESERVATION))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_counts_per_email_and_per_client_network() {
        assert_eq!(
            buckets("a@b.test", Some("2001:db8:1:2::99")),
            [
                Bucket { key: "email:a@b.test".into(), limit: MAX_FAILURES_PER_EMAIL },
                Bucket { key: "ip:2001:db8:1:2::/64".into(), limit: MAX_FAILURES_PER_IP },
            ]
        );
        assert_eq!(buckets("a@b.test", Some("192.0.2.7"))[1].key, "ip:192.0.2.7");
        assert_eq!(buckets("a@b.test", None).len(), 1);
    }
}
