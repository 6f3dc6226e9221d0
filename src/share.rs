//! Share links: a whole draft packed into the URL fragment.
//!
//! A draft (its JSON text) is put after the `#` of the link, so it is never sent to any
//! server: browsers do not transmit the fragment in requests, and no server ever needs to
//! store anything. The link is therefore self-contained and private to whoever holds it.
//!
//! Format of a fragment (the text after `#`):
//!
//! ```text
//! d1.<base64url, no padding>( CRC-32 big-endian of the JSON bytes (4 bytes) ++ raw DEFLATE of the JSON )
//! ```
//!
//! * `d1.` is a version tag, so a later format can be told apart from this one and an old
//!   app can say "this link is from a newer version" instead of "corrupt".
//! * base64url (`A-Z a-z 0-9 - _`) needs no percent-encoding anywhere in a URL, so chat
//!   apps and mail clients do not mangle it.
//! * DEFLATE keeps a typical 1–5 KB draft to a link of a few thousand characters.
//! * The CRC-32 is over the *uncompressed* JSON, so a truncated or altered link (a chat app
//!   cutting a long message, a stray edit) is reported as such instead of opening a
//!   silently different draft.
//!
//! Decoding treats the fragment as untrusted input: it never panics, and decompression is
//! capped at [`MAX_JSON_BYTES`] so a tiny link cannot expand into gigabytes (a "zip bomb").

use crate::domain::edition;
use crate::domain::publish::{Publication, PublicationError};
use crate::domain::Rubric;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::inflate::TINFLStatus;

/// Version prefix of the current link format.
///
/// Every fragment we produce starts with it; a fragment of the form `d<digits>.` with other
/// digits is from another (newer) format and is reported as [`ShareError::UnknownVersion`].
pub const PREFIX: &str = "d1.";

/// Longest fragment we produce (characters after '#').
///
/// Browsers accept far longer URLs, but chat apps, mail clients and QR codes do not
/// reliably carry more than a few thousand characters; past this the user should send an
/// exported file instead.
pub const MAX_LINK_CHARS: usize = 8000;

/// Largest JSON we accept after decompression (bounds a zip bomb).
///
/// DEFLATE can expand about 1000:1, so without a bound an 8000-character link could
/// demand megabytes to gigabytes of memory. Real drafts are a few KB; 256 KiB is ample.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// [`PREFIX`] without its final `.`, as [`split_version`] returns it.
const VERSION_TAG: &str = "d1";

/// Size of the CRC-32 that precedes the DEFLATE data in the body.
const CRC_LEN: usize = 4;

/// Longest version tag we repeat back in [`ShareError::UnknownVersion`], so a hostile
/// fragment cannot make the error message arbitrarily long.
const MAX_TAG_CHARS: usize = 12;

/// Why a draft could not be put into a link, or a link could not be opened.
///
/// Each variant maps to a distinct message for the user ([`ShareError::message_zh`]), since
/// the remedy differs: a too-large draft should be exported as a file, a damaged link should
/// be requested again, a link from a newer version needs a newer app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The draft does not fit into a link: the fragment would be about `chars` characters,
    /// more than `max` ([`MAX_LINK_CHARS`]), or the JSON itself exceeds [`MAX_JSON_BYTES`].
    TooLarge { chars: usize, max: usize },
    /// The text is not a share fragment at all (no `d<digits>.` prefix).
    NotALink,
    /// A share fragment of another format version, e.g. `"d2"` (from a newer app).
    UnknownVersion(String),
    /// The body is not valid base64url, is too short, or is not valid DEFLATE data
    /// (typically a link cut short or edited).
    Corrupt,
    /// The body decompressed, but to different bytes than were encoded (the link was
    /// altered or damaged).
    ChecksumMismatch,
    /// The body would decompress to more than [`MAX_JSON_BYTES`] (not a link we made).
    TooBigWhenExpanded,
    /// The decompressed bytes are not UTF-8 text.
    NotUtf8,
}

impl ShareError {
    /// A clear message for the user, in Chinese, saying what happened and what to do.
    pub fn message_zh(&self) -> String {
        self.message_for("草稿", PREFIX)
    }

    /// The same messages for an edition link (`e1.…`, see [`decode_edition`]).
    pub fn edition_message_zh(&self) -> String {
        self.message_for("评分标准", EDITION_PREFIX)
    }

    /// The same messages for a 公布 link (`p1.…`, see [`decode_publication`]).
    pub fn publication_message_zh(&self) -> String {
        self.message_for("公布", PUBLICATION_PREFIX)
    }

    fn message_for(&self, noun: &str, prefix: &str) -> String {
        match self {
            ShareError::TooLarge { chars, max } => format!(
                "{noun}过大，无法放入链接（约 {chars} 字符，上限 {max}）。请改用“导出文件”发送。"
            ),
            ShareError::NotALink => format!(
                "这不是本计算器的分享链接（缺少“{prefix}”开头的{noun}数据）。请检查是否复制了完整的链接。"
            ),
            ShareError::UnknownVersion(tag) => format!(
                "此链接来自更新或不同版本的计算器（格式 {tag}），当前版本无法打开。请刷新页面或使用最新版本后重试。"
            ),
            ShareError::Corrupt => {
                "链接已损坏或不完整（可能被截断），无法打开。请向发送人重新索取链接。".to_string()
            }
            ShareError::ChecksumMismatch => {
                "链接不完整或已被改动（校验不符），无法打开。请向发送人重新索取链接。".to_string()
            }
            ShareError::TooBigWhenExpanded => format!(
                "链接中的{noun}解压后超过 {} KB 上限，不是本计算器生成的链接，已拒绝打开。",
                MAX_JSON_BYTES / 1024
            ),
            ShareError::NotUtf8 => format!(
                "链接中的{noun}不是有效的文本（编码错误），无法打开。请向发送人重新索取链接。"
            ),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for ShareError {}

/// Packs a draft's JSON into a fragment (the text to put after `#`, without the `#`).
///
/// The result goes after `#` so no server ever sees it. It uses only `[A-Za-z0-9_.-]`, so
/// it needs no percent-encoding. Errors with [`ShareError::TooLarge`] when the JSON exceeds
/// [`MAX_JSON_BYTES`] (a link we could not open again) or the fragment would exceed
/// [`MAX_LINK_CHARS`]; the user should then export a file instead.
pub fn encode(json: &str) -> Result<String, ShareError> {
    pack(PREFIX, json)
}

/// Packs `json` behind `prefix` (`d1.` or `e1.`): CRC-32, DEFLATE, base64url.
fn pack(prefix: &str, json: &str) -> Result<String, ShareError> {
    let bytes = json.as_bytes();
    if bytes.len() > MAX_JSON_BYTES {
        // Don't spend time compressing something decode would refuse anyway; report the
        // size the link would have uncompressed, which is certainly over the limit.
        return Err(ShareError::TooLarge {
            chars: prefix.len() + base64_len(CRC_LEN.saturating_add(bytes.len())),
            max: MAX_LINK_CHARS,
        });
    }
    let crc = crc32(bytes);
    let deflated = miniz_oxide::deflate::compress_to_vec(bytes, 9);
    let mut body = Vec::with_capacity(CRC_LEN + deflated.len());
    body.extend_from_slice(&crc.to_be_bytes());
    body.extend_from_slice(&deflated);

    let chars = prefix.len() + base64_len(body.len());
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooLarge {
            chars,
            max: MAX_LINK_CHARS,
        });
    }
    let mut fragment = String::with_capacity(chars);
    fragment.push_str(prefix);
    URL_SAFE_NO_PAD.encode_string(&body, &mut fragment);
    Ok(fragment)
}

/// Unpacks a fragment made by [`encode`] back into the draft's JSON.
///
/// Accepts the fragment with or without its leading `#` and ignores surrounding
/// whitespace (as left by copy and paste); otherwise it is strict: the body must be
/// canonical unpadded base64url. The input is untrusted: this never panics, never
/// allocates more than about [`MAX_JSON_BYTES`] for the result, and returns `Ok` only
/// when the CRC-32 of the result equals the one stored in the link.
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    unpack(b'd', VERSION_TAG, fragment)
}

/// Unpacks a fragment whose tag starts with `letter`; `tag` is the current version.
fn unpack(letter: u8, tag_now: &str, fragment: &str) -> Result<String, ShareError> {
    let (tag, body) = split_tagged(letter, fragment).ok_or(ShareError::NotALink)?;
    if tag != tag_now {
        return Err(ShareError::UnknownVersion(shorten_tag(tag)));
    }

    let raw = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| ShareError::Corrupt)?;
    let (crc_be, deflated) = raw
        .split_first_chunk::<CRC_LEN>()
        .ok_or(ShareError::Corrupt)?;
    if deflated.is_empty() {
        return Err(ShareError::Corrupt);
    }
    let expected_crc = u32::from_be_bytes(*crc_be);

    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_JSON_BYTES);
    let json_bytes = inflated.map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ShareError::TooBigWhenExpanded,
        _ => ShareError::Corrupt,
    })?;
    if crc32(&json_bytes) != expected_crc {
        return Err(ShareError::ChecksumMismatch);
    }
    String::from_utf8(json_bytes).map_err(|_| ShareError::NotUtf8)
}

// ---- edition links (issue 13) ----

/// Version prefix of an edition link's payload: `#/editions/e1.<body>`, the body made as
/// a draft link's ([`encode`]) from the rubric's canonical JSON (the text its fingerprint
/// is computed from, see [`crate::domain::edition::fingerprint`]).
pub const EDITION_PREFIX: &str = "e1.";

/// [`EDITION_PREFIX`] without its final `.`.
const EDITION_TAG: &str = "e1";

/// Packs one rubric of an edition into a payload (the text after `#/editions/`). The
/// limit is the draft links' [`MAX_LINK_CHARS`] (8000 characters): the bundled rubrics
/// take about 4600–5200, so an edition with much longer texts does not fit and is sent
/// as a file instead ([`ShareError::TooLarge`]).
pub fn encode_edition(r: &Rubric) -> Result<String, ShareError> {
    pack(EDITION_PREFIX, &edition::canonical(r))
}

/// Unpacks an edition payload back into its JSON text (bounded and checked as
/// [`decode`]); the text is then read by [`edition_from_link`].
pub fn decode_edition(fragment: &str) -> Result<String, ShareError> {
    unpack(b'e', EDITION_TAG, fragment)
}

/// Whether `s` looks like an edition payload of any version (`e<digits>.`).
pub fn is_edition_fragment(s: &str) -> bool {
    split_tagged(b'e', s).is_some()
}

/// Reads an edition link's payload: decoded, then checked as an edition file
/// ([`edition::parse`]) holding exactly one rubric.
pub fn edition_from_link(fragment: &str) -> Result<Rubric, EditionLinkError> {
    let json = decode_edition(fragment).map_err(EditionLinkError::Link)?;
    let file = edition::parse(&json).map_err(EditionLinkError::Edition)?;
    match <[Rubric; 1]>::try_from(file.rubrics) {
        Ok([r]) => Ok(r),
        Err(_) => Err(EditionLinkError::NotOne),
    }
}

/// Why an edition link does not open ([`edition_from_link`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionLinkError {
    /// The link itself: not one, cut short, altered, of an unknown version.
    Link(ShareError),
    /// The edition it carries is refused by the edition reader.
    Edition(edition::EditionError),
    /// It carries more than one rubric (the app makes links of one).
    NotOne,
}

impl EditionLinkError {
    /// Every problem, each a Chinese sentence, as the page lists them: a refused edition's
    /// problems after one line saying so.
    pub fn problems(&self) -> Vec<String> {
        match self {
            EditionLinkError::Link(e) => vec![e.edition_message_zh()],
            EditionLinkError::Edition(e) => std::iter::once("链接中的评分标准无效：".to_string())
                .chain(e.iter().cloned())
                .collect(),
            EditionLinkError::NotOne => vec!["链接中须恰有一张评分表".to_string()],
        }
    }
}

impl std::fmt::Display for EditionLinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditionLinkError::Edition(e) => write!(f, "链接中的评分标准无效：{e}"),
            other => f.write_str(&other.problems().join("；")),
        }
    }
}

impl std::error::Error for EditionLinkError {}
// ---- 公布 links (issue 21, Art. 30 (四)) ----

/// Version prefix of a 公布 link's payload: `#/signing/p1.<body>`, the body made as a
/// draft link's from the 公布 file's compact JSON (`Publication::to_compact_json`). The
/// CRC-32 only notices a damaged link; whether the content is the bureau's is the SM2
/// signature inside, checked when the link is shown (`Publication::status`).
pub const PUBLICATION_PREFIX: &str = "p1.";

/// [`PUBLICATION_PREFIX`] without its final `.`.
const PUBLICATION_TAG: &str = "p1";

/// Packs a 公布 into a payload (the text after `#/signing/`); a year of about a hundred
/// platforms fits the [`MAX_LINK_CHARS`] limit, a larger one is sent as a file.
pub fn encode_publication(p: &Publication) -> Result<String, ShareError> {
    pack(PUBLICATION_PREFIX, &p.to_compact_json())
}

/// Unpacks a 公布 payload back into its JSON text (bounded and checked as [`decode`]).
pub fn decode_publication(fragment: &str) -> Result<String, ShareError> {
    unpack(b'p', PUBLICATION_TAG, fragment)
}

/// Whether `s` looks like a 公布 payload of any version (`p<digits>.`).
pub fn is_publication_fragment(s: &str) -> bool {
    split_tagged(b'p', s).is_some()
}

/// The 公布 link's payload in an address fragment: `#/signing/p1.…` (any version
/// `p<digits>.` is returned, so that an unknown one is reported rather than ignored).
pub fn publication_payload(fragment: &str) -> Option<String> {
    let f = fragment.trim();
    let f = f.strip_prefix('#').unwrap_or(f);
    let rest = f.strip_prefix("/signing/")?;
    is_publication_fragment(rest).then(|| rest.to_string())
}

/// Reads a 公布 link's payload: decoded, then read as a 公布 file. A readable 公布 is
/// returned whatever its signature says.
pub fn publication_from_link(fragment: &str) -> Result<Publication, PublicationLinkError> {
    let json = decode_publication(fragment).map_err(PublicationLinkError::Link)?;
    Publication::from_json(&json).map_err(PublicationLinkError::Publication)
}

/// Why a 公布 link does not open ([`publication_from_link`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicationLinkError {
    /// The link itself: not one, cut short, altered, of an unknown version (said with the
    /// 公布's words, [`ShareError::publication_message_zh`]).
    Link(ShareError),
    /// The link is whole, but what it carries is not a 公布 file.
    Publication(PublicationError),
}

impl std::fmt::Display for PublicationLinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublicationLinkError::Link(e) => f.write_str(&e.publication_message_zh()),
            PublicationLinkError::Publication(e) => write!(f, "链接中的{e}"),
        }
    }
}

impl std::error::Error for PublicationLinkError {}

/// CRC-32 (IEEE 802.3, the one of zip and gzip; reflected, polynomial 0xEDB88320), with
/// a 1 KiB table built at compile time. The `crc32fast` crate computes the same value but
/// carries a 16 KiB table into the WebAssembly bundle; links are a few KB, so the
/// byte-at-a-time loop costs nothing noticeable.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// Whether `s` looks like a share fragment of any version: `d<digits>.` after an optional
/// `#` (surrounding whitespace ignored).
///
/// Lets the app decide on load whether the URL fragment is a draft to open (and then show
/// [`decode`]'s error if it is damaged) or something else, such as an in-page anchor.
pub fn is_share_fragment(s: &str) -> bool {
    split_version(s).is_some()
}

/// Splits `"#d12.body"` (after trimming whitespace and one optional `#`) into
/// `("d12", "body")`; `None` unless it starts with `d`, one or more ASCII digits and `.`.
fn split_version(s: &str) -> Option<(&str, &str)> {
    split_tagged(b'd', s)
}

/// [`split_version`] for a tag starting with `letter` (`d` drafts, `e` editions).
fn split_tagged(letter: u8, s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let s = s.strip_prefix('#').unwrap_or(s);
    let after_d = s.strip_prefix(char::from(letter))?;
    let digits = after_d.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    // `digits` counts ASCII bytes, so `1 + digits` is a char boundary.
    let tag = s.get(..1 + digits)?;
    let body = s.get(1 + digits..)?.strip_prefix('.')?;
    Some((tag, body))
}

/// Caps a version tag taken from untrusted input before it goes into an error message.
fn shorten_tag(tag: &str) -> String {
    if tag.len() <= MAX_TAG_CHARS {
        tag.to_string()
    } else {
        // The tag is ASCII (`d` and digits), so any byte index is a char boundary.
        format!("{}…", tag.get(..MAX_TAG_CHARS).unwrap_or(tag))
    }
}

/// Length of the unpadded base64 text for `n` bytes.
fn base64_len(n: usize) -> usize {
    n / 3 * 4
        + match n % 3 {
            0 => 0,
            1 => 2,
            _ => 3,
        }
}

#[cfg(test)]
mod tests;
