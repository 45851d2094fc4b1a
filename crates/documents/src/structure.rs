//! The logical structure of a document (the tag tree of a tagged PDF): headings, paragraphs,
//! lists and tables in reading order, as a screen reader presents them.
//!
//! The documents build the tree while they build their blocks: every piece of text in a
//! block names the element it belongs to ([`crate::layout::Block::tag`]). When the blocks
//! are drawn, each text run becomes a marked-content sequence with its own identifier,
//! which is appended to its element here. The order of the elements is the order in which
//! they were added, independent of where the text lands on the pages.

/// An element of the tree.
pub(crate) type NodeId = usize;

/// The root: the whole document.
pub(crate) const ROOT: NodeId = 0;

/// The standard structure types the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    /// A list; `numbered` lists have their numbers as labels.
    L {
        numbered: bool,
    },
    LI,
    Lbl,
    LBody,
    /// A table of label–value rows: the label cell is the row's header.
    Table,
    TR,
    TH,
    TD,
    Link,
}

/// A child of an element, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kid {
    Node(NodeId),
    /// A marked-content sequence on a page (index from 0).
    Content {
        page: usize,
        mcid: i32,
    },
    /// A link annotation of a page, by its position in the page's links.
    Annot {
        page: usize,
        annot: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub role: Role,
    pub parent: NodeId,
    pub kids: Vec<Kid>,
    /// The text of a heading, for the document outline.
    pub title: Option<String>,
    /// The address of a link.
    pub uri: Option<String>,
    /// Where the element's first content was drawn: page, and the top of its line in PDF
    /// coordinates (for the outline's destination).
    pub first: Option<(usize, f32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            nodes: vec![Node {
                role: Role::Document,
                parent: ROOT,
                kids: Vec::new(),
                title: None,
                uri: None,
                first: None,
            }],
        }
    }
}

impl Tree {
    /// A new element of `role`, the last child of `parent` so far.
    pub(crate) fn add(&mut self, parent: NodeId, role: Role) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            role,
            parent,
            kids: Vec::new(),
            title: None,
            uri: None,
            first: None,
        });
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    /// A heading with its text, which the outline shows.
    pub(crate) fn heading(&mut self, parent: NodeId, role: Role, title: &str) -> NodeId {
        let id = self.add(parent, role);
        self.nodes[id].title = Some(title.split_whitespace().collect::<Vec<_>>().join(" "));
        id
    }

    /// Appends a marked-content sequence drawn on `page` with its line's top at `top`.
    pub(crate) fn content(&mut self, node: NodeId, page: usize, mcid: i32, top: f32) {
        let n = &mut self.nodes[node];
        n.kids.push(Kid::Content { page, mcid });
        n.first.get_or_insert((page, top));
    }

    /// The link element for `uri` inside `node`: the one its last child is, when text of the
    /// same link continues on the next line, or a new one.
    pub(crate) fn link(&mut self, node: NodeId, uri: &str) -> NodeId {
        if let Some(Kid::Node(last)) = self.nodes[node].kids.last()
            && self.nodes[*last].role == Role::Link
            && self.nodes[*last].uri.as_deref() == Some(uri)
        {
            return *last;
        }
        let id = self.add(node, Role::Link);
        self.nodes[id].uri = Some(uri.to_owned());
        id
    }

    /// Appends a link annotation to the link element `node`.
    pub(crate) fn annotation(&mut self, node: NodeId, page: usize, annot: usize) {
        self.nodes[node].kids.push(Kid::Annot { page, annot });
    }

    /// The headings for the document outline: level 2 and 3, in reading order, with the
    /// page and position of each (headings that were never drawn are left out).
    pub(crate) fn outline(&self) -> Vec<(Role, &str, usize, f32)> {
        let mut out = Vec::new();
        self.walk(ROOT, &mut |node: &Node| {
            if matches!(node.role, Role::H2 | Role::H3)
                && let (Some(title), Some((page, top))) = (&node.title, node.first)
            {
                out.push((node.role, title.as_str(), page, top));
            }
        });
        out
    }

    /// Visits `node` and its descendants in reading order.
    fn walk<'a>(&'a self, node: NodeId, visit: &mut impl FnMut(&'a Node)) {
        visit(&self.nodes[node]);
        for kid in &self.nodes[node].kids {
            if let Kid::Node(child) = kid {
                self.walk(*child, visit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_keep_the_order_they_were_added_in() {
        let mut t = Tree::default();
        let h = t.heading(ROOT, Role::H2, "1  Kommune");
        let table = t.add(ROOT, Role::Table);
        let row = t.add(table, Role::TR);
        let th = t.add(row, Role::TH);
        t.content(th, 0, 0, 700.0);
        t.content(h, 0, 1, 720.0);
        assert_eq!(t.nodes[ROOT].kids, vec![Kid::Node(h), Kid::Node(table)]);
        assert_eq!(t.nodes[h].title.as_deref(), Some("1 Kommune"));
        assert_eq!(t.outline(), vec![(Role::H2, "1 Kommune", 0, 720.0)]);
    }

    #[test]
    fn a_wrapped_link_stays_one_element() {
        let mut t = Tree::default();
        let td = t.add(ROOT, Role::TD);
        let a = t.link(td, "https://example.org");
        t.content(a, 0, 0, 10.0);
        assert_eq!(t.link(td, "https://example.org"), a);
        assert_ne!(t.link(td, "https://example.org/x"), a);
    }
}
