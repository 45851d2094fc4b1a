//! Flow layout: styled text wrapped to a width with the fonts' glyph widths, grouped into
//! blocks that are kept on one page where they fit, poured onto A4 pages, and framed with
//! a running header and footer once the page count is known.
//!
//! Every piece of body text names its element of the structure tree ([`Block::tag`] and
//! the builders that take a [`Tree`]); drawing a page marks each text run as marked content
//! of that element, and everything else (header, footer, page numbers, the draft mark,
//! rules and frames) as an artifact, so that nothing on a page is left unmarked.

//! The drawing primitives are in `draw.rs`, the PDF operators that draw a page in `page.rs`.

use crate::draw::{
    BODY_HEIGHT, BODY_WIDTH, Block, Color, Draw, LABEL_GAP, LABEL_WIDTH, Line, Span, Style, span,
    tag_draws,
};
use crate::fonts::encode_char;
use crate::page::{PageFrame, Placed, render_page};
use crate::pdf;
use crate::structure::{NodeId, ROOT, Role, Tree};

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
