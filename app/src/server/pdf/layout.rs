//! A small top-down layout for A4 documents: text and rules placed line by line, a new page
//! when the next block does not fit. Everything is laid out before anything is drawn, so each
//! page's footer can say "Page 1 of 2". Positions are PDF points (1/72 inch) from the page's
//! top-left corner, as krilla places them.

use super::fonts::{FACES, Face};
use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::TextDirection;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN: f32 = 50.0;
/// The right edge of the text area.
pub const RIGHT: f32 = PAGE_WIDTH - MARGIN;
/// Kept free at the bottom of every page for its footer.
const FOOTER_SPACE: f32 = 30.0;
/// A line's height relative to its font size.
const LEADING: f32 = 1.4;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn face(self) -> &'static Face {
        match self {
            Weight::Regular => &FACES.regular,
            Weight::Bold => &FACES.bold,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        text: String,
    },
    Rule {
        y: f32,
        from: f32,
        to: f32,
    },
}

pub struct Layout {
    pages: Vec<Vec<Item>>,
    /// The top of the next line on the current page.
    y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { pages: vec![Vec::new()], y: MARGIN }
    }
}

impl Layout {
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page unless `height` more points fit on this one: a block that must not
    /// be split (a table row, the totals) asks for its whole height first.
    pub fn keep(&mut self, height: f32) {
        if self.y + height > PAGE_HEIGHT - MARGIN - FOOTER_SPACE && !self.page().is_empty() {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// Moves down by `points`.
    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// The height of one line of `size`-point text.
    pub fn line_height(size: f32) -> f32 {
        size * LEADING
    }

    /// Ends a line of `size`-point text placed with [`Layout::text`] and friends.
    pub fn next_line(&mut self, size: f32) {
        self.y += Layout::line_height(size);
    }

    /// Text starting at `x` on the current line.
    pub fn text(&mut self, x: f32, size: f32, weight: Weight, text: &str) {
        if text.is_empty() {
            return;
        }
        let y = self.y + size;
        self.page().push(Item::Text { x, y, size, weight, text: text.to_owned() });
    }

    /// Text ending at `right` on the current line: the amounts of a column.
    pub fn text_right(&mut self, right: f32, size: f32, weight: Weight, text: &str) {
        let x = right - weight.face().width(text, size);
        self.text(x, size, weight, text);
    }

    /// A thin horizontal rule at the current position.
    pub fn rule(&mut self, from: f32, to: f32) {
        let y = self.y;
        self.page().push(Item::Rule { y, from, to });
    }

    fn page(&mut self) -> &mut Vec<Item> {
        // `pages` starts with one page and only grows.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws the pages, each with `footer(page, pages)` at its foot.
    pub fn render(
        self,
        metadata: Metadata,
        footer: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>, krilla::error::KrillaError> {
        let mut document = Document::new();
        document.set_metadata(metadata);
        let count = self.pages.len();
        for (index, items) in self.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).unwrap_or_default();
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            let foot = footer(index + 1, count);
            let foot_y = PAGE_HEIGHT - MARGIN + 8.0;
            let foot_items = [Item::Text {
                x: MARGIN,
                y: foot_y,
                size: 8.0,
                weight: Weight::Regular,
                text: foot,
            }];
            for item in items.iter().chain(&foot_items) {
                match item {
                    Item::Text { x, y, size, weight, text } => surface.draw_text(
                        Point::from_xy(*x, *y),
                        weight.face().font.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    ),
                    Item::Rule { y, from, to } => {
                        let mut path = PathBuilder::new();
                        path.move_to(*from, *y);
                        path.line_to(*to, *y);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke { width: 0.5, ..Default::default() }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                            surface.set_fill(Some(Default::default()));
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document.finish()
    }
}

/// Breaks `text` into lines no wider than `width` at `size` points, between words; a word
/// longer than a line (a long domain name) stands on a line of its own.
pub fn wrap(text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
    let face = weight.face();
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate =
                if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if face.width(&candidate, size) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_each_line_within_the_width() {
        let text = "Tárhely Pro (kovacs-es-tarsa.hu) megújítása egy évre, 2026. december 1-től";
        let lines = wrap(text, 120.0, 9.0, Weight::Regular);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(FACES.regular.width(line, 9.0) <= 120.0, "{line}");
        }
        // A word wider than the line is not split or lost.
        assert_eq!(wrap("a-very-long-domain-name.example", 20.0, 9.0, Weight::Regular).len(), 1);
    }

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider_than_regular() {
        let narrow = FACES.regular.width("1 270 Ft", 9.0);
        assert!(narrow > 20.0 && narrow < 60.0, "{narrow}");
        assert!(FACES.regular.width("12 270 Ft", 9.0) > narrow);
        assert!(FACES.bold.width("1 270 Ft", 9.0) > narrow);
    }

    #[test]
    fn a_block_that_does_not_fit_starts_a_new_page() {
        let mut layout = Layout::default();
        for _ in 0..100 {
            layout.keep(Layout::line_height(10.0));
            layout.text(MARGIN, 10.0, Weight::Regular, "line");
            layout.next_line(10.0);
        }
        assert_eq!(layout.pages(), 2);
        assert!(layout.pages.iter().flatten().all(|item| match item {
            Item::Text { y, .. } => *y < PAGE_HEIGHT - MARGIN,
            Item::Rule { .. } => true,
        }));
    }
}
