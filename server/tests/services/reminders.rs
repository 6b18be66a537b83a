//! Renewal reminders (seed 000: e-mails from 60 days before the due date): 60, 30, 14, 7 and
//! 1 day before, each once per service and period, to the billing mailbox in the customer's
//! language, with a link to the renewal page. Sent through a real SMTP server (MailDev) while
//! three instances run the job every day of a simulated 90 days.

use crate::common::TestApp;
use crate::common::maildev::MailDev;
use crate::own_service as service;
use app::model::{Lang, MailTopic, ServiceKind, ServiceStatus};
use app::server::clock::Clock;
use app::server::entities::alt_mailboxes;
use app::server::mail::delivery::{Mailer, deliver_due};
use app::server::reminders;
use chrono::TimeDelta;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;
use std::collections::BTreeMap;

fn text(mail: &Value) -> &str {
    mail["text"].as_str().unwrap()
}

#[tokio::test]
async fn three_instances_over_ninety_days_send_each_reminder_once_to_the_billing_mailbox() {
    let app = TestApp::empty().await;
    let maildev = MailDev::start().await;
    let mailer = Mailer::new(&maildev.smtp_url(), "Portico <billing@portico.test>").unwrap();
    let kata = app.new_customer("Kiss Kata", "kata@example.test", Lang::Hu).await;
    alt_mailboxes::ActiveModel {
        customer_id: Set(kata),
        topic: Set(MailTopic::Billing),
        email: Set("szamlak@example.test".into()),
        created_at: Set(app.clock.now()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let anna = app.new_customer("Anna Berg", "anna.berg@example.test", Lang::De).await;
    use ServiceKind::{Addon, Domain, Hosting, Vps};
    use ServiceStatus::{Active, Cancelled};
    // (service, days until due, the reminders it should get: days left when each is sent)
    let due_in_70 = service(&app, kata, (Domain, "alfa.hu", Active), 70).await;
    let due_in_20 = service(&app, kata, (Hosting, "beta.hu", Active), 20).await;
    let server_in_45 = service(&app, kata, (Vps, "gamma-vps", Active), 45).await;
    app.auto_renew_on(server_in_45).await;
    let anna_in_5 = service(&app, anna, (Domain, "anna-berg.de", Active), 5).await;
    // Renewed with its service, or ended: never reminded.
    service(&app, kata, (Addon, "extra-ip", Active), 10).await;
    service(&app, kata, (Domain, "regi.hu", Cancelled), 10).await;

    let instances = [app.restarted().await, app.restarted().await, app.restarted().await];
    for _day in 0..90 {
        let runs: Vec<_> = instances
            .iter()
            .map(|instance| {
                let state = instance.state.clone();
                tokio::spawn(async move { reminders::send_due(&state).await.unwrap() })
            })
            .collect();
        for run in runs {
            run.await.unwrap();
        }
        deliver_due(&app.state, &mailer).await.unwrap();
        app.advance(TimeDelta::days(1));
    }

    let mails = maildev.wait_for(16).await;
    let mut by_service: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for mail in &mails {
        let subject = mail["subject"].as_str().unwrap();
        let name = ["alfa.hu", "beta.hu", "gamma-vps", "anna-berg.de", "extra-ip", "regi.hu"]
            .into_iter()
            .find(|n| subject.contains(n))
            .unwrap_or_else(|| panic!("{subject}"));
        by_service.entry(name).or_default().push(mail);
    }
    let count = |name: &str| by_service.get(name).map_or(0, Vec::len);
    // 70 days ahead: all five. 20 ahead: the 30-day one at once, then 14, 7, 1. A server 45
    // days ahead: the 60-day one at once, then 30, 14, 7, 1. 5 days ahead: 7 at once, then 1.
    assert_eq!(
        [count("alfa.hu"), count("beta.hu"), count("gamma-vps"), count("anna-berg.de")],
        [5, 4, 5, 2],
        "{by_service:#?}"
    );
    assert_eq!(count("extra-ip") + count("regi.hu"), 0);
    assert_eq!(mails.len(), 16, "nothing sent twice by three instances");

    let alfa = &by_service["alfa.hu"];
    let leads: Vec<&str> = alfa.iter().map(|m| text(m).lines().nth(2).unwrap()).collect();
    for (lead, when) in leads.iter().zip(["60 nap", "30 nap", "14 nap", "7 nap", "holnap"]) {
        assert!(lead.contains(when), "{lead}");
    }
    for mail in alfa.iter() {
        assert_eq!(mail["to"][0]["address"], "szamlak@example.test", "the billing mailbox");
        assert!(text(mail).contains(&format!("/services/{due_in_70}/renew")), "the renewal link");
        assert!(mail["subject"].as_str().unwrap().starts_with("Emlékeztető: alfa.hu lejár"));
    }
    assert!(text(by_service["beta.hu"][0]).contains("20 nap múlva"), "caught up at once");
    assert!(text(by_service["gamma-vps"][0]).contains(&format!("/services/{server_in_45}/renew")));
    assert!(text(by_service["beta.hu"][0]).contains(&format!("/services/{due_in_20}/renew")));
    // Only the server renews itself: its reminders say what automatic renewal will do.
    let says_auto = |name: &str| {
        by_service[name]
            .iter()
            .all(|m| text(m).contains("automatikus hosszabbítás be van kapcsolva"))
    };
    assert!(says_auto("gamma-vps"));
    assert!(!by_service["alfa.hu"].iter().any(|m| text(m).contains("automatikus")));
    for mail in &by_service["anna-berg.de"] {
        assert_eq!(mail["to"][0]["address"], "anna.berg@example.test", "no billing mailbox");
        assert!(text(mail).starts_with("Guten Tag Anna Berg,"), "in German");
        assert!(text(mail).contains(&format!("/services/{anna_in_5}/renew")));
    }
}
