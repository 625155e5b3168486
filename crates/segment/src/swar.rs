//! Byte-parallel tests on eight bytes held in a `u64` (SIMD within a register): the answer
//! for each byte is its high bit. The word reader, the features' byte scan and the lexicon's
//! packed keys all read text eight bytes at a time through these.

/// 0x01 in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// Bytes of `x` (each under 0x80) from `lo` to `hi`, in their high bits: `b + 0x80 - c`
/// reaches 0x80 exactly when `b >= c`, and never carries into the next byte.
#[inline(always)]
pub(crate) fn between(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least = |c: u8| x.wrapping_add(ONES * u64::from(0x80 - c));
    at_least(lo) & !at_least(hi + 1) & HIGH
}

/// The high bits of a word's eight bytes as eight bits, byte `k` to bit `k`
/// (a multiplication moves each to the top byte without carries).
#[inline(always)]
pub(crate) fn gather(answers: u64) -> u64 {
    answers.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_and_gather_answer_byte_by_byte() {
        for b in 0u8..0x80 {
            for k in 0..8 {
                // Byte `k` is `b`, the others '#' (neither a letter nor a digit).
                let x = (u64::from(b) << (8 * k)) | ((ONES * u64::from(b'#')) & !(0xFF << (8 * k)));
                let letters = gather(between(x | (ONES * 0x20), b'a', b'z'));
                assert_eq!(
                    letters >> k & 1 == 1,
                    b.is_ascii_alphabetic(),
                    "{b:#x} at {k}"
                );
                assert_eq!(letters & !(1 << k), 0);
                let digits = gather(between(x, b'0', b'9'));
                assert_eq!(digits >> k & 1 == 1, b.is_ascii_digit(), "{b:#x} at {k}");
            }
        }
    }
}
