//! Compression of PDF streams, shared by the page contents (`pdf.rs`) and the embedded
//! fonts (`fonts.rs`), which are compressed once and reused by every document.

/// `data` compressed for a stream with `/Filter /FlateDecode` (zlib format).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    // Level 6, zlib's default balance of size and time.
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
