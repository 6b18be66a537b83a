//! `portico [serve | migrate | demo [--force] | seed-demo [--force] [--scale N_CUSTOMERS N_INVOICES] | rotate-secrets | record-transfer REFERENCE AMOUNT | credit-note INVOICE REASON | review-document ID accept | review-document ID reject REASON...]`

#![recursion_limit = "512"]

use app::model::AppError;
use app::server::clock::SystemClock;
use app::server::context::{AppState, Settings};
use app::server::usecases::documents;
use app::server::usecases::invoices::credit_note;
use app::server::usecases::payments;
use app::server::{db, password, secrets};
use leptos::config::get_configuration;
use migration::{Migrator, MigratorTrait};
use rust_decimal::Decimal;
use server::config::Config;
use std::net::SocketAddr;
use std::sync::Arc;

const USAGE: &str = "usage: portico [serve | migrate | demo [--force] | seed-demo [--force] [--scale CUSTOMERS INVOICES] | rotate-secrets
              | record-transfer REFERENCE AMOUNT | credit-note INVOICE REASON
              | review-document ID accept | review-document ID reject REASON...]
  serve           apply migrations, then serve (default)
  migrate         apply migrations and exit
  demo            recreate the database with the demo world, then serve
  seed-demo       recreate the database with the demo world and exit;
                  --scale adds CUSTOMERS customers sharing INVOICES invoices for benchmarks
  rotate-secrets  re-seal every stored secret with the first key of PORTICO_SECRET_KEYS
  record-transfer a bank transfer has arrived: REFERENCE is the proforma's number the customer
                  quoted, AMOUNT what arrived (12,50 or 12.50); the proforma is paid and its
                  final invoice issued, or nothing changes and the reason is printed
  credit-note     refund a paid final invoice in full: INVOICE is its number (VRS26-00042),
                  REASON why (kept in the audit log); a credit note is issued, its amount
                  added to the customer's balance and the credit note e-mailed to them
  review-document an uploaded document (a .hu transfer's declaration) is accepted, or
                  rejected with one or more REASONs (each one argument, quoted) that the
                  customer reads on the order; once per document, kept in the audit log
  demo and seed-demo wipe the database: they refuse one that holds customers other than
  the demo's unless --force is given; they exist only in a build with the cargo feature
  `demo`";

/// Rendering a page makes thousands of small allocations; mimalloc serves them in fewer
/// instructions than glibc's allocator (README, Benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    if let Err(err) = run(std::env::args().skip(1).collect()).await {
        tracing::error!("{err}");
        std::process::exit(1);
    }
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let config = Config::from_env()?;
    config.warn_about_development_key();
    config.warn_about_example_seller();
    config.warn_about_sandbox_payments();
    config.warn_about_mail();
    let command = args.first().map(String::as_str).unwrap_or("serve");
    let db = db::connect_with(&config.database_url, config.pool())
        .await
        .map_err(|e| format!("database: {e}"))?;
    // The settings that depend on the listen address are decided in `serve`.
    let state = AppState::with_sandboxes(db, Arc::new(SystemClock), Settings::default());
    match command {
        "serve" => {
            Migrator::up(state.db.pool(), None).await.map_err(|e| format!("migrate: {e}"))?;
            serve(state, &config).await
        }
        "migrate" => Migrator::up(state.db.pool(), None).await.map_err(|e| format!("migrate: {e}")),
        "demo" | "seed-demo" => demo_world(command, &args[1..], state, &config).await,
        "rotate-secrets" => {
            let keys = &config.secret_keys;
            let resealed = secrets::rotate(&state.db, keys)
                .await
                .map_err(|e| format!("rotate-secrets: {e}"))?;
            tracing::info!(
                "rotate-secrets: re-sealed {resealed} values; every stored secret is now sealed \
                 with key `{}`",
                keys.current_id()
            );
            Ok(())
        }
        "record-transfer" => {
            let [reference, amount] = &args[1..] else { return Err(USAGE.to_owned()) };
            // "12,50" or "12.50"; the proforma's currency decides how many decimals it has.
            let amount: Decimal = amount
                .replace(',', ".")
                .parse()
                .map_err(|e| format!("record-transfer: amount {amount:?}: {e}"))?;
            let recorded = payments::record_transfer(&state, reference, amount)
                .await
                .map_err(|e| format!("record-transfer: {e}"))?;
            match recorded {
                payments::Recorded::Invoiced(invoice) => tracing::info!(
                    "record-transfer: {reference} is paid; final invoice {invoice} issued"
                ),
                payments::Recorded::KeptAsBalance => tracing::warn!(
                    "record-transfer: {reference} renewed a service whose renewal lapsed unpaid \
                     at its due date; the money was added to the customer's balance"
                ),
            }
            Ok(())
        }
        "credit-note" => {
            let [number, reason @ ..] = &args[1..] else { return Err(USAGE.to_owned()) };
            let credited = credit_note::credit_invoice(&state, number, &reason.join(" "))
                .await
                .map_err(|e| format!("credit-note: {e}"))?;
            tracing::info!(
                "credit-note: {} credits {number}; {} {} added to the customer's balance",
                credited.credit_note.number,
                Decimal::new(credited.amount.minor, credited.amount.currency.exponent()),
                credited.amount.currency.as_str(),
            );
            Ok(())
        }
        "review-document" => {
            let (id, decision) = match &args[1..] {
                [id, decision] if decision == "accept" => (id, documents::Review::Accept),
                [id, decision, reasons @ ..] if decision == "reject" && !reasons.is_empty() => {
                    (id, documents::Review::Reject(reasons.to_vec()))
                }
                _ => return Err(USAGE.to_owned()),
            };
            let id: i64 = id.parse().map_err(|_| format!("review-document: no document {id}"))?;
            documents::review(&state, id, decision).await.map_err(|e| match e {
                AppError::NotFound => format!("review-document: no document {id}"),
                AppError::Conflict => {
                    format!("review-document: document {id} was reviewed already")
                }
                AppError::Invalid { .. } => {
                    "review-document: give the reasons of a rejection".into()
                }
                other => format!("review-document: {other}"),
            })?;
            tracing::info!(
                "review-document: document {id} reviewed; the customer sees it on the order"
            );
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    }
}

/// `demo` and `seed-demo`: only in a build with the demo world (cargo feature `demo`).
#[cfg(feature = "demo")]
async fn demo_world(
    command: &str,
    args: &[String],
    state: AppState,
    config: &Config,
) -> Result<(), String> {
    use server::demo_world::{SeedArgs, refuse_real_customers, seed};
    let seeding = SeedArgs::parse(args).ok_or_else(|| USAGE.to_owned())?;
    if !seeding.force {
        refuse_real_customers(&state.db).await?;
    }
    if command == "seed-demo" {
        return seed(config, seeding.scale).await;
    }
    if seeding.scale.is_some() {
        return Err(USAGE.to_owned());
    }
    seed(config, None).await?;
    serve(state, config).await
}

#[cfg(not(feature = "demo"))]
async fn demo_world(_: &str, _: &[String], _: AppState, _: &Config) -> Result<(), String> {
    Err("this build has no demo world: build with the cargo feature `demo` (scripts/demo.sh \
         does: `cargo leptos build --release --bin-features demo`)"
        .to_owned())
}

async fn serve(state: AppState, config: &Config) -> Result<(), String> {
    // Under cargo-leptos the LEPTOS_* variables describe the build; otherwise read Cargo.toml.
    let conf_file = if std::env::var_os("LEPTOS_OUTPUT_NAME").is_some() {
        get_configuration(None)
    } else {
        get_configuration(Some("Cargo.toml"))
    }
    .map_err(|e| format!("leptos configuration: {e}"))?;
    let options = conf_file.leptos_options;
    let addr = config.listen.unwrap_or(options.site_addr);
    let settings = config.settings(addr);
    if !config.trusted_proxies.is_empty() {
        let proxies: Vec<_> =
            config.trusted_proxies.networks.iter().map(ToString::to_string).collect();
        tracing::info!(
            "client addresses from the {} header of trusted proxies {}",
            config.trusted_proxies.header.name(),
            proxies.join(", ")
        );
    }
    let state = AppState { settings: Arc::new(settings), ..state };
    // The dummy hash for unknown e-mails, now rather than at the first such sign-in.
    password::warm_up().await.map_err(|e| format!("password hashing: {e}"))?;

    server::tasks::spawn_housekeeping(state.clone());
    server::tasks::spawn_job_runner(state.clone());
    server::tasks::spawn_lifecycle(state.clone());
    server::tasks::spawn_renewals(state.clone());
    if let Some(mailer) = config.mailer() {
        server::tasks::spawn_mail_sender(state.clone(), mailer);
    }
    let app = server::router::build(state, options);
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("listen on {addr}: {e}"))?;
    tracing::info!("Portico listening on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_requested())
        .await
        .map_err(|e| format!("server: {e}"))
}

/// Ctrl-C, or SIGTERM from a service manager or an orchestrator: requests in flight finish,
/// then the process exits 0. A job it was running keeps its lease and is taken over by another
/// instance (or this one after a restart) once the lease ends.
async fn shutdown_requested() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
