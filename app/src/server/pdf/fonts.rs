//! The typeface of every document: DejaVu Sans, shipped in `app/fonts/` (its licence beside it)
//! and compiled into the binary, so a document prints the same letters (ő ű ł ż ß) on every
//! machine whatever fonts it has installed. krilla embeds only the glyphs a document uses.

use krilla::text::Font;
use std::sync::LazyLock;

static REGULAR: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold.ttf");

/// One weight: the font krilla draws with, and the same file parsed for measuring.
pub struct Face {
    pub font: Font,
    shaper: rustybuzz::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        // Both parse a file compiled into the binary: a failure is a broken build, found by
        // the first test that renders a document.
        #[allow(clippy::expect_used)]
        Face {
            font: Font::new(data.into(), 0).expect("the shipped font parses"),
            shaper: rustybuzz::Face::from_slice(data, 0).expect("the shipped font parses"),
        }
    }

    /// The width of `text` at `size` points, shaped the way krilla shapes it when drawing
    /// (kerning included), so right-aligned columns line up.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&self.shaper, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / self.shaper.units_per_em() as f32
    }
}

pub struct Faces {
    pub regular: Face,
    pub bold: Face,
}

/// Parsed once per process.
pub static FACES: LazyLock<Faces> =
    LazyLock::new(|| Faces { regular: Face::load(REGULAR), bold: Face::load(BOLD) });
