//! Writes the PDF file with `pdf-writer`: a tagged PDF 1.7 that follows PDF/UA-1 (ISO
//! 14289-1). The layout ([`crate::layout`]) hands over the pages' content streams, already
//! marked (every text run as marked content with an identifier, everything else as an
//! artifact), their links and the structure tree ([`crate::structure`]); this module adds
//! what makes the file accessible around them:
//!
//! - the structure tree with its parent tree, so that each marked sequence and each link
//!   annotation finds its element, and `/MarkInfo << /Marked true >>`;
//! - the document language (`/Lang`), the title in the information dictionary and in the
//!   XMP metadata (with the PDF/UA identification), shown as the window title
//!   (`/DisplayDocTitle`);
//! - an outline of the section headings;
//! - the two fonts, embedded as simple TrueType fonts in WinAnsiEncoding, the encoding the
//!   layout works in (one byte per character, as with the standard fonts before), with
//!   their widths and a `ToUnicode` map, so that copied and read-aloud text is the text
//!   written. PDF/UA-1 allows non-symbolic TrueType fonts in WinAnsiEncoding whose font
//!   program has a Windows Unicode `cmap`, which the subsets have.
//!
//! Content streams, fonts and `ToUnicode` maps are compressed (FlateDecode, `miniz_oxide`):
//! about 7 KB in the PDF module, and the 50-service Anschlussantrag shrinks from 552 KB to
//! 319 KB. The structure elements stay uncompressed objects: pdf-writer writes no object
//! streams.

use pdf_writer::types::{
    ActionType, AnnotationFlags, AnnotationType, FontFlags, ListNumbering, StructRole, SystemInfo,
    TabOrder, TableHeaderScope, UnicodeCmap,
};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};
use xmp_writer::{DateTime, LangId, Timezone, XmpWriter};

use crate::fonts::{Font, decode};
use crate::stream::deflate;
use crate::structure::{Kid, ROOT, Role, Tree};
use crate::time::Civil;

/// One page: its content stream and its link areas.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub content: Vec<u8>,
    pub links: Vec<Link>,
}

/// A clickable area that opens a web address.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// Lower-left x, lower-left y, upper-right x, upper-right y, in points.
    pub rect: [f32; 4],
    pub uri: String,
}

/// The document information dictionary and catalog entries.
#[derive(Debug, Clone)]
pub(crate) struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// The creation time, in UTC.
    pub created: Option<Civil>,
    /// BCP 47 language tag of the text, e.g. `de-DE`.
    pub lang: &'static str,
    /// The file identifier (16 bytes), derived from the content so that the same input
    /// gives the same bytes.
    pub id: [u8; 16],
}

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

const PRODUCER: &str = "EfA-Onboarding (efa-documents)";

/// Hands out object numbers.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// The objects of one embedded font.
struct FontRefs {
    font: Font,
    dict: Ref,
    descriptor: Ref,
    file: Ref,
    to_unicode: Ref,
}

/// Writes the file. `tree` holds the marked content of `pages` (see [`crate::structure`]).
pub(crate) fn write(pages: &[Page], tree: &Tree, info: &Info) -> Vec<u8> {
    let mut refs = Refs(0);
    let catalog = refs.next();
    let page_tree = refs.next();
    let info_ref = refs.next();
    let metadata = refs.next();
    let struct_root = refs.next();
    let fonts: Vec<FontRefs> = Font::ALL
        .into_iter()
        .map(|font| FontRefs {
            font,
            dict: refs.next(),
            descriptor: refs.next(),
            file: refs.next(),
            to_unicode: refs.next(),
        })
        .collect();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (refs.next(), refs.next())).collect();
    let annot_refs: Vec<Vec<Ref>> = pages
        .iter()
        .map(|p| p.links.iter().map(|_| refs.next()).collect())
        .collect();
    let node_refs: Vec<Ref> = tree.nodes.iter().map(|_| refs.next()).collect();
    let parent_arrays: Vec<Ref> = pages.iter().map(|_| refs.next()).collect();

    // Which element each marked sequence and each annotation belongs to.
    let mut marked: Vec<Vec<Option<Ref>>> = vec![Vec::new(); pages.len()];
    let mut annot_parent: Vec<(usize, usize, Ref)> = Vec::new();
    for (id, node) in tree.nodes.iter().enumerate() {
        for kid in &node.kids {
            match *kid {
                Kid::Content { page, mcid } => {
                    let list = &mut marked[page];
                    let i = usize::try_from(mcid).unwrap_or(0);
                    if list.len() <= i {
                        list.resize(i + 1, None);
                    }
                    list[i] = Some(node_refs[id]);
                }
                Kid::Annot { page, annot } => annot_parent.push((page, annot, node_refs[id])),
                Kid::Node(_) => {}
            }
        }
    }
    // Annotations get the parent-tree keys after the pages', in reading order.
    let annot_key = |page: usize, annot: usize| -> Option<i32> {
        let i = annot_parent
            .iter()
            .position(|&(p, a, _)| p == page && a == annot)?;
        i32::try_from(pages.len() + i).ok()
    };

    let mut pdf = Pdf::with_settings(Settings { pretty: false });
    pdf.set_version(1, 7);
    let id = info.id.to_vec();
    pdf.set_file_id((id.clone(), id));

    let outline = outline(&mut pdf, &mut refs, tree, &page_refs);
    {
        let mut c = pdf.catalog(catalog);
        c.pages(page_tree);
        c.lang(TextStr(info.lang));
        c.metadata(metadata);
        c.pair(Name(b"StructTreeRoot"), struct_root);
        // /Suspects is left out (false): poppler reports an explicit `false` as an error.
        c.mark_info().marked(true);
        c.viewer_preferences().display_doc_title(true);
        if let Some(outline) = outline {
            c.outlines(outline);
            c.page_mode(pdf_writer::types::PageMode::UseOutlines);
        }
    }
    pdf.pages(page_tree)
        .kids(page_refs.iter().map(|&(p, _)| p))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));

    for (i, page) in pages.iter().enumerate() {
        let (page_ref, content_ref) = page_refs[i];
        let mut p = pdf.page(page_ref);
        p.parent(page_tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(content_ref)
            .struct_parents(i32::try_from(i).unwrap_or(0))
            .tab_order(TabOrder::StructureOrder);
        if !annot_refs[i].is_empty() {
            p.annotations(annot_refs[i].iter().copied());
        }
        {
            let mut resources = p.resources();
            let mut dict = resources.fonts();
            for f in &fonts {
                dict.pair(Name(f.font.resource()), f.dict);
            }
        }
        p.finish();
        pdf.stream(content_ref, &deflate(&page.content))
            .filter(Filter::FlateDecode);
        for (j, link) in page.links.iter().enumerate() {
            let [x1, y1, x2, y2] = link.rect;
            let uri = uri_bytes(&link.uri);
            let mut a = pdf.annotation(annot_refs[i][j]);
            a.subtype(AnnotationType::Link)
                .rect(Rect::new(x1, y1, x2, y2))
                .contents(TextStr(&link.uri))
                .border(0.0, 0.0, 0.0, None)
                .flags(AnnotationFlags::PRINT);
            if let Some(key) = annot_key(i, j) {
                a.struct_parent(key);
            }
            a.action()
                .action_type(ActionType::Uri)
                .uri(Str(uri.as_bytes()));
        }
    }

    for f in &fonts {
        write_font(&mut pdf, f);
    }

    // The structure tree.
    {
        let mut root = pdf.indirect(struct_root).start::<StructTreeRoot>();
        root.child(node_refs[ROOT]);
        {
            let mut tree = root.parent_tree();
            let mut nums = tree.nums();
            for (i, &array) in parent_arrays.iter().enumerate() {
                nums.insert(i32::try_from(i).unwrap_or(0), array);
            }
            for (k, &(_, _, node)) in annot_parent.iter().enumerate() {
                nums.insert(i32::try_from(pages.len() + k).unwrap_or(0), node);
            }
        }
        root.parent_tree_next_key(i32::try_from(pages.len() + annot_parent.len()).unwrap_or(0));
    }
    for (i, &array) in parent_arrays.iter().enumerate() {
        // Every identifier of a page is used, so every entry names an element.
        pdf.indirect(array)
            .array()
            .items(marked[i].iter().map(|r| r.unwrap_or(node_refs[ROOT])));
    }
    for (id, node) in tree.nodes.iter().enumerate() {
        let mut e = pdf.struct_element(node_refs[id]);
        e.kind(struct_role(node.role));
        e.parent(if id == ROOT {
            struct_root
        } else {
            node_refs[node.parent]
        });
        if let Some(uri) = &node.uri {
            e.alt(TextStr(uri));
        }
        // Content all on one page (the usual case) names that page once, on the element,
        // and its marked sequences by number; otherwise each by a reference with its page.
        let mut on_pages = node.kids.iter().filter_map(|k| match *k {
            Kid::Content { page, .. } | Kid::Annot { page, .. } => Some(page),
            Kid::Node(_) => None,
        });
        let one_page = on_pages
            .next()
            .filter(|&first| on_pages.all(|p| p == first));
        if let Some(page) = one_page {
            e.page(page_refs[page].0);
        }
        {
            let mut kids = e.children();
            for kid in &node.kids {
                match *kid {
                    Kid::Node(child) => {
                        kids.struct_element(node_refs[child]);
                    }
                    Kid::Content { mcid, .. } if one_page.is_some() => {
                        kids.marked_content_id(mcid);
                    }
                    Kid::Content { page, mcid } => {
                        kids.marked_content_ref()
                            .marked_content_id(mcid)
                            .page(page_refs[page].0);
                    }
                    Kid::Annot { page, annot } => {
                        kids.object_ref()
                            .object(annot_refs[page][annot])
                            .page(page_refs[page].0);
                    }
                }
            }
        }
        match node.role {
            Role::TH => {
                e.attributes().push().table().scope(TableHeaderScope::Row);
            }
            Role::L { numbered } => {
                e.attributes().push().list().list_numbering(if numbered {
                    ListNumbering::Decimal
                } else {
                    ListNumbering::None
                });
            }
            _ => {}
        }
    }

    {
        let mut d = pdf.document_info(info_ref);
        d.title(TextStr(&info.title))
            .author(TextStr(&info.author))
            .subject(TextStr(&info.subject))
            .creator(TextStr("EfA-Onboarding"))
            .producer(TextStr(PRODUCER));
        if let Some(created) = &info.created {
            d.pair(Name(b"CreationDate"), Str(created.pdf_utc().as_bytes()));
        }
    }
    let xmp = xmp(info);
    pdf.metadata(metadata, xmp.as_bytes())
        .pair(Name(b"Subtype"), Name(b"XML"));

    pdf.finish()
}

fn struct_role(role: Role) -> StructRole {
    match role {
        Role::Document => StructRole::Document,
        Role::H1 => StructRole::H1,
        Role::H2 => StructRole::H2,
        Role::H3 => StructRole::H3,
        Role::P => StructRole::P,
        Role::L { .. } => StructRole::L,
        Role::LI => StructRole::LI,
        Role::Lbl => StructRole::Lbl,
        Role::LBody => StructRole::LBody,
        Role::Table => StructRole::Table,
        Role::TR => StructRole::TR,
        Role::TH => StructRole::TH,
        Role::TD => StructRole::TD,
        Role::Link => StructRole::Link,
    }
}

/// The outline: the level-2 headings, each with its level-3 headings. Returns its root.
fn outline(pdf: &mut Pdf, refs: &mut Refs, tree: &Tree, pages: &[(Ref, Ref)]) -> Option<Ref> {
    // (heading index, children indices) for the top level.
    let headings = tree.outline();
    if headings.is_empty() {
        return None;
    }
    let mut top: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, &(role, ..)) in headings.iter().enumerate() {
        match (role, top.last_mut()) {
            (Role::H3, Some((_, children))) => children.push(i),
            _ => top.push((i, Vec::new())),
        }
    }
    let root = refs.next();
    let item_refs: Vec<Ref> = headings.iter().map(|_| refs.next()).collect();
    let total = i32::try_from(headings.len()).unwrap_or(i32::MAX);
    pdf.outline(root)
        .first(item_refs[top[0].0])
        .last(item_refs[top[top.len() - 1].0])
        .count(total);
    let mut write = |index: usize,
                     parent: Ref,
                     prev: Option<usize>,
                     next: Option<usize>,
                     children: &[usize]| {
        let (_, title, page, y) = headings[index];
        let mut item = pdf.outline_item(item_refs[index]);
        item.title(TextStr(title)).parent(parent);
        if let Some(p) = prev {
            item.prev(item_refs[p]);
        }
        if let Some(n) = next {
            item.next(item_refs[n]);
        }
        if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
            item.first(item_refs[first]).last(item_refs[last]);
            // Negative: closed, so that a long list of services does not flood the outline.
            item.count(-i32::try_from(children.len()).unwrap_or(0));
        }
        item.dest().page(pages[page].0).xyz(0.0, y, None);
    };
    for (k, (index, children)) in top.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| top[p].0);
        let next = top.get(k + 1).map(|n| n.0);
        write(*index, root, prev, next, children);
        for (c, &child) in children.iter().enumerate() {
            let prev = c.checked_sub(1).map(|p| children[p]);
            let next = children.get(c + 1).copied();
            write(child, item_refs[*index], prev, next, &[]);
        }
    }
    Some(root)
}

/// An embedded TrueType font as a simple font in WinAnsiEncoding: codes 32–255 with their
/// widths, and the character of each code.
fn write_font(pdf: &mut Pdf, f: &FontRefs) {
    const FIRST: u8 = 32;
    let m = f.font.metrics();
    let base = Name(f.font.base_font());
    // pdf-writer has no writer for simple TrueType fonts; the dictionary is that of
    // ISO 32000-1, 9.6.3.
    {
        let mut dict = pdf.indirect(f.dict).dict();
        dict.pair(Name(b"Type"), Name(b"Font"))
            .pair(Name(b"Subtype"), Name(b"TrueType"))
            .pair(Name(b"BaseFont"), base)
            .pair(Name(b"Encoding"), Name(b"WinAnsiEncoding"))
            .pair(Name(b"FirstChar"), i32::from(FIRST))
            .pair(Name(b"LastChar"), 255)
            .pair(Name(b"FontDescriptor"), f.descriptor)
            .pair(Name(b"ToUnicode"), f.to_unicode);
        dict.insert(Name(b"Widths"))
            .array()
            .items(m.advance[usize::from(FIRST)..].iter().copied());
    }
    let [x1, y1, x2, y2] = m.bbox;
    // The usual estimate of the vertical stem width from the weight class.
    let stem_v = 10.0 + 220.0 * (f32::from(m.weight) - 50.0) / 900.0;
    pdf.font_descriptor(f.descriptor)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(x1, y1, x2, y2))
        .italic_angle(m.italic_angle)
        .ascent(m.ascent)
        .descent(m.descent)
        .cap_height(m.cap_height)
        .stem_v(stem_v)
        .font_file2(f.file);
    let data = f.font.data();
    pdf.stream(f.file, f.font.deflated())
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), i32::try_from(data.len()).unwrap_or(0));

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let mut cmap = UnicodeCmap::<u8>::new(Name(b"EfA-WinAnsi-UCS"), system);
    for code in FIRST..=255 {
        if let Some(c) = decode(code)
            && m.glyph[usize::from(code)] != 0
        {
            cmap.pair(code, c);
        }
    }
    let cmap = deflate(cmap.finish().as_slice());
    let mut stream = pdf.cmap(f.to_unicode, &cmap);
    stream.name(Name(b"EfA-WinAnsi-UCS")).system_info(system);
    stream.filter(Filter::FlateDecode);
}

/// The XMP metadata: title, author, subject, language, dates, producer and the PDF/UA
/// identification (part 1).
fn xmp(info: &Info) -> String {
    let mut x = XmpWriter::new();
    x.title([(None, info.title.as_str())])
        .creator([info.author.as_str()])
        .description([(None, info.subject.as_str())])
        .language([LangId(info.lang)])
        .format("application/pdf")
        .creator_tool("EfA-Onboarding")
        .producer(PRODUCER)
        .pdfua_part(1);
    if let Some(c) = &info.created {
        let small = |v: u32| u8::try_from(v).ok();
        x.create_date(DateTime {
            year: u16::try_from(c.year).unwrap_or(0),
            month: small(c.month),
            day: small(c.day),
            hour: small(c.hour),
            minute: small(c.minute),
            second: small(c.second),
            timezone: Some(Timezone::Utc),
        });
    }
    x.finish(None)
}

/// A URI as 7-bit ASCII: anything else is percent-encoded (UTF-8).
fn uri_bytes(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for b in uri.bytes() {
        if (0x21..0x7F).contains(&b) {
            out.push(char::from(b));
        } else {
            use std::fmt::Write as _;
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_ascii() {
        assert_eq!(uri_bytes("https://x.de/a b/ä"), "https://x.de/a%20b/%C3%A4");
    }
}
