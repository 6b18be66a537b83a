//! The job runner's guarantees: an operation reaches the data centre once, whoever runs it and
//! whatever happens to them (killed mid-step, a lease that runs out, a panic, a system that
//! hangs), and `/healthz` says when this process's runner has stopped.
//!
//! The data centre here is the sandbox, wrapped in a recorder that counts the `start` calls it
//! receives and can stall or fail them; what the data centre actually started is what the
//! sandbox remembers by idempotency key (`sandbox_operations`).

#![allow(clippy::unwrap_used)]

mod common;

use app::model::{JobStatus, Operation};
use app::server::context::Requester;
use app::server::context::{AppState, Settings};
use app::server::entities::jobs;
use app::server::jobs::{self as runner, RunnerTiming, run_due};
use app::server::ports::provisioning::{Provisioner, ServerOperation, ServerRef};
use app::server::ports::{PortError, Progress};
use app::server::usecases::services::operations;
use async_trait::async_trait;
use axum::http::StatusCode;
use chrono::TimeDelta;
use common::TestApp;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

const DEMO: &str = "demo@portico.test";

/// How the recorder treats a `start` call, after counting it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Behaviour {
    /// Pass it to the sandbox.
    Normal,
    /// Pass it on, then never answer: the caller is stuck after the data centre started.
    HangAfterStart,
    /// Take this long before passing it on.
    Slow(Duration),
    /// Panic, as a bug in an adapter would.
    Panic,
}

struct Recorder {
    inner: Arc<dyn Provisioner>,
    starts: AtomicUsize,
    behaviour: std::sync::Mutex<Behaviour>,
    started: Notify,
    references: std::sync::Mutex<Vec<String>>,
}

impl Recorder {
    fn wrap(app: &mut TestApp, behaviour: Behaviour) -> Arc<Recorder> {
        let recorder = Arc::new(Recorder {
            inner: app.state.provisioner.clone(),
            starts: AtomicUsize::new(0),
            behaviour: std::sync::Mutex::new(behaviour),
            started: Notify::new(),
            references: std::sync::Mutex::new(Vec::new()),
        });
        app.state.provisioner = recorder.clone();
        recorder
    }

    fn set(&self, behaviour: Behaviour) {
        *self.behaviour.lock().unwrap() = behaviour;
    }

    fn starts(&self) -> usize {
        self.starts.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl Provisioner for Recorder {
    fn os_images(&self) -> Vec<String> {
        self.inner.os_images()
    }

    async fn start(
        &self,
        key: &str,
        server: &ServerRef,
        op: &ServerOperation,
    ) -> Result<String, PortError> {
        self.starts.fetch_add(1, Ordering::SeqCst);
        let behaviour = *self.behaviour.lock().unwrap();
        match behaviour {
            Behaviour::Panic => panic!("adapter bug"),
            Behaviour::Slow(delay) => tokio::time::sleep(delay).await,
            Behaviour::Normal | Behaviour::HangAfterStart => {}
        }
        let reference = self.inner.start(key, server, op).await?;
        self.references.lock().unwrap().push(reference.clone());
        self.started.notify_one();
        if behaviour == Behaviour::HangAfterStart {
            std::future::pending::<()>().await;
        }
        Ok(reference)
    }

    async fn poll(&self, reference: &str) -> Result<Progress, PortError> {
        self.inner.poll(reference).await
    }
}

fn with_timing(app: &mut TestApp, lease: Duration, port_timeout: Duration) {
    let settings =
        Settings { jobs: RunnerTiming { lease, port_timeout }, ..(*app.state.settings).clone() };
    app.state.settings = Arc::new(settings);
}

async fn server(app: &TestApp, name: &str) -> i64 {
    app.service_id(name).await
}

async fn reboot(app: &TestApp, service_id: i64) -> i64 {
    let who = Requester { customer_id: app.customer_id(DEMO).await, ip: None };
    operations::request(&app.state, &who, service_id, Operation::Reboot, None).await.unwrap()
}

async fn job(app: &TestApp, id: i64) -> jobs::Model {
    jobs::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

/// Operations the sandbox data centre started: one row per idempotency key it was given.
async fn operations_started(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM sandbox_operations").await
}

/// Steps the runner and the sandbox's time until nothing is left to do.
async fn settle(state: &AppState, app: &TestApp) {
    for _ in 0..6 {
        run_due(state).await.unwrap();
        app.advance(TimeDelta::seconds(30));
    }
}

#[tokio::test]
async fn a_runner_killed_between_start_and_saving_does_not_start_the_operation_again() {
    let mut app = TestApp::demo().await;
    with_timing(&mut app, Duration::from_secs(1), Duration::from_secs(30));
    let recorder = Recorder::wrap(&mut app, Behaviour::HangAfterStart);
    let vps = server(&app, "VPS M").await;
    let id = reboot(&app, vps).await;

    // The runner starts the reboot at the data centre and dies before it saves the reference.
    let state = app.state.clone();
    let dying = tokio::spawn(async move { run_due(&state).await });
    recorder.started.notified().await;
    dying.abort();
    let _ = dying.await;
    let stuck = job(&app, id).await;
    assert_eq!(stuck.status, JobStatus::Running);
    assert_eq!(stuck.external_ref, None, "the reference was never saved");
    assert_eq!(recorder.starts(), 1);

    // After the lease (database clock), another runner takes the job over and starts it again
    // with the same key: the data centre answers with the first reboot instead of a second.
    recorder.set(Behaviour::Normal);
    tokio::time::sleep(Duration::from_millis(1300)).await;
    settle(&app.state, &app).await;
    assert_eq!(recorder.starts(), 2, "the second runner did ask");
    assert_eq!(operations_started(&app).await, 1, "the data centre rebooted once");
    let refs = recorder.references.lock().unwrap().clone();
    assert_eq!(refs[0], refs[1], "same key, same operation");
    let done = job(&app, id).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.external_ref.as_deref(), Some(refs[0].as_str()));
}

#[tokio::test]
async fn two_runners_with_a_lease_shorter_than_a_step_start_it_once() {
    let mut app = TestApp::demo().await;
    // The data centre takes 2.5 s to answer; the lease is 1 s and is renewed while it waits.
    with_timing(&mut app, Duration::from_secs(1), Duration::from_secs(10));
    let recorder = Recorder::wrap(&mut app, Behaviour::Slow(Duration::from_millis(2500)));
    let vps = server(&app, "VPS M").await;
    let id = reboot(&app, vps).await;

    let other_instance = app.restarted().await;
    let runner = |state: AppState| {
        tokio::spawn(async move {
            for _ in 0..20 {
                run_due(&state).await.unwrap();
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
    };
    let (a, b) = (runner(app.state.clone()), runner(other_instance.state.clone()));
    a.await.unwrap();
    b.await.unwrap();
    assert_eq!(recorder.starts(), 1, "the second runner never took the job over");
    assert_eq!(operations_started(&app).await, 1);
    recorder.set(Behaviour::Normal);
    settle(&app.state, &app).await;
    assert_eq!(job(&app, id).await.status, JobStatus::Done);
}

#[tokio::test]
async fn a_runner_whose_lease_ran_out_cannot_overwrite_the_next_runners_state() {
    let app = TestApp::demo().await;
    let vps = server(&app, "VPS M").await;
    let id = reboot(&app, vps).await;

    // Runner A claims the job, then stalls until its lease has run out.
    let late = runner::claim(&app.state).await.unwrap().unwrap();
    app.db()
        .execute_unprepared(&format!(
            "UPDATE jobs SET lease_until = '2000-01-01T00:00:00Z' WHERE id = {id}"
        ))
        .await
        .unwrap();
    // Runner B takes over and carries the reboot out to the end.
    settle(&app.state, &app).await;
    let finished = job(&app, id).await;
    assert_eq!(finished.status, JobStatus::Done);

    // A wakes up and finishes its step: none of its writes lands.
    runner::run_claimed(&app.state, late).await.unwrap();
    let after = job(&app, id).await;
    assert_eq!(after.status, JobStatus::Done, "A did not turn a finished job back to pending");
    assert_eq!(after.progress, 100);
    assert_eq!(after.updated_at, finished.updated_at);
    assert_eq!(operations_started(&app).await, 1);
}

#[tokio::test]
async fn a_step_that_panics_fails_its_job_and_the_runner_goes_on() {
    let mut app = TestApp::demo().await;
    let recorder = Recorder::wrap(&mut app, Behaviour::Panic);
    let first = server(&app, "VPS M").await;
    let second = server(&app, "VPS L").await;
    let broken = reboot(&app, first).await;
    let healthy = reboot(&app, second).await;

    // The first job's step panics; the same call of the runner still steps the second.
    let state = app.state.clone();
    let flip = tokio::spawn({
        let recorder = recorder.clone();
        async move {
            while recorder.starts() == 0 {
                tokio::task::yield_now().await;
            }
            recorder.set(Behaviour::Normal);
        }
    });
    assert_eq!(run_due(&state).await.unwrap(), 2);
    flip.await.unwrap();
    let failed = job(&app, broken).await;
    assert_eq!(failed.status, JobStatus::Failed);
    assert_eq!(failed.last_error.as_deref(), Some("internal"));
    assert!(job(&app, healthy).await.external_ref.is_some());

    // The page shows the failure, and the server takes new operations again.
    let customer = app.customer_id(DEMO).await;
    let page =
        app::server::usecases::services::detail::detail(&app.state, customer, first).await.unwrap();
    assert_eq!(page.operations[0].status, JobStatus::Failed);
    assert!(!page.busy());
    reboot(&app, first).await;
}

#[tokio::test]
async fn a_data_centre_that_does_not_answer_is_given_up_on_and_retried() {
    let mut app = TestApp::demo().await;
    with_timing(&mut app, Duration::from_secs(60), Duration::from_millis(300));
    let recorder = Recorder::wrap(&mut app, Behaviour::Slow(Duration::from_secs(3600)));
    let vps = server(&app, "VPS M").await;
    let id = reboot(&app, vps).await;

    let stepped = tokio::time::timeout(Duration::from_secs(5), run_due(&app.state)).await;
    assert_eq!(stepped.expect("the runner was not stuck").unwrap(), 1);
    let waiting = job(&app, id).await;
    assert_eq!(waiting.status, JobStatus::Pending, "retried later, not failed");
    assert_eq!(waiting.attempts, 1);
    assert_eq!(waiting.lease_token, None);

    recorder.set(Behaviour::Normal);
    settle(&app.state, &app).await;
    assert_eq!(job(&app, id).await.status, JobStatus::Done);
}

#[tokio::test]
async fn the_health_check_fails_once_the_job_runner_has_stopped() {
    let app = TestApp::empty().await;
    let handle = server::tasks::spawn_job_runner(app.state.clone());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);

    handle.abort();
    let _ = handle.await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.body, "job runner stopped");
}
