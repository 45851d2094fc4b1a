//! What the layout draws, before it is placed on a page: colours and text styles, styled
//! text spans, the drawing items of a line (text runs, rules, frames), lines and the blocks
//! that keep lines together, and the page geometry they are measured against.

use crate::fonts::Font;
use crate::pdf::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::structure::NodeId;

/// Left and right margin (20 mm).
pub(crate) const MARGIN_X: f32 = 56.69;
/// Distance from the top edge to the first line of the body.
pub(crate) const BODY_TOP: f32 = 72.0;
/// Distance from the bottom edge to the end of the body.
const BODY_BOTTOM: f32 = 68.0;
/// Height available for the body on every page.
pub(crate) const BODY_HEIGHT: f32 = PAGE_HEIGHT - BODY_TOP - BODY_BOTTOM;
/// Width available for the body.
pub(crate) const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// Width of the label column of a [`row`], and the gap after it.
pub(crate) const LABEL_WIDTH: f32 = 165.0;
pub(crate) const LABEL_GAP: f32 = 10.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.25;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Color(pub f32, pub f32, pub f32);

pub(crate) const BLACK: Color = Color(0.0, 0.0, 0.0);
pub(crate) const GRAY: Color = Color(0.35, 0.35, 0.35);
/// Open items and the draft mark. Dark enough for a contrast of more than 7:1 on white.
pub(crate) const RED: Color = Color(0.69, 0.0, 0.0);
const LINK_BLUE: Color = Color(0.0, 0.22, 0.6);
pub(crate) const RULE_GRAY: Color = Color(0.7, 0.7, 0.7);
/// The diagonal draft mark behind the text: light, so that the text stays readable.
pub(crate) const WATERMARK: Color = Color(0.98, 0.87, 0.87);

/// Font, size and colour of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub font: Font,
    pub size: f32,
    pub color: Color,
}

impl Style {
    pub(crate) const BODY: Style = Style::new(Font::Regular, 9.5, BLACK);
    pub(crate) const STRONG: Style = Style::new(Font::Bold, 9.5, BLACK);
    pub(crate) const LABEL: Style = Style::new(Font::Regular, 9.5, GRAY);
    pub(crate) const ALERT: Style = Style::new(Font::Bold, 9.5, RED);
    pub(crate) const TITLE: Style = Style::new(Font::Bold, 17.0, BLACK);
    pub(crate) const SUBTITLE: Style = Style::new(Font::Regular, 11.0, GRAY);
    pub(crate) const H2: Style = Style::new(Font::Bold, 12.5, BLACK);
    pub(crate) const H3: Style = Style::new(Font::Bold, 10.5, BLACK);
    pub(crate) const HEADER: Style = Style::new(Font::Regular, 8.0, GRAY);
    pub(crate) const FOOTER: Style = Style::new(Font::Regular, 7.5, GRAY);

    pub(crate) const fn new(font: Font, size: f32, color: Color) -> Style {
        Style { font, size, color }
    }

    pub(crate) fn line_height(self) -> f32 {
        self.size * LEADING
    }
}

/// A piece of text in one style, optionally a link.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<String>,
}

/// A span of `text` in `style`.
pub(crate) fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
        link: None,
    }
}

/// A web address as a clickable span; only `http(s)` addresses become links.
pub(crate) fn link(url: &str) -> Span {
    let url = url.trim();
    let linkable = url.starts_with("https://") || url.starts_with("http://");
    Span {
        text: url.to_owned(),
        style: Style::new(Font::Regular, 9.5, if linkable { LINK_BLUE } else { BLACK }),
        link: linkable.then(|| url.to_owned()),
    }
}

/// Something drawn on a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    /// A run of text; `y` is the baseline's distance from the top of its line.
    Text {
        x: f32,
        y: f32,
        style: Style,
        bytes: Vec<u8>,
        width: f32,
        link: Option<String>,
        /// The element of the structure tree the text belongs to.
        node: Option<NodeId>,
        /// Whether a space of the text ends here, at a line break: it is written after the
        /// run (invisible at the end of the line), so that text read from the structure
        /// keeps its word breaks.
        space_after: bool,
    },
    /// A horizontal line `y` below the top of its line, `x` from the body's left edge
    /// (like all `x` here).
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
        color: Color,
    },
    /// A rectangle outline; `y` is its top, below the top of its line.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
}

/// One line of a block: what is drawn on it and how much height it takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Line {
    pub items: Vec<Draw>,
    pub height: f32,
}

/// Lines that belong together: a block is moved to the next page as a whole if it does not
/// fit on the current one but fits on an empty page; a longer block is split between lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Block {
    pub lines: Vec<Line>,
}

impl Block {
    pub(crate) fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }

    /// Appends the lines of `other`, so that both stay together.
    pub(crate) fn then(mut self, other: Block) -> Block {
        self.lines.extend(other.lines);
        self
    }

    /// Assigns the text that has no element yet to `node`.
    pub(crate) fn tag(mut self, node: NodeId) -> Block {
        for line in &mut self.lines {
            tag_draws(&mut line.items, node);
        }
        self
    }

    /// Empty space of `height` points.
    pub(crate) fn space(height: f32) -> Block {
        Block {
            lines: vec![Line {
                items: Vec::new(),
                height,
            }],
        }
    }
}

pub(crate) fn tag_draws(items: &mut [Draw], node: NodeId) {
    for item in items {
        if let Draw::Text { node: n @ None, .. } = item {
            *n = Some(node);
        }
    }
}
