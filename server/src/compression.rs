//! Gzip for what the server makes per request (pages, server function answers).
//!
//! Pages are small (3-25 KB) and rendered whole before the first byte is sent, so each answer
//! is compressed in one call by a compressor kept per thread. Setting a compressor up costs
//! more than compressing a page: tower-http's compression layer made a new one for every
//! answer, which allocated and zeroed about 256 KB and took 16 % of a signed-in dashboard
//! request's instructions (README, Benchmark). The compressor is libdeflate's, which takes a
//! whole buffer at once instead of a stream: its level 1 makes the dashboard smaller than
//! zlib-rs's level 2 did (3,338 bytes against 3,422) in under half the instructions (about
//! 360,000 against 780,000, `callgrind`), and it needs no reset between answers (zlib-rs
//! cleared a 128 KB hash table each time). Brotli's default level cost half of a request for
//! 15 % fewer bytes, so pages are gzip only. Static files never get here: they are answered
//! before this layer from the brotli and gzip copies made at build time.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use libdeflater::{CompressionLvl, Compressor};
use std::cell::RefCell;

/// libdeflate's level 1: its fastest that compresses (`CompressionLvl::fastest()` is level 0,
/// which only stores).
const LEVEL: CompressionLvl = match CompressionLvl::new(1) {
    Ok(level) => level,
    Err(_) => panic!("libdeflate has level 1"),
};
/// Below this many bytes gzip's own header and trailer eat most of what it would save.
const MIN_SIZE: usize = 256;

thread_local! {
    static COMPRESSOR: RefCell<Compressor> = RefCell::new(Compressor::new(LEVEL));
}

pub async fn gzip(req: Request, next: Next) -> Response {
    let wants_gzip = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(accepts_gzip);
    let head = req.method() == Method::HEAD;
    let mut res = next.run(req).await;
    if !compressible(&res) {
        return res;
    }
    // Whether it is compressed depends on the request's Accept-Encoding: caches must know.
    res.headers_mut().append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if !wants_gzip || head {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) => {
            // The page failed while it was being made; nothing of it has been sent yet.
            tracing::error!("answer body failed: {err}");
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::empty())
                .unwrap_or_default();
        }
    };
    if bytes.len() < MIN_SIZE {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let Some(compressed) = compress(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(compressed))
}

/// Text the server made, not yet encoded: pages, JSON and plain-text answers. PDFs and images
/// are compressed inside already.
fn compressible(res: &Response) -> bool {
    if res.headers().contains_key(header::CONTENT_ENCODING)
        || matches!(res.status(), StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED)
        || res.status().is_informational()
    {
        return false;
    }
    let Some(kind) = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let kind = kind.split(';').next().unwrap_or("").trim();
    kind.starts_with("text/") && kind != "text/event-stream"
        || matches!(kind, "application/json" | "application/xml" | "application/javascript")
}

/// Whether an `Accept-Encoding` value takes gzip: named (or `*`) without `q=0`.
pub fn accepts_gzip(header: &str) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or("").trim();
        let refused = pieces.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

/// One gzip member holding `input`, made by this thread's compressor; `None` where it could
/// not be made, and the answer goes out as it is.
fn compress(input: &[u8]) -> Option<Vec<u8>> {
    COMPRESSOR.with(|cell| {
        let mut compressor = cell.borrow_mut();
        // The bound is what an incompressible input would need, so compressing cannot run
        // out of room.
        let mut out = vec![0; compressor.gzip_compress_bound(input.len())];
        match compressor.gzip_compress(input, &mut out) {
            Ok(written) => {
                out.truncate(written);
                Some(out)
            }
            Err(err) => {
                tracing::error!("gzip failed: {err:?}");
                None
            }
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn gzip_is_taken_unless_refused() {
        assert!(accepts_gzip("gzip, deflate, br, zstd"));
        assert!(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip("br"));
        assert!(!accepts_gzip("gzip;q=0, br"));
        assert!(!accepts_gzip("gzip; q=0.000"));
        assert!(!accepts_gzip("identity"));
        assert!(!accepts_gzip("gzipped"));
    }

    #[test]
    fn one_compressor_makes_one_whole_member_per_answer() {
        let page = "<tr><td>kovacs-webshop.hu</td><td>2026-12-24</td></tr>".repeat(400);
        let small = "<p>ok</p>".repeat(40);
        // The same thread's compressor serves answers of different sizes in turn.
        for text in [&page, &small, &page] {
            let gz = compress(text.as_bytes()).unwrap();
            assert!(gz.len() * 5 < text.len(), "{} of {}", gz.len(), text.len());
            let mut back = String::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
            assert_eq!(&back, text);
        }
        let incompressible: Vec<u8> =
            (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let gz = compress(&incompressible).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, incompressible);
    }
}
