//! Drawing a page: the PDF content-stream operators for the placed text runs, rules and
//! frames, the running header and footer, page numbers and the draft mark. Body text is
//! marked content of its structure element, everything else an artifact, so that nothing
//! on a page is left unmarked.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Name, Str};

use crate::draw::{BODY_TOP, Color, Draw, MARGIN_X, RULE_GRAY, Span, Style, WATERMARK};
use crate::fonts::encode;
use crate::pdf::{self, Link, PAGE_HEIGHT, PAGE_WIDTH};
use crate::structure::{ROOT, Tree};

/// A drawing placed on a page, `top` points below the top of the body.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub draw: Draw,
    pub top: f32,
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
pub(crate) fn render_page(
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
