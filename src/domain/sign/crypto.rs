//! The national algorithms, and nothing else of the domain (layer 1): SM3 hashing
//! (GB/T 32905), SM2 signatures (GB/T 32918.2, distinguishing identifier
//! [`DIST_ID`]), and a private key kept under a passphrase (PBKDF2-HMAC-SM3 then SM4-GCM,
//! RFC 8998's SM4 in GCM mode). Typed errors ([`CryptoError`]); Chinese only in
//! [`CryptoError::message_zh`]. Nothing here panics on input.

use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{AesGcm, Nonce};
use base64::Engine as _;
use sm2::dsa::signature::Signer;
use sm2::dsa::{Signature as Sm2Signature, SigningKey, VerifyingKey};
use sm3::{Digest, Sm3};

/// The SM2 distinguishing identifier (GB/T 35276's default `1234567812345678`): part of
/// Z_A, so a verifier must use the same one.
pub const DIST_ID: &str = "1234567812345678";

/// PBKDF2 rounds for a new key file: about a quarter of a second in a phone's browser.
pub const KDF_ROUNDS: u32 = 100_000;
/// A file asking for more is refused (it would hang the page), fewer than the minimum too.
pub const KDF_ROUNDS_MAX: u32 = 5_000_000;
pub const KDF_ROUNDS_MIN: u32 = 1_000;
/// The shortest passphrase accepted for a new key (in characters).
pub const PASSPHRASE_MIN: usize = 8;

/// What went wrong, typed; [`CryptoError::message_zh`] is the sentence shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CryptoError {
    /// Not hex, or not the length of an SM2 public key (65 bytes, `04‖x‖y`), or not a point.
    PublicKey,
    /// A signature that is not 64 bytes of hex (truncated, altered length).
    SignatureFormat,
    /// The passphrase does not open the key (or the sealed data was altered).
    WrongPassphrase,
    /// The key file's sealed part is not readable (bad base64, sizes, rounds).
    Corrupt,
    /// A new passphrase shorter than [`PASSPHRASE_MIN`].
    WeakPassphrase,
    /// The system's random source failed.
    Random,
}

impl CryptoError {
    pub fn message_zh(self) -> &'static str {
        match self {
            CryptoError::PublicKey => "公钥格式不正确（应为 130 位十六进制的 SM2 公钥）",
            CryptoError::SignatureFormat => {
                "签名值格式不正确（应为 128 位十六进制，可能被截断或改动）"
            }
            CryptoError::WrongPassphrase => "口令不正确，无法解开私钥",
            CryptoError::Corrupt => "密钥文件已损坏，无法读取私钥",
            CryptoError::WeakPassphrase => "口令太短：至少 8 个字符",
            CryptoError::Random => "无法取得安全随机数，不能生成密钥",
        }
    }
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_zh())
    }
}

impl std::error::Error for CryptoError {}

/// SM3 of bytes.
pub fn sm3(bytes: &[u8]) -> [u8; 32] {
    Sm3::digest(bytes).into()
}

/// SM3 of bytes as 64 lowercase hex digits.
pub fn sm3_hex(bytes: &[u8]) -> String {
    hex(&sm3(bytes))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Hex (either case, surrounding spaces ignored) to bytes; `None` when not hex.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let t = text.trim().as_bytes();
    if !t.len().is_multiple_of(2) {
        return None;
    }
    let val = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    t.chunks(2)
        .map(|p| Some(val(p[0])? << 4 | val(p[1])?))
        .collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
}

/// An SM2 public key (uncompressed SEC1 point, 65 bytes).
#[derive(Clone)]
pub struct PublicKey {
    sec1: Vec<u8>,
    key: VerifyingKey,
    /// Z_A with [`DIST_ID`]: computed once per key, hashed before every message.
    za: [u8; 32],
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &PublicKey) -> bool {
        self.sec1 == other.sec1
    }
}

impl Eq for PublicKey {}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", self.short_fingerprint())
    }
}

impl PublicKey {
    /// Reads 130 hex digits (`04‖x‖y`); a point not on the curve is refused.
    pub fn from_hex(text: &str) -> Result<PublicKey, CryptoError> {
        let bytes = from_hex(text).ok_or(CryptoError::PublicKey)?;
        if bytes.len() != 65 || bytes[0] != 4 {
            return Err(CryptoError::PublicKey);
        }
        let key =
            VerifyingKey::from_sec1_bytes(DIST_ID, &bytes).map_err(|_| CryptoError::PublicKey)?;
        let za = super::verify::z_a(DIST_ID, &bytes);
        Ok(PublicKey {
            sec1: bytes,
            key,
            za,
        })
    }

    pub fn to_hex(&self) -> String {
        hex(&self.sec1)
    }

    /// SM3 of the 65 key bytes, 64 hex digits: what a directory and a config name.
    pub fn fingerprint(&self) -> String {
        sm3_hex(&self.sec1)
    }

    /// The first 20 hex digits of the fingerprint in groups of four, upper case:
    /// "3F2A 91C0 7B44 E5D1 0A9C" — for reading aloud and paper.
    pub fn short_fingerprint(&self) -> String {
        group_fingerprint(&self.fingerprint())
    }

    /// Whether `signature` (64 bytes r‖s, hex) signs `message` under this key. r or s
    /// zero or not below n: no key signed this. (`verify`: the same answer as the `sm2`
    /// crate's, in about 60 % of its time.)
    pub fn verify(&self, message: &[u8], signature: &str) -> Result<bool, CryptoError> {
        let bytes = from_hex(signature).ok_or(CryptoError::SignatureFormat)?;
        if bytes.len() != 64 {
            return Err(CryptoError::SignatureFormat);
        }
        Ok(super::verify::verify(
            self.key.as_affine(),
            &self.za,
            message,
            &bytes[..32],
            &bytes[32..],
        ))
    }
}

/// "3F2A 91C0 7B44 E5D1 0A9C" from a 64-hex-digit fingerprint.
pub fn group_fingerprint(fingerprint: &str) -> String {
    let up: Vec<char> = fingerprint
        .trim()
        .chars()
        .take(20)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    up.chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An SM2 private key, in memory only while in use.
#[derive(Clone)]
pub struct SecretKey {
    secret: sm2::SecretKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    /// A new key from the system's random source (the browser's crypto.getRandomValues).
    pub fn generate() -> Result<SecretKey, CryptoError> {
        let mut bytes = [0u8; 32];
        loop {
            getrandom::getrandom(&mut bytes).map_err(|_| CryptoError::Random)?;
            if let Ok(secret) = sm2::SecretKey::from_slice(&bytes) {
                return Ok(SecretKey { secret });
            }
        }
    }

    /// A key from its 32 bytes (test vectors, the demo root); `None` when out of range.
    pub fn from_bytes(bytes: &[u8]) -> Option<SecretKey> {
        sm2::SecretKey::from_slice(bytes)
            .ok()
            .map(|secret| SecretKey { secret })
    }

    pub fn public_key(&self) -> PublicKey {
        use sm2::elliptic_curve::sec1::ToEncodedPoint;
        let sec1 = self
            .secret
            .public_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec();
        PublicKey::from_hex(&hex(&sec1)).expect("a secret key's own point is valid")
    }

    /// SM2 signature of `message` (Z_A with [`DIST_ID`], SM3), as 128 hex digits r‖s.
    pub fn sign(&self, message: &[u8]) -> String {
        match SigningKey::new(DIST_ID, &self.secret) {
            Ok(k) => {
                let sig: Sm2Signature = k.sign(message);
                hex(&sig.to_bytes())
            }
            Err(_) => String::new(),
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.secret.to_bytes().to_vec()
    }
}

/// A private key sealed under a passphrase: PBKDF2-HMAC-SM3 (salt 16 bytes, `rounds`)
/// → a 128-bit SM4 key → SM4-GCM (nonce 12 bytes) over the 32 key bytes, with the
/// key file's public part as associated data, so neither can be swapped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sealed {
    /// `pbkdf2-hmac-sm3`.
    pub kdf: String,
    pub rounds: u32,
    /// base64.
    pub salt: String,
    /// `sm4-gcm`.
    pub cipher: String,
    /// base64.
    pub nonce: String,
    /// base64 of the ciphertext and tag.
    pub data: String,
}

fn derive(passphrase: &str, salt: &[u8], rounds: u32) -> [u8; 16] {
    let mut key = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<Sm3>(passphrase.as_bytes(), salt, rounds, &mut key);
    key
}

type Sm4Gcm = AesGcm<sm4::Sm4, U12>;

/// Seals a key under a passphrase (at least [`PASSPHRASE_MIN`] characters).
pub fn seal(
    secret: &SecretKey,
    passphrase: &str,
    aad: &[u8],
    rounds: u32,
) -> Result<Sealed, CryptoError> {
    if passphrase.chars().count() < PASSPHRASE_MIN {
        return Err(CryptoError::WeakPassphrase);
    }
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    getrandom::getrandom(&mut salt).map_err(|_| CryptoError::Random)?;
    getrandom::getrandom(&mut nonce).map_err(|_| CryptoError::Random)?;
    let key = derive(passphrase, &salt, rounds);
    let cipher = Sm4Gcm::new_from_slice(&key).map_err(|_| CryptoError::Corrupt)?;
    let data = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &secret.to_bytes(),
                aad,
            },
        )
        .map_err(|_| CryptoError::Corrupt)?;
    Ok(Sealed {
        kdf: "pbkdf2-hmac-sm3".into(),
        rounds,
        salt: b64(&salt),
        cipher: "sm4-gcm".into(),
        nonce: b64(&nonce),
        data: b64(&data),
    })
}

/// Opens a sealed key: [`CryptoError::WrongPassphrase`] when the tag does not match
/// (wrong passphrase, or the file's public part or sealed data changed),
/// [`CryptoError::Corrupt`] when the sealed part cannot be read at all.
pub fn open(sealed: &Sealed, passphrase: &str, aad: &[u8]) -> Result<SecretKey, CryptoError> {
    if sealed.kdf != "pbkdf2-hmac-sm3"
        || sealed.cipher != "sm4-gcm"
        || !(KDF_ROUNDS_MIN..=KDF_ROUNDS_MAX).contains(&sealed.rounds)
    {
        return Err(CryptoError::Corrupt);
    }
    let salt = unb64(&sealed.salt).ok_or(CryptoError::Corrupt)?;
    let nonce = unb64(&sealed.nonce).ok_or(CryptoError::Corrupt)?;
    let data = unb64(&sealed.data).ok_or(CryptoError::Corrupt)?;
    if salt.len() != 16 || nonce.len() != 12 || data.len() != 32 + 16 {
        return Err(CryptoError::Corrupt);
    }
    let key = derive(passphrase, &salt, sealed.rounds);
    let cipher = Sm4Gcm::new_from_slice(&key).map_err(|_| CryptoError::Corrupt)?;
    let plain = cipher
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &data, aad })
        .map_err(|_| CryptoError::WrongPassphrase)?;
    SecretKey::from_bytes(&plain).ok_or(CryptoError::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sm2::dsa::signature::Verifier;
    use sm2::dsa::Signature;

    #[test]
    fn sm3_matches_gb_t_32905_examples() {
        assert_eq!(
            sm3_hex(b"abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        assert_eq!(
            sm3_hex("abcd".repeat(16).as_bytes()),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
        );
    }

    /// GB/T 32918.2-2016 附录 A (the recommended curve): dA, its public key, and the
    /// published signature of "message digest" with ID 1234567812345678.
    #[test]
    fn sm2_matches_the_standard_example() {
        let d =
            from_hex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8").unwrap();
        let sk = SecretKey::from_bytes(&d).unwrap();
        let pk = sk.public_key();
        assert_eq!(
            pk.to_hex(),
            "04".to_string()
                + "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
                + "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"
        );
        let r = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3";
        let s = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA";
        let sig = format!("{r}{s}");
        assert_eq!(pk.verify(b"message digest", &sig), Ok(true));
        assert_eq!(pk.verify(b"message digesT", &sig), Ok(false));
        // Our own signature verifies, and only over its message.
        let mine = sk.sign(b"abc");
        assert_eq!(pk.verify(b"abc", &mine), Ok(true));
        assert_eq!(pk.verify(b"abd", &mine), Ok(false));
        assert_eq!(
            pk.verify(b"abc", &mine[..120]),
            Err(CryptoError::SignatureFormat)
        );
        assert_eq!(pk.verify(b"abc", &"0".repeat(128)), Ok(false));
    }

    #[test]
    fn a_sealed_key_opens_with_its_passphrase_only() {
        let sk = SecretKey::generate().unwrap();
        let sealed = seal(&sk, "正确的口令 123", b"public part", 1_000).unwrap();
        let back = open(&sealed, "正确的口令 123", b"public part").unwrap();
        assert_eq!(back.public_key(), sk.public_key());
        assert_eq!(
            open(&sealed, "错误的口令 123", b"public part").unwrap_err(),
            CryptoError::WrongPassphrase
        );
        assert_eq!(
            open(&sealed, "正确的口令 123", b"other part").unwrap_err(),
            CryptoError::WrongPassphrase
        );
        let mut cut = sealed.clone();
        cut.data.truncate(10);
        assert_eq!(
            open(&cut, "正确的口令 123", b"public part").unwrap_err(),
            CryptoError::Corrupt
        );
        assert_eq!(
            seal(&sk, "short", b"", 1_000).unwrap_err(),
            CryptoError::WeakPassphrase
        );
    }

    #[test]
    fn public_keys_are_read_strictly() {
        assert_eq!(PublicKey::from_hex("04ab"), Err(CryptoError::PublicKey));
        assert_eq!(PublicKey::from_hex("zz"), Err(CryptoError::PublicKey));
        let pk = SecretKey::generate().unwrap().public_key();
        let mut h = pk.to_hex();
        h.replace_range(128..130, if &h[128..130] == "00" { "01" } else { "00" });
        assert!(PublicKey::from_hex(&h).is_err(), "off the curve");
        assert_eq!(
            PublicKey::from_hex(&pk.to_hex().to_uppercase()),
            Ok(pk.clone())
        );
        assert_eq!(pk.short_fingerprint().len(), 24);
    }

    fn crate_verifies(sec1: &[u8], message: &[u8], sig: &[u8]) -> bool {
        let key = VerifyingKey::from_sec1_bytes(DIST_ID, sec1).unwrap();
        Signature::try_from(sig).is_ok_and(|s| key.verify(message, &s).is_ok())
    }

    /// The same answer as the `sm2` crate, on random keys and messages, and on every
    /// kind of altered signature.
    #[test]
    fn verification_agrees_with_the_crate() {
        for i in 0..24u8 {
            let sk = SecretKey::generate().unwrap();
            let pk = sk.public_key();
            let sec1 = from_hex(&pk.to_hex()).unwrap();
            let point = VerifyingKey::from_sec1_bytes(DIST_ID, &sec1)
                .unwrap()
                .as_affine()
                .to_owned();
            let za = super::super::verify::z_a(DIST_ID, &sec1);
            let message = [i; 32];
            let sig = from_hex(&sk.sign(&message)).unwrap();
            let ours = |m: &[u8], s: &[u8]| {
                super::super::verify::verify(&point, &za, m, &s[..32], &s[32..])
            };
            assert!(ours(&message, &sig));
            assert!(crate_verifies(&sec1, &message, &sig));
            let mut other = message;
            other[0] ^= 1;
            assert!(!ours(&other, &sig));
            let mut bad = sig.clone();
            bad[usize::from(i) % 64] ^= 1 << (i % 8);
            assert_eq!(ours(&message, &bad), crate_verifies(&sec1, &message, &bad));
            assert!(!ours(&message, &bad));
        }
        // r or s zero, or not below n: never valid.
        let sk = SecretKey::generate().unwrap();
        let sec1 = from_hex(&sk.public_key().to_hex()).unwrap();
        let point = *VerifyingKey::from_sec1_bytes(DIST_ID, &sec1)
            .unwrap()
            .as_affine();
        let za = super::super::verify::z_a(DIST_ID, &sec1);
        assert!(!super::super::verify::verify(
            &point, &za, b"m", &[0; 32], &[1; 32]
        ));
        assert!(!super::super::verify::verify(
            &point,
            &za,
            b"m",
            &[1; 32],
            &[0xff; 32]
        ));
        assert!(!super::super::verify::verify(
            &point, &za, b"m", &[1; 31], &[1; 32]
        ));
    }
}
