//! Static files (the compiled CSS, JS and wasm under `/pkg/`, and the files of the site root),
//! answered from memory before any other layer runs: no session lookup, no file system access
//! and no compression per request.
//!
//! The release build (`cargo leptos build --release --precompress`, with `hash-files` in
//! `Cargo.toml`) names the files under `/pkg/` by their content's hash and writes a brotli and
//! a gzip copy of every file beside it. A browser gets the smallest copy it accepts; files with
//! a hash in their name may be cached for a year, since a new build has new names. Other files
//! are revalidated with their `ETag`.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// One file in its three encodings.
struct Asset {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    etag: HeaderValue,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// Every static file of the site, by URL path, read once at start-up.
#[derive(Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// Reads `site_root` (and its `pkg_dir`). Files under `pkg_dir` are immutable when the
    /// build named them by hash (`hashed`); a site root that does not exist (tests, a server
    /// started before its first build) gives no files.
    pub fn load(site_root: &Path, pkg_dir: &str, hashed: bool) -> std::io::Result<Self> {
        let mut assets = Assets::default();
        if site_root.is_dir() {
            assets.add_dir(site_root, "", false)?;
            let pkg = site_root.join(pkg_dir);
            if pkg.is_dir() {
                assets.add_dir(&pkg, &format!("/{pkg_dir}"), hashed)?;
            }
        }
        Ok(assets)
    }

    fn add_dir(&mut self, dir: &Path, prefix: &str, hashed: bool) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
            // The compressed copies are read with their original.
            if !entry.file_type()?.is_file() || name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let path = entry.path();
            let identity = Bytes::from(std::fs::read(&path)?);
            let sibling = |ext: &str| std::fs::read(dir.join(format!("{name}.{ext}"))).ok();
            let digest = Sha256::digest(&identity);
            let etag = format!(
                "\"{}\"",
                digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>()
            );
            let asset = Asset {
                content_type: HeaderValue::from_static(content_type(&name)),
                cache_control: HeaderValue::from_static(if hashed {
                    IMMUTABLE
                } else {
                    REVALIDATE
                }),
                etag: HeaderValue::from_str(&etag).map_err(std::io::Error::other)?,
                brotli: sibling("br").map(Bytes::from),
                gzip: sibling("gz").map(Bytes::from),
                identity,
            };
            self.files.insert(format!("{prefix}/{name}"), asset);
        }
        Ok(())
    }

    fn respond(&self, req: &Request) -> Option<Response> {
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let asset = self.files.get(req.uri().path())?;
        let headers = req.headers();
        let mut res = if matches_etag(headers, &asset.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let (encoding, body) = match (accepts(headers, "br"), accepts(headers, "gzip")) {
                (true, _) if asset.brotli.is_some() => (Some("br"), asset.brotli.clone()),
                (_, true) if asset.gzip.is_some() => (Some("gzip"), asset.gzip.clone()),
                _ => (None, None),
            };
            let body = body.unwrap_or_else(|| asset.identity.clone());
            let length = body.len();
            let mut res = if *req.method() == Method::HEAD {
                Response::new(Body::empty())
            } else {
                Response::new(Body::from(body))
            };
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, asset.content_type.clone());
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            if let Some(encoding) = encoding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            res
        };
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, asset.cache_control.clone());
        h.insert(header::ETAG, asset.etag.clone());
        if asset.brotli.is_some() || asset.gzip.is_some() {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        // What the security layer gives every other answer (this one never reaches it): an SVG
        // opened on its own is a document, and must not run anything or be framed.
        h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
        Some(res)
    }
}

/// The outermost layer: a request for a static file is answered here; anything else goes on.
pub async fn serve(State(assets): State<Arc<Assets>>, req: Request, next: Next) -> Response {
    match assets.respond(&req) {
        Some(res) => res,
        None => next.run(req).await,
    }
}

/// Whether `Accept-Encoding` accepts `coding` (listed and not `q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next().is_some_and(|name| name.eq_ignore_ascii_case(coding))
                && !parts.any(|p| {
                    p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
                })
        })
    })
}

fn matches_etag(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else { return false };
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').map(str::trim).any(|tag| tag == etag || tag == "*"))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("webp") => "image/webp",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept).unwrap());
        h
    }

    #[test]
    fn accept_encoding_honours_q_zero_and_case() {
        assert!(accepts(&headers("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&headers("GZIP;q=0.5"), "gzip"));
        assert!(!accepts(&headers("gzip;q=0, br"), "gzip"));
        assert!(!accepts(&headers("brotli"), "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }
}
