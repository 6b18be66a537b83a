//! Documents customers upload (`/documents/{id}`): a `.hu` transfer's declaration goes in
//! from its step of the domain order, is reviewed (accepted, or rejected with reasons; until
//! a staff console exists, by `portico review-document`), and a rejected one is replaced by
//! uploading again. Files are checked by content (PDF, JPEG, PNG) and size (10 MB), kept in
//! the documents directory outside the database under a name of our own, and given back only
//! to the customer who uploaded them.

use super::orders::domain;
use crate::model::documents::{check_upload, clean_file_name};
use crate::model::domain_order::{Step, needs_declaration};
use crate::model::{Actor, AppError, CartStatus, DocumentStatus};
use crate::server::audit::{self, AuditEntry};
use crate::server::context::{AppState, Requester};
use crate::server::entities::documents;
use crate::server::errors::internal;
use crate::server::sessions;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// What the registry's declaration is called in `documents.kind`.
pub const HU_TRANSFER_DECLARATION: &str = "hu_transfer_declaration";

/// A file as it arrived, or as it is given back.
pub struct File {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The declaration of the customer's `.hu` transfer `order_id` (open, or already in the
/// cart): checked, kept, recorded as submitted for review, and the order's declaration step
/// answered with it. A second upload (after a rejection) replaces the first as the order's
/// declaration.
pub async fn upload_declaration(
    state: &AppState,
    who: &Requester,
    order_id: i64,
    file: File,
) -> Result<i64, AppError> {
    let (row, kind, data) =
        domain::order(&state.db, who.customer_id, order_id, &domain::REVIEWABLE).await?;
    if !needs_declaration(kind, &data.domain) {
        return Err(AppError::NotFound);
    }
    let open = row.status == CartStatus::Open;
    if open && !domain::may_open(&state.db, who.customer_id, kind, &data, Step::Declaration).await?
    {
        return Err(AppError::Conflict);
    }
    let content_type = check_upload(&file.bytes)
        .map_err(|code| AppError::Invalid { field: "file".into(), code: code.into() })?;
    // Our own name for the file: nothing the customer sent decides where it is written.
    let stored_as = format!("{}/{}", who.customer_id, sessions::new_token());
    let path = state.settings.documents_dir.join(&stored_as);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(storage_failed)?;
    }
    tokio::fs::write(&path, &file.bytes).await.map_err(storage_failed)?;
    let now = state.clock.now();
    let document = documents::ActiveModel {
        customer_id: Set(who.customer_id),
        service_id: Set(None),
        cart_id: Set(Some(row.id)),
        kind: Set(HU_TRANSFER_DECLARATION.to_owned()),
        file_name: Set(clean_file_name(&file.file_name)),
        status: Set(DocumentStatus::Submitted),
        rejection_reasons: Set(None),
        submitted_at: Set(now),
        reviewed_at: Set(None),
        stored_as: Set(Some(stored_as)),
        content_type: Set(Some(content_type.to_owned())),
        size_bytes: Set(i64::try_from(file.bytes.len()).ok()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    domain::attach_declaration(state, who, order_id, document.id).await?;
    audit::customer_action(
        &state.db,
        who.customer_id,
        who.ip.clone(),
        "document.upload",
        ("document", document.id),
        Some(serde_json::json!({ "order": row.id, "bytes": file.bytes.len() })),
        now,
    )
    .await?;
    Ok(document.id)
}

/// The customer's own document's file; anyone else's, or one without a file, is missing.
pub async fn download(state: &AppState, customer_id: i64, id: i64) -> Result<File, AppError> {
    let document = documents::Entity::find_by_id(id)
        .filter(documents::Column::CustomerId.eq(customer_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored_as = document.stored_as.ok_or(AppError::NotFound)?;
    let bytes = tokio::fs::read(state.settings.documents_dir.join(&stored_as))
        .await
        .map_err(storage_failed)?;
    Ok(File {
        file_name: document.file_name,
        content_type: document.content_type.unwrap_or_else(|| "application/octet-stream".into()),
        bytes,
    })
}

/// What the reviewer decided.
pub enum Review {
    Accept,
    /// With the reasons the customer reads.
    Reject(Vec<String>),
}

/// Accepts or rejects a submitted document, once: a document already reviewed is left as it
/// is (`Conflict`). Audited as the staff's decision.
pub async fn review(state: &AppState, id: i64, decision: Review) -> Result<(), AppError> {
    let now = state.clock.now();
    let document =
        documents::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let (status, reasons, action) = match decision {
        Review::Accept => (DocumentStatus::Approved, None, "document.accept"),
        Review::Reject(reasons) => {
            let reasons: Vec<String> = reasons
                .into_iter()
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty())
                .collect();
            if reasons.is_empty() {
                return Err(AppError::Invalid { field: "reason".into(), code: "required".into() });
            }
            (DocumentStatus::Rejected, Some(serde_json::json!(reasons)), "document.reject")
        }
    };
    let txn = crate::server::db::begin_write(&state.db).await?;
    // Compare-and-set: only a document still awaiting review changes, whoever else decides.
    let changed = documents::Entity::update_many()
        .col_expr(documents::Column::Status, Expr::value(status.as_str()))
        .col_expr(documents::Column::RejectionReasons, Expr::value(reasons.clone()))
        .col_expr(documents::Column::ReviewedAt, Expr::value(now))
        .filter(documents::Column::Id.eq(id))
        .filter(documents::Column::Status.eq(DocumentStatus::Submitted))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        AuditEntry {
            customer_id: Some(document.customer_id),
            actor: Actor::Staff,
            actor_id: None,
            action,
            subject_type: "document",
            subject_id: Some(id),
            detail: reasons,
            ip: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn storage_failed(err: std::io::Error) -> AppError {
    internal(format!("documents directory: {err}"))
}
