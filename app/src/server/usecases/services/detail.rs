//! A service's own page: what it is, its last known state and age, the operations asked of
//! it, and its orders. A fixed number of queries, and no call to any external system.

use crate::model::service_detail::{
    DomainInfo, HostingInfo, LifecycleView, OperationView, ServerInfo, ServiceDetail, ServiceInfo,
    SslInfo, StorageInfo, TrafficBucket, TrafficChart, WhoisContact,
};
use crate::model::service_details::ServiceDetails;
use crate::model::{AppError, JobStatus, Operation, ServiceKind, TrafficPeriod};
use crate::server::context::AppState;
use crate::server::entities::{customers, jobs, services, traffic_samples};
use crate::server::jobs::argument;
use crate::server::secrets::{self, Field};
use crate::server::usecases::orders;
use crate::server::{lifecycle, service_details};
use chrono::{DateTime, Datelike, DurationRound, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value;

/// Operations listed on the page: enough to show what is running and what just happened.
const RECENT_OPERATIONS: u64 = 8;

/// The customer's service `id`; another customer's answers `NotFound` like a missing one.
pub async fn owned(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<services::Model, AppError> {
    scoped(customer_id, id).one(conn).await?.ok_or(AppError::NotFound)
}

/// [`owned`], with the row locked until the transaction ends (`SELECT .. FOR UPDATE` on
/// PostgreSQL), for a use case that decides from what it reads ("no order awaits payment",
/// "no operation runs") and then writes. On SQLite the `BEGIN IMMEDIATE` write transaction
/// already excludes every other writer, and SeaORM leaves the clause out.
pub async fn owned_for_update(
    conn: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<services::Model, AppError> {
    scoped(customer_id, id).lock_exclusive().one(conn).await?.ok_or(AppError::NotFound)
}

fn scoped(customer_id: i64, id: i64) -> sea_orm::Select<services::Entity> {
    services::Entity::find_by_id(id).filter(services::Column::CustomerId.eq(customer_id))
}

pub async fn detail(
    state: &AppState,
    customer_id: i64,
    id: i64,
) -> Result<ServiceDetail, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let service = owned(db, customer_id, id).await?;
    let operations = jobs::Entity::find()
        .filter(jobs::Column::ServiceId.eq(id))
        .order_by_desc(jobs::Column::CreatedAt)
        .order_by_desc(jobs::Column::Id)
        .limit(RECENT_OPERATIONS)
        .all(db)
        .await?
        .into_iter()
        .filter_map(operation_view)
        .collect();
    let orders = orders::of_service(db, customer_id, &service).await?;
    let info = info(state, db, customer_id, &service).await?;
    let details = service_details::read(&service);
    let raw = service.details.clone().unwrap_or(Value::Null);
    let today = state.clock.today();
    let lifecycle = lifecycle::timeline(db, &service)
        .await?
        .map(|timeline| LifecycleView { stage: timeline.stage_on(today), timeline });
    Ok(ServiceDetail {
        id: service.id,
        kind: service.kind,
        name: service.name,
        domain: service.domain,
        status: service.status,
        cycle: service.billing_cycle,
        price: crate::model::Money::new(service.price_minor, service.currency),
        next_due_date: service.next_due_date,
        expires_on: service.expires_on,
        days_left: service.expires_on.map(|d| (d - state.clock.today()).num_days()),
        auto_renew: service.auto_renew,
        state_as_of: service.updated_at,
        state_age_minutes: (now - service.updated_at).num_minutes().max(0),
        info: info_with(info, details, &raw),
        operations,
        orders,
        lifecycle,
    })
}

fn operation_view(job: jobs::Model) -> Option<OperationView> {
    Some(OperationView {
        id: job.id,
        op: Operation::parse(&job.kind)?,
        status: job.status,
        progress: if job.status == JobStatus::Done { 100 } else { job.progress },
        argument: argument(&job),
        requested_at: job.created_at,
        updated_at: job.updated_at,
        error: job.last_error,
    })
}

async fn info(
    state: &AppState,
    db: &impl ConnectionTrait,
    customer_id: i64,
    service: &services::Model,
) -> Result<ServiceInfo, DbErr> {
    Ok(match service.kind {
        ServiceKind::Vps | ServiceKind::Dedicated => ServiceInfo::Server(ServerInfo {
            os_images: state.provisioner.os_images(),
            ..ServerInfo::default()
        }),
        ServiceKind::Domain => {
            // WHOIS contacts are the customer's own record until contacts get their own roles.
            let customer = customers::Entity::find_by_id(customer_id).one(db).await?;
            let contacts = customer
                .map(|c| {
                    let name = c.company_name.clone().unwrap_or(c.name.clone());
                    ["registrant", "admin", "tech"]
                        .map(|role| WhoisContact {
                            role: role.to_owned(),
                            name: name.clone(),
                            email: c.email.clone(),
                        })
                        .to_vec()
                })
                .unwrap_or_default();
            ServiceInfo::Domain(DomainInfo { contacts, ..DomainInfo::default() })
        }
        ServiceKind::Storage => ServiceInfo::Storage(StorageInfo::default()),
        ServiceKind::Hosting => ServiceInfo::Hosting(HostingInfo::default()),
        ServiceKind::Ssl => ServiceInfo::Ssl(SslInfo::default()),
        ServiceKind::Addon => ServiceInfo::Other,
    })
}

/// Fills the kind-specific view from the stored details. `raw` is the stored JSON, for the
/// one thing only `secrets` may look at: whether an EPP code is there to reveal.
fn info_with(info: ServiceInfo, details: ServiceDetails, raw: &Value) -> ServiceInfo {
    match (info, details) {
        (ServiceInfo::Server(info), ServiceDetails::Server(d)) => ServiceInfo::Server(ServerInfo {
            power: Some(d.power()),
            ip: d.ip,
            cpu: d.cpu,
            ram_gb: d.ram_gb,
            disk_gb: d.disk_gb,
            os: d.os,
            netmask: d.netmask,
            gateway: d.gateway,
            mac: d.mac,
            reverse_dns: d.reverse_dns,
            kvm_url: d.kvm_url.filter(|url| !url.is_empty()),
            os_images: info.os_images,
        }),
        (ServiceInfo::Domain(info), ServiceDetails::Domain(d)) => ServiceInfo::Domain(DomainInfo {
            nameservers: d.nameservers,
            locked: d.locked,
            arriving: d.arriving,
            epp_code_ready: secrets::is_stored(raw, Field::EppCode),
            contacts: info.contacts,
        }),
        (ServiceInfo::Storage(_), ServiceDetails::Storage(d)) => {
            ServiceInfo::Storage(StorageInfo {
                panel_username: d.panel_username,
                panel_url: d.panel_url,
                used_mb: d.space_used_mb,
                total_mb: d.space_total_mb,
            })
        }
        (ServiceInfo::Hosting(_), ServiceDetails::Hosting(d)) => {
            ServiceInfo::Hosting(HostingInfo {
                plan: d.plan,
                panel_url: d.panel_url.filter(|url| !url.is_empty()),
                disk_used_mb: d.disk_used_mb,
                disk_total_mb: d.disk_total_mb,
                traffic_used_gb: d.traffic_used_gb,
            })
        }
        (ServiceInfo::Ssl(_), ServiceDetails::Ssl(d)) => {
            ServiceInfo::Ssl(SslInfo { issuer: d.issuer, valid_from: d.valid_from })
        }
        (info, _) => info,
    }
}

/// Whether a kind has power, network and traffic tabs.
pub fn is_server(kind: ServiceKind) -> bool {
    matches!(kind, ServiceKind::Vps | ServiceKind::Dedicated)
}

/// In and out traffic of a server over the period, in bars: 24 hours, 7 or 30 days, or 12
/// months, ending now. One query over the period's samples, summed here so SQLite and
/// PostgreSQL agree on the buckets.
pub async fn traffic(
    state: &AppState,
    customer_id: i64,
    id: i64,
    period: TrafficPeriod,
) -> Result<TrafficChart, AppError> {
    let service = owned(&state.db, customer_id, id).await?;
    if !is_server(service.kind) {
        return Err(AppError::NotFound);
    }
    let starts = bucket_starts(period, state.clock.now());
    let from = starts.first().copied().unwrap_or_else(|| state.clock.now());
    let samples = traffic_samples::Entity::find()
        .filter(traffic_samples::Column::ServiceId.eq(id))
        .filter(traffic_samples::Column::SampledAt.gte(from))
        .filter(traffic_samples::Column::SampledAt.lte(state.clock.now()))
        .order_by_asc(traffic_samples::Column::SampledAt)
        .all(&state.db)
        .await?;
    let mut buckets: Vec<TrafficBucket> = starts
        .iter()
        .map(|start| TrafficBucket { start: *start, bytes_in: 0, bytes_out: 0 })
        .collect();
    for sample in samples {
        // The last bucket whose start is not after the sample.
        let index = starts.partition_point(|start| *start <= sample.sampled_at);
        if let Some(bucket) = index.checked_sub(1).and_then(|i| buckets.get_mut(i)) {
            bucket.bytes_in = bucket.bytes_in.saturating_add(sample.bytes_in);
            bucket.bytes_out = bucket.bytes_out.saturating_add(sample.bytes_out);
        }
    }
    let total_in = buckets.iter().map(|b| b.bytes_in).sum();
    let total_out = buckets.iter().map(|b| b.bytes_out).sum();
    Ok(TrafficChart { period, buckets, total_in, total_out })
}

/// The start of each bar, oldest first; the last bar holds "now".
pub fn bucket_starts(period: TrafficPeriod, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let hour = now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now);
    let day = now.duration_trunc(TimeDelta::days(1)).unwrap_or(now);
    match period {
        TrafficPeriod::Day => (0..24).rev().map(|h| hour - TimeDelta::hours(h)).collect(),
        TrafficPeriod::Week => (0..7).rev().map(|d| day - TimeDelta::days(d)).collect(),
        TrafficPeriod::Month => (0..30).rev().map(|d| day - TimeDelta::days(d)).collect(),
        TrafficPeriod::Year => {
            let first = day.date_naive().with_day(1).unwrap_or(day.date_naive());
            (0..12)
                .rev()
                .filter_map(|m| first.checked_sub_months(chrono::Months::new(m)))
                .filter_map(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc())
                .collect()
        }
    }
}
