//! Flow layout: styled text wrapped to a width with the fonts' glyph widths, grouped into
//! blocks that are kept on one page where they fit, poured onto A4 pages, and framed with
//! a running header and footer once the page count is known.
//!
//! Every piece of body text names its element of the structure tree ([`Block::tag`] and
//! the builders that take a [`Tree`]); drawing a page marks each text run as marked content
//! of that element, and everything else (header, footer, page numbers, the draft mark,
//! rules and frames) as an artifact, so that nothing on a page is left unmarked.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Name, Str};

use crate::fonts::{Font, encode, encode_char};
use crate::pdf::{self, Link, PAGE_HEIGHT, PAGE_WIDTH};
use crate::structure::{NodeId, ROOT, Role, Tree};

/// Left and right margin (20 mm).
pub(crate) const MARGIN_X: f32 = 56.69;
/// Distance from the top edge to the first line of the body.
const BODY_TOP: f32 = 72.0;
/// Distance from the bottom edge to the end of the body.
const BODY_BOTTOM: f32 = 68.0;
/// Height available for the body on every page.
pub(crate) const BODY_HEIGHT: f32 = PAGE_HEIGHT - BODY_TOP - BODY_BOTTOM;
/// Width available for the body.
pub(crate) const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// Width of the label column of a [`row`], and the gap after it.
pub(crate) const LABEL_WIDTH: f32 = 165.0;
const LABEL_GAP: f32 = 10.0;
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
const WATERMARK: Color = Color(0.98, 0.87, 0.87);

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
    const HEADER: Style = Style::new(Font::Regular, 8.0, GRAY);
    const FOOTER: Style = Style::new(Font::Regular, 7.5, GRAY);

    pub(crate) const fn new(font: Font, size: f32, color: Color) -> Style {
        Style { font, size, color }
    }

    fn line_height(self) -> f32 {
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

fn tag_draws(items: &mut [Draw], node: NodeId) {
    for item in items {
        if let Draw::Text { node: n @ None, .. } = item {
            *n = Some(node);
        }
    }
}

// ── wrapping ────────────────────────────────────────────────────────────────────────────

/// One word (text between spaces), possibly made of several styled pieces.
#[derive(Debug, Default)]
struct Word {
    pieces: Vec<(Style, Option<String>, Vec<u8>)>,
    /// Whether a space separated it from the previous word.
    space_before: bool,
    /// How many line breaks come before it.
    breaks: usize,
}

impl Word {
    fn width(&self) -> f32 {
        self.pieces
            .iter()
            .map(|(s, _, b)| s.font.width(b, s.size))
            .sum()
    }

    fn is_empty(&self) -> bool {
        self.pieces.iter().all(|(_, _, b)| b.is_empty())
    }
}

fn words(spans: &[Span]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut word = Word::default();
    let mut space = false;
    let mut breaks = 0;
    for s in spans {
        for c in s.text.chars() {
            match c {
                ' ' | '\t' => space = true,
                '\r' => {}
                '\n' => breaks += 1,
                _ => {
                    if space || breaks > 0 {
                        if !word.is_empty() {
                            out.push(std::mem::take(&mut word));
                        }
                        word.space_before = space;
                        word.breaks = breaks;
                        space = false;
                        breaks = 0;
                    }
                    let Some(byte) = encode_char(c) else { continue };
                    match word.pieces.last_mut() {
                        Some((style, link, b)) if *style == s.style && *link == s.link => {
                            b.push(byte);
                        }
                        _ => word.pieces.push((s.style, s.link.clone(), vec![byte])),
                    }
                }
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A run of text on a wrapped line, `x` from the start of the line.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    x: f32,
    style: Style,
    link: Option<String>,
    bytes: Vec<u8>,
    /// The line breaks here at a space or a line break of the text (see [`Draw::Text`]).
    space_after: bool,
}

/// Wraps `spans` into lines no wider than `width`: at spaces, at line breaks in the text,
/// and inside words that are longer than a whole line (after `/`, `-`, `.` or `@` where
/// possible, e.g. in addresses and links).
fn wrap(spans: &[Span], width: f32) -> Vec<Vec<Run>> {
    let mut lines: Vec<Vec<Run>> = Vec::new();
    let mut line: Vec<Run> = Vec::new();
    let mut x = 0.0_f32;
    for word in words(spans) {
        if word.breaks > 0 && !(line.is_empty() && lines.is_empty()) {
            end_with_space(&mut line);
            lines.push(std::mem::take(&mut line));
            x = 0.0;
            // Blank lines between paragraphs are kept.
            lines.extend((1..word.breaks).map(|_| Vec::new()));
        }
        let space = match (&line.last(), word.space_before) {
            (Some(run), true) => run.style.font.width(b" ", run.style.size),
            _ => 0.0,
        };
        let w = word.width();
        if x + space + w <= width + 0.01 {
            if space > 0.0
                && let Some(run) = line.last_mut()
            {
                run.bytes.push(b' ');
            }
            x += space;
            push_pieces(&mut line, &mut x, word.pieces);
            continue;
        }
        if !line.is_empty() {
            if word.space_before {
                end_with_space(&mut line);
            }
            lines.push(std::mem::take(&mut line));
            x = 0.0;
        }
        if w <= width {
            push_pieces(&mut line, &mut x, word.pieces);
            continue;
        }
        // Longer than a line: cut it into pieces that fit.
        for (style, link, bytes) in word.pieces {
            let mut rest: &[u8] = &bytes;
            while !rest.is_empty() {
                let room = width - x;
                let fit = fitting_prefix(rest, style, room);
                if fit == 0 {
                    if line.is_empty() {
                        // Not even one character fits on an empty line: place it anyway.
                        let one = rest.len().min(1);
                        push_pieces(
                            &mut line,
                            &mut x,
                            vec![(style, link.clone(), rest[..one].to_vec())],
                        );
                        rest = &rest[one..];
                    }
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                    continue;
                }
                push_pieces(
                    &mut line,
                    &mut x,
                    vec![(style, link.clone(), rest[..fit].to_vec())],
                );
                rest = &rest[fit..];
                if !rest.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                }
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn end_with_space(line: &mut [Run]) {
    if let Some(run) = line.last_mut() {
        run.space_after = true;
    }
}

/// How many bytes of `text` fit into `room`, cut after a separator if one lies in the
/// second half of what fits.
fn fitting_prefix(text: &[u8], style: Style, room: f32) -> usize {
    let mut used = 0.0;
    let mut fit = 0;
    for &b in text {
        let w = style.font.advance(b) * style.size / 1000.0;
        if used + w > room + 0.01 {
            break;
        }
        used += w;
        fit += 1;
    }
    if fit == text.len() {
        return fit;
    }
    match text[..fit]
        .iter()
        .rposition(|b| matches!(b, b'/' | b'-' | b'.' | b'@' | b'_' | b'&' | b'?'))
    {
        Some(p) if p + 1 >= fit / 2 => p + 1,
        _ => fit,
    }
}

fn push_pieces(line: &mut Vec<Run>, x: &mut f32, pieces: Vec<(Style, Option<String>, Vec<u8>)>) {
    for (style, link, bytes) in pieces {
        let w = style.font.width(&bytes, style.size);
        match line.last_mut() {
            Some(run) if run.style == style && run.link == link => run.bytes.extend(bytes),
            _ => line.push(Run {
                x: *x,
                style,
                link,
                bytes,
                space_after: false,
            }),
        }
        *x += w;
    }
}

fn text_draws(runs: Vec<Run>, x0: f32, baseline: f32) -> Vec<Draw> {
    runs.into_iter()
        .filter(|r| !r.bytes.is_empty())
        .map(|r| Draw::Text {
            x: x0 + r.x,
            y: baseline,
            width: r.style.font.width(&r.bytes, r.style.size),
            style: r.style,
            bytes: r.bytes,
            link: r.link,
            node: None,
            space_after: r.space_after,
        })
        .collect()
}

/// The line height for a set of spans: that of the largest font in them.
fn line_height_of(spans: &[Span]) -> f32 {
    spans
        .iter()
        .map(|s| s.style.line_height())
        .fold(Style::BODY.line_height(), f32::max)
}

// ── blocks ──────────────────────────────────────────────────────────────────────────────

/// A paragraph of `spans` indented by `indent`, wrapped to the rest of the body width.
pub(crate) fn paragraph(spans: &[Span], indent: f32) -> Block {
    let height = line_height_of(spans);
    let baseline = height * 0.76;
    Block {
        lines: wrap(spans, BODY_WIDTH - indent)
            .into_iter()
            .map(|runs| Line {
                items: text_draws(runs, indent, baseline),
                height,
            })
            .collect(),
    }
}

/// A paragraph of its own in the structure: a new `P` in `parent`.
pub(crate) fn p(tree: &mut Tree, parent: NodeId, spans: &[Span]) -> Block {
    let node = tree.add(parent, Role::P);
    paragraph(spans, 0.0).tag(node)
}

/// A heading of `role` (H1–H3) in the document: space above it, then its text.
pub(crate) fn heading(
    tree: &mut Tree,
    role: Role,
    text: &str,
    style: Style,
    space_above: f32,
) -> Block {
    let node = tree.heading(ROOT, role, text);
    Block::space(space_above).then(paragraph(&[span(text, style)], 0.0).tag(node))
}

/// A label and its value side by side, as a row of `table`: the label is the row's header
/// cell. Both wrap within their columns.
pub(crate) fn row(tree: &mut Tree, table: NodeId, label: &str, value: &[Span]) -> Block {
    let tr = tree.add(table, Role::TR);
    let th = tree.add(tr, Role::TH);
    let td = tree.add(tr, Role::TD);
    columns(
        &[span(label, Style::LABEL)],
        value,
        0.0,
        LABEL_WIDTH,
        (th, td),
    )
}

/// An item of `list`: its label (a number, a mark or a state) and its body side by side,
/// the label column `label_width` wide.
pub(crate) fn item(
    tree: &mut Tree,
    list: NodeId,
    label: &[Span],
    body: &[Span],
    label_width: f32,
) -> Block {
    let li = tree.add(list, Role::LI);
    let lbl = tree.add(li, Role::Lbl);
    let lbody = tree.add(li, Role::LBody);
    columns(label, body, 0.0, label_width, (lbl, lbody))
}

/// Two columns starting at `indent`, the first `first_width` wide; the text of each column
/// belongs to the element given for it.
pub(crate) fn columns(
    first: &[Span],
    value: &[Span],
    indent: f32,
    first_width: f32,
    (left_node, right_node): (NodeId, NodeId),
) -> Block {
    let height = line_height_of(value).max(line_height_of(first));
    let baseline = height * 0.76;
    let value_x = indent + first_width + LABEL_GAP;
    let left = wrap(first, first_width);
    let right = wrap(value, BODY_WIDTH - value_x);
    let n = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    let mut lines = Vec::with_capacity(n);
    for _ in 0..n {
        let mut items = text_draws(left.next().unwrap_or_default(), indent, baseline);
        tag_draws(&mut items, left_node);
        let mut right_items = text_draws(right.next().unwrap_or_default(), value_x, baseline);
        tag_draws(&mut right_items, right_node);
        items.extend(right_items);
        lines.push(Line { items, height });
    }
    // A little air between rows.
    if let Some(last) = lines.last_mut() {
        last.height += 2.0;
    }
    Block { lines }
}

/// A horizontal line from `x1` to `x2` across the body, with `space` above and below.
pub(crate) fn rule(x1: f32, x2: f32, space: f32, color: Color) -> Block {
    Block {
        lines: vec![Line {
            items: vec![Draw::Rule {
                x1,
                x2,
                y: space,
                width: 0.6,
                color,
            }],
            height: 2.0 * space,
        }],
    }
}

/// `block` inside a coloured frame (used for the draft and submission notices).
pub(crate) fn framed(block: Block, color: Color) -> Block {
    const PAD: f32 = 6.0;
    let inner = block.height();
    let mut lines = vec![Line {
        items: vec![Draw::Frame {
            x: -PAD,
            y: 0.0,
            w: BODY_WIDTH + 2.0 * PAD,
            h: inner + 2.0 * PAD,
            color,
        }],
        height: PAD,
    }];
    lines.extend(block.lines);
    lines.push(Line {
        items: Vec::new(),
        height: PAD,
    });
    Block { lines }
}

// ── pages ───────────────────────────────────────────────────────────────────────────────

/// A drawing placed on a page, `top` points below the top of the body.
#[derive(Debug, Clone)]
struct Placed {
    draw: Draw,
    top: f32,
}

/// Pours blocks onto pages.
#[derive(Debug)]
pub(crate) struct Flow {
    pages: Vec<Vec<Placed>>,
    /// Height used on the current page.
    used: f32,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            pages: vec![Vec::new()],
            used: 0.0,
        }
    }
}

impl Flow {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.used = 0.0;
    }

    /// Places `block`: on this page if it fits, else on the next; a block taller than a
    /// page starts a new page unless at least its first three lines fit here.
    pub(crate) fn push(&mut self, block: Block) {
        let height = block.height();
        let remaining = BODY_HEIGHT - self.used;
        let head: f32 = block.lines.iter().take(3).map(|l| l.height).sum();
        let move_on = if height <= BODY_HEIGHT {
            height > remaining + 0.01
        } else {
            head > remaining + 0.01
        };
        if move_on && self.used > 0.0 {
            self.new_page();
        }
        for line in block.lines {
            self.place(line);
        }
    }

    fn place(&mut self, line: Line) {
        if self.used + line.height > BODY_HEIGHT + 0.01 && self.used > 0.0 {
            self.new_page();
        }
        // No empty space at the top of a page.
        if line.items.is_empty() && self.used == 0.0 {
            return;
        }
        let top = self.used;
        if let Some(page) = self.pages.last_mut() {
            page.extend(line.items.into_iter().map(|draw| Placed { draw, top }));
        }
        self.used += line.height;
    }

    /// Renders the pages with their header and footer, and adds what each page shows to
    /// the elements of `tree`.
    pub(crate) fn finish(self, frame: &PageFrame, tree: &mut Tree) -> Vec<pdf::Page> {
        let total = self.pages.len();
        self.pages
            .into_iter()
            .enumerate()
            .map(|(i, placed)| render_page(placed, frame, i, total, tree))
            .collect()
    }
}

/// What every page shows besides the body.
#[derive(Debug, Clone)]
pub(crate) struct PageFrame {
    /// Left of the header, e.g. the document title and municipality.
    pub header: String,
    /// Right of the header: the draft mark or the reference number.
    pub mark: Span,
    /// Whether to draw the diagonal draft mark behind the text.
    pub watermark: bool,
    /// Left of the footer: generation time, schema version and fingerprint.
    pub footer: String,
}

/// The kinds of artifact on a page: content that is not part of the document's text.
#[derive(Debug, Clone, Copy)]
enum Artifact {
    Header,
    Footer,
    Watermark,
    /// Rules and frames.
    Layout,
}

fn begin_artifact(c: &mut Content, kind: Artifact) {
    let mut op = c.begin_marked_content_with_properties(Name(b"Artifact"));
    let mut props = op.properties();
    match kind {
        Artifact::Header | Artifact::Footer | Artifact::Watermark => {
            props.pair(Name(b"Type"), Name(b"Pagination"));
            let subtype: &[u8] = match kind {
                Artifact::Header => b"Header",
                Artifact::Footer => b"Footer",
                _ => b"Watermark",
            };
            props.pair(Name(b"Subtype"), Name(subtype));
        }
        Artifact::Layout => {
            props.pair(Name(b"Type"), Name(b"Layout"));
        }
    }
}

/// Draws page `index` (from 0) of `total`.
fn render_page(
    placed: Vec<Placed>,
    frame: &PageFrame,
    index: usize,
    total: usize,
    tree: &mut Tree,
) -> pdf::Page {
    let mut page = pdf::Page::default();
    let mut c = Content::new();
    if frame.watermark {
        begin_artifact(&mut c, Artifact::Watermark);
        watermark(&mut c);
        c.end_marked_content();
    }

    // Header.
    begin_artifact(&mut c, Artifact::Header);
    let header_y = PAGE_HEIGHT - 38.0;
    let mark_bytes = encode(&frame.mark.text);
    let mark_width = frame
        .mark
        .style
        .font
        .width(&mark_bytes, frame.mark.style.size);
    let mark_x = PAGE_WIDTH - MARGIN_X - mark_width;
    let header = fit_bytes(
        &encode(&frame.header),
        Style::HEADER,
        mark_x - MARGIN_X - 12.0,
    );
    text(&mut c, MARGIN_X, header_y, Style::HEADER, &header);
    text(&mut c, mark_x, header_y, frame.mark.style, &mark_bytes);
    line(
        &mut c,
        MARGIN_X,
        PAGE_WIDTH - MARGIN_X,
        header_y - 7.0,
        0.5,
        RULE_GRAY,
    );
    c.end_marked_content();

    // Body.
    let mut mcid = 0;
    for p in placed {
        match p.draw {
            Draw::Text {
                x,
                y,
                style,
                mut bytes,
                width,
                link,
                node,
                space_after,
            } => {
                let base = PAGE_HEIGHT - BODY_TOP - p.top - y;
                // Every text of the body is built with its element; text without one would
                // be a mistake in a document's code, and is kept readable at the root.
                debug_assert!(node.is_some(), "untagged text {bytes:?}");
                let mut element = node.unwrap_or(ROOT);
                if let Some(uri) = &link {
                    element = tree.link(element, uri);
                }
                if space_after {
                    bytes.push(b' ');
                }
                c.begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .identify(mcid);
                text(&mut c, x + MARGIN_X, base, style, &bytes);
                c.end_marked_content();
                tree.content(element, index, mcid, base + style.size);
                mcid += 1;
                if let Some(uri) = link {
                    page.links.push(Link {
                        rect: [
                            x + MARGIN_X,
                            base - 0.25 * style.size,
                            x + MARGIN_X + width,
                            base + 0.8 * style.size,
                        ],
                        uri,
                    });
                    tree.annotation(element, index, page.links.len() - 1);
                }
            }
            Draw::Rule {
                x1,
                x2,
                y,
                width,
                color,
            } => {
                let y = PAGE_HEIGHT - BODY_TOP - p.top - y;
                begin_artifact(&mut c, Artifact::Layout);
                line(&mut c, x1 + MARGIN_X, x2 + MARGIN_X, y, width, color);
                c.end_marked_content();
            }
            Draw::Frame { x, y, w, h, color } => {
                let top = PAGE_HEIGHT - BODY_TOP - p.top - y;
                let Color(r, g, b) = color;
                begin_artifact(&mut c, Artifact::Layout);
                c.save_state()
                    .set_stroke_rgb(r, g, b)
                    .set_line_width(1.2)
                    .rect(x + MARGIN_X, top - h, w, h)
                    .stroke()
                    .restore_state();
                c.end_marked_content();
            }
        }
    }

    // Footer, with the page number.
    begin_artifact(&mut c, Artifact::Footer);
    let footer_y = 36.0;
    line(
        &mut c,
        MARGIN_X,
        PAGE_WIDTH - MARGIN_X,
        footer_y + 11.0,
        0.5,
        RULE_GRAY,
    );
    let pages = encode(&format!("Seite {} von {total}", index + 1));
    let pages_x = PAGE_WIDTH - MARGIN_X - Style::FOOTER.font.width(&pages, Style::FOOTER.size);
    let footer = fit_bytes(
        &encode(&frame.footer),
        Style::FOOTER,
        pages_x - MARGIN_X - 12.0,
    );
    text(&mut c, MARGIN_X, footer_y, Style::FOOTER, &footer);
    text(&mut c, pages_x, footer_y, Style::FOOTER, &pages);
    c.end_marked_content();
    page.content = c.finish().into_vec();
    page
}

/// `text` cut to `width` with an ellipsis, for the one-line header and footer.
fn fit_bytes(text: &[u8], style: Style, width: f32) -> Vec<u8> {
    if style.font.width(text, style.size) <= width {
        return text.to_vec();
    }
    let ellipsis = style.font.width(&[0x85], style.size);
    let fit = fitting_prefix_plain(text, style, width - ellipsis);
    let mut out = text[..fit].to_vec();
    out.push(0x85);
    out
}

fn fitting_prefix_plain(text: &[u8], style: Style, room: f32) -> usize {
    let mut used = 0.0;
    text.iter()
        .take_while(|&&b| {
            used += style.font.advance(b) * style.size / 1000.0;
            used <= room
        })
        .count()
}

fn text(c: &mut Content, x: f32, y: f32, style: Style, bytes: &[u8]) {
    let Color(r, g, b) = style.color;
    c.begin_text()
        .set_font(Name(style.font.resource()), style.size)
        .set_fill_rgb(r, g, b)
        .next_line(x, y)
        .show(Str(bytes))
        .end_text();
}

fn line(c: &mut Content, x1: f32, x2: f32, y: f32, width: f32, color: Color) {
    let Color(r, g, b) = color;
    c.save_state()
        .set_stroke_rgb(r, g, b)
        .set_line_width(width)
        .move_to(x1, y)
        .line_to(x2, y)
        .stroke()
        .restore_state();
}

/// "ENTWURF" across the page at 45°, behind everything else.
///
/// Drawn as strokes, not as text: diagonal text would be read by text extraction (copy and
/// paste, search) in among the lines it crosses and garble them. It is marked as an artifact
/// (a watermark), like the header; the draft mark a screen reader announces is the status
/// notice under the title, and text extraction also finds the header of every page.
fn watermark(c: &mut Content) {
    // Letters on a grid 100 units high; each is a list of strokes, each stroke a start
    // point and segments: a line to (x, y), or a cubic curve through two control points.
    enum Seg {
        L(f32, f32),
        C(f32, f32, f32, f32, f32, f32),
    }
    use Seg::{C, L};
    type Stroke = ((f32, f32), &'static [Seg]);
    const E: &[Stroke] = &[
        ((60.0, 100.0), &[L(0.0, 100.0), L(0.0, 0.0), L(60.0, 0.0)]),
        ((0.0, 50.0), &[L(48.0, 50.0)]),
    ];
    const N: &[Stroke] = &[((0.0, 0.0), &[L(0.0, 100.0), L(60.0, 0.0), L(60.0, 100.0)])];
    const T: &[Stroke] = &[
        ((0.0, 100.0), &[L(60.0, 100.0)]),
        ((30.0, 100.0), &[L(30.0, 0.0)]),
    ];
    const W: &[Stroke] = &[(
        (0.0, 100.0),
        &[L(20.0, 0.0), L(40.0, 72.0), L(60.0, 0.0), L(80.0, 100.0)],
    )];
    const U: &[Stroke] = &[(
        (0.0, 100.0),
        &[
            L(0.0, 32.0),
            C(0.0, -10.0, 60.0, -10.0, 60.0, 32.0),
            L(60.0, 100.0),
        ],
    )];
    const R: &[Stroke] = &[
        (
            (0.0, 0.0),
            &[
                L(0.0, 100.0),
                L(32.0, 100.0),
                C(66.0, 100.0, 66.0, 50.0, 32.0, 50.0),
                L(0.0, 50.0),
            ],
        ),
        ((30.0, 50.0), &[L(60.0, 0.0)]),
    ];
    const F: &[Stroke] = &[
        ((60.0, 100.0), &[L(0.0, 100.0), L(0.0, 0.0)]),
        ((0.0, 50.0), &[L(45.0, 50.0)]),
    ];
    const WORD: [(&[Stroke], f32); 7] = [
        (E, 60.0),
        (N, 60.0),
        (T, 60.0),
        (W, 80.0),
        (U, 60.0),
        (R, 60.0),
        (F, 60.0),
    ];
    const GAP: f32 = 32.0;
    let width: f32 = WORD.iter().map(|(_, w)| w).sum::<f32>() + GAP * (WORD.len() - 1) as f32;

    // Rotate by 45° about the word's centre, which lands on the page's centre.
    let (cos, sin) = (
        std::f32::consts::FRAC_1_SQRT_2,
        std::f32::consts::FRAC_1_SQRT_2,
    );
    let (mx, my) = (width / 2.0, 50.0);
    let e = PAGE_WIDTH / 2.0 - cos * mx + sin * my;
    let f = PAGE_HEIGHT / 2.0 - sin * mx - cos * my;
    let Color(r, g, b) = WATERMARK;
    c.save_state()
        .transform([cos, sin, -sin, cos, e, f])
        .set_stroke_rgb(r, g, b)
        .set_line_width(13.0)
        .set_line_cap(LineCapStyle::RoundCap)
        .set_line_join(LineJoinStyle::RoundJoin);
    let mut x0 = 0.0;
    for (strokes, advance) in WORD {
        for ((sx, sy), segments) in strokes {
            c.move_to(x0 + sx, *sy);
            for seg in *segments {
                match *seg {
                    L(x, y) => c.line_to(x0 + x, y),
                    C(x1, y1, x2, y2, x, y) => c.cubic_to(x0 + x1, y1, x0 + x2, y2, x0 + x, y),
                };
            }
            c.stroke();
        }
        x0 += advance + GAP;
    }
    c.restore_state();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(spans: &[Span], width: f32) -> Vec<String> {
        wrap(spans, width)
            .into_iter()
            .map(|runs| {
                runs.iter()
                    .map(|r| r.bytes.iter().map(|&b| char::from(b)).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let text = "Antrag auf Anschluss an EfA-Onlinedienste der Stadt Würzburg";
        let out = lines(&[span(text, Style::BODY)], 120.0);
        assert!(out.len() > 1, "{out:?}");
        for l in wrap(&[span(text, Style::BODY)], 120.0) {
            let w: f32 = l
                .iter()
                .map(|r| r.style.font.width(&r.bytes, r.style.size))
                .sum();
            assert!(w <= 120.01, "{w}");
        }
        let joined = out.join(" ");
        assert_eq!(
            joined,
            "Antrag auf Anschluss an EfA-Onlinedienste der Stadt W\u{fc}rzburg"
        );
    }

    #[test]
    fn long_words_are_cut_after_a_separator() {
        let url = "https://www.example.org/ein/sehr/langer/pfad/der/nicht/in/eine/zeile/passt";
        let out = lines(&[span(url, Style::BODY)], 100.0);
        assert!(out.len() > 2, "{out:?}");
        assert_eq!(out.concat(), url);
        assert!(
            out[..out.len() - 1].iter().all(|l| l.ends_with(['/', '.'])),
            "{out:?}"
        );
    }

    #[test]
    fn styles_change_within_a_line_and_breaks_are_kept() {
        let spans = [
            span("OFFEN:", Style::ALERT),
            span(" Erster\nZweiter", Style::BODY),
        ];
        assert_eq!(lines(&spans, 400.0), vec!["OFFEN: |Erster", "Zweiter"]);
        let spans = [span("a\n\nb", Style::BODY)];
        assert_eq!(lines(&spans, 400.0), vec!["a", "", "b"]);
        assert_eq!(lines(&[span("", Style::BODY)], 400.0), vec![""]);
    }

    #[test]
    fn blocks_move_to_the_next_page_as_a_whole() {
        let mut flow = Flow::default();
        let one = paragraph(&[span("x", Style::BODY)], 0.0);
        let lines_per_page = (BODY_HEIGHT / one.height()) as usize;
        for _ in 0..lines_per_page - 1 {
            flow.push(one.clone());
        }
        flow.push(one.clone().then(one.clone()));
        assert_eq!(flow.pages.len(), 2);
        assert_eq!(flow.pages[1].len(), 2);
    }
}
