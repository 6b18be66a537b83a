//! The `demo` and `seed-demo` commands: recreate the database with the demo world (and, for
//! benchmarks, the scale set). Compiled only with the cargo feature `demo`.

use crate::config::Config;
use app::server::clock::SystemClock;
use app::server::{db, demo};
use migration::{Migrator, MigratorTrait};

/// What `demo` and `seed-demo` were asked for.
pub struct SeedArgs {
    pub force: bool,
    pub scale: Option<(u32, u32)>,
}

impl SeedArgs {
    /// `None` for arguments the commands do not take.
    pub fn parse(args: &[String]) -> Option<Self> {
        let mut parsed = SeedArgs { force: false, scale: None };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "--force" => parsed.force = true,
                "--scale" => {
                    let mut n = || rest.next().and_then(|v| v.parse::<u32>().ok());
                    parsed.scale = Some((n()?, n()?));
                }
                _ => return None,
            }
        }
        Some(parsed)
    }
}

/// Loading the demo drops every table: refuse a database with real customers in it.
pub async fn refuse_real_customers(db: &sea_orm::DatabaseConnection) -> Result<(), String> {
    let real = demo::real_customers(db).await.map_err(|e| format!("database: {e}"))?;
    if real > 0 {
        return Err(format!(
            "this database holds {real} customer(s) that are not demo customers; loading the \
             demo would delete them. Point DATABASE_URL at another database, or add --force \
             to wipe this one."
        ));
    }
    Ok(())
}

/// Drops everything, migrates, and loads the demo world relative to today.
pub async fn seed(config: &Config, scale: Option<(u32, u32)>) -> Result<(), String> {
    let db =
        db::connect_single(&config.database_url).await.map_err(|e| format!("database: {e}"))?;
    Migrator::fresh(db.pool()).await.map_err(|e| format!("migrate: {e}"))?;
    let today = app::server::clock::Clock::today(&SystemClock);
    demo::seed(&db, &config.secret_keys, today).await.map_err(|e| format!("demo data: {e}"))?;
    if let Some((customers, invoices)) = scale {
        demo::seed_scale(&db, today, customers, invoices)
            .await
            .map_err(|e| format!("scale data: {e}"))?;
    }
    tracing::info!("demo world loaded");
    Ok(())
}
