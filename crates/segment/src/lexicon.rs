//! Generic cue vocabularies: months, weekdays, time zones, photo agencies,
//! widget words. Generic craft, never site names: an agency is a cue because
//! agencies sign photos everywhere.

/// Word classes, as bit flags.
pub mod class {
    pub const MONTH: u32 = 1;
    pub const WEEKDAY: u32 = 1 << 1;
    /// Time zones, am/pm, "ago", "updated", "published".
    pub const TIME: u32 = 1 << 2;
    /// Photo agencies and wires (must be capitalised in the text).
    pub const AGENCY: u32 = 1 << 3;
    /// photo, photograph, image, credit, courtesy, handout…
    pub const PHOTO: u32 = 1 << 4;
    /// share, subscribe, cookie, login, newsletter…
    pub const WIDGET: u32 = 1 << 5;
    /// Agencies written in capitals only (AP, AFP, EPA).
    pub const CAPS_AGENCY: u32 = 1 << 6;
    /// Words that open a byline: by, von, par, por…
    pub const BY: u32 = 1 << 7;
    /// Words typical of captions: pictured, poses, left, right…
    pub const CAPTION: u32 = 1 << 8;
    /// First words of the phrase lists below, so that a line is searched
    /// for phrases only when one of them can be there.
    pub const P_WIDGET: u32 = 1 << 9;
    pub const P_COPY: u32 = 1 << 10;
    pub const P_CAPTION: u32 = 1 << 11;
    pub const O_RELATED: u32 = 1 << 12;
    pub const O_CAPTION: u32 = 1 << 13;
    pub const O_TAG: u32 = 1 << 14;
    pub const O_CREDIT: u32 = 1 << 15;
    pub const P_AGENCY: u32 = 1 << 16;
    /// Words of closing credits ("contributed", "can be reached", "news
    /// services"): a unit is lowercased whole for those tests only when it has one.
    pub const ATTRIB: u32 = 1 << 17;
    /// Words of a weather forecast's wind ("mph", "winds", "km" of "km/h"):
    /// the forecast test reads a unit's bytes only when it has one.
    pub const WIND: u32 = 1 << 18;
    /// Bits 24..32 hold the stop-word languages (see `stopwords::lang_bit`).
    pub const STOP_SHIFT: u32 = 24;
}

const MONTHS: &str = "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho julho setembro outubro dezembro января февраля марта апреля мая июня июля августа сентября октября ноября декабря";
const WEEKDAYS: &str = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica segunda terça quarta quinta sexta понедельник вторник среда четверг пятница суббота воскресенье";
const TIME: &str = "am pm gmt utc est edt cst cdt mst mdt pst pdt bst cet cest msk ist aest jst et pt ct updated update published posted modified ago hours hour minutes minute hrs mins aktualisiert veröffentlicht publié mis jour actualizado publicado pubblicato aggiornato обновлено опубликовано";
const AGENCIES: &str = "reuters getty sputnik shutterstock xinhua bloomberg alamy istock istockphoto zuma nurphoto anadolu imago tass efe ansa dpa afp epa upi ria novosti pool";
const CAPS_AGENCIES: &str = "ap afp epa pa upi dpa anp tass ria efe ansa aap";
const PHOTO: &str = "photo photos photograph photographs photographer photography image images picture pictures credit credits courtesy handout foto fotos bild bilder illustration";
const WIDGET: &str = "share shares sharing tweet email e mail print facebook twitter whatsapp linkedin pinterest reddit telegram instagram youtube subscribe subscriber subscribers subscription newsletter newsletters sign signin login logout log register cookie cookies privacy terms advert adverts advertisement advertisements advertising sponsored comments comment reply replies follow menu search home skip click loading javascript browser download app apps contact sitemap inbox unsubscribe premium paywall account password zip zipcode postcode bio tags tag topics weather horoscope games watch listen podcast podcasts gallery next previous prev back top copyright trademark feedback faq careers rss permalink teilen anmelden abonnieren kommentare partager abonner connexion commentaires compartir suscribirse comentarios condividi accedi commenti compartilhar assinar comentários";
const BY: &str = "by von par por di door от автор";
const CAPTION: &str = "pictured poses pose posing seen left right center centre l r foreground background attends arrives waves gestures speaks looks walks performs stands holds smiles listens reacts celebrates";

/// Lowercase word → classes.
#[derive(Debug, Clone)]
pub struct Lexicon {
    table: WordTable,
}

/// An open-addressing table of the lexicon's words, each packed into two
/// little-endian u64 (zero-padded) with its length, so that a probe
/// compares integers. Entries longer than 16 bytes (a few
/// Russian words) sit in a plain map. (Built once; its layout never reaches
/// the output.)
#[derive(Debug, Clone)]
struct WordTable {
    /// (packed word, byte length, classes); length 0 marks an empty slot.
    /// A fixed number, so that a probe's index needs no bounds check.
    slots: Box<[Slot; SLOTS]>,
    long: rustc_hash::FxHashMap<&'static str, u32>,
    /// Byte length of the longest entry: longer words are not looked up.
    max_len: usize,
    /// `max_len`, but at most `PACKED`: the longest word looked up packed.
    max_packed: usize,
    /// One bit per hash value of the entries, 4 KiB: most words of a page
    /// (content words) are not in the lexicon, and this turns them away from
    /// L1 cache. The slots themselves take about 200 KiB, and the probe's
    /// cache miss was a fifth of the time of reading a word (perf). An
    /// array, so that a probe needs no bounds check.
    filter: Box<[u64; FILTER_WORDS]>,
}

/// log2 of the filter's bits.
const FILTER_BITS: u32 = 15;
/// log2 of the number of slots of the word table: four or more slots an
/// entry of up to `PACKED` bytes (about 2,000 now; more only fill it more).
const SLOT_BITS: u32 = 13;
const SLOTS: usize = 1 << SLOT_BITS;

/// A slot of the word table: (packed word, byte length, classes).
type Slot = ([u64; 2], u32, u32);

/// The filter's 64-bit words.
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

const K: u64 = 0x517c_c1b7_2722_0a95;
/// Longest word held packed.
const PACKED: usize = 16;

/// `b` (at most 16 bytes) packed into two u64, zero-padded.
#[inline]
fn pack(b: &[u8]) -> [u64; 2] {
    let mut k = [0u64; 2];
    for (i, &c) in b.iter().enumerate() {
        k[i / 8] |= u64::from(c) << (8 * (i % 8));
    }
    k
}

/// ASCII capitals of the packed bytes to lowercase, eight at a time (bytes
/// of 0x80 and above are left alone: callers pass ASCII only).
#[inline]
pub(crate) fn lower_packed(x: u64) -> u64 {
    x | (crate::swar::between(x, b'A', b'Z') >> 2)
}

#[inline]
fn hash(k: [u64; 2]) -> u64 {
    (k[0] ^ k[1].rotate_left(29)).wrapping_mul(K)
}

/// The filter bit of a hash: bits below the slot index's (the table has
/// fewer than 2^32 slots), above the product's weak low bits.
#[inline]
fn filter_bit(h: u64) -> usize {
    ((h >> 17) & ((1 << FILTER_BITS) - 1)) as usize
}

impl WordTable {
    fn new(entries: &[(&'static str, u32)]) -> Self {
        let short = entries.iter().filter(|(w, _)| w.len() <= PACKED).count();
        // A probe stops at an empty slot: there must be one.
        assert!(short < SLOTS, "the lexicon's short words fit its table");
        let max_len = entries.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        let mut t = WordTable {
            slots: vec![([0, 0], 0, 0); SLOTS]
                .into_boxed_slice()
                .try_into()
                .unwrap_or_else(|_| panic!("the slot vector has SLOTS slots")),
            long: Default::default(),
            max_len,
            max_packed: max_len.min(PACKED),
            filter: Box::new([0; FILTER_WORDS]),
        };
        for &(w, cls) in entries {
            if w.is_empty() {
                continue;
            }
            if w.len() > PACKED {
                t.long.insert(w, cls);
                continue;
            }
            let k = pack(w.as_bytes());
            let f = filter_bit(hash(k));
            t.filter[f / 64] |= 1 << (f % 64);
            let mut i = t.slot(k);
            while t.slots[i].1 != 0 {
                i = (i + 1) & (SLOTS - 1);
            }
            t.slots[i] = (k, w.len() as u32, cls);
        }
        t
    }

    #[inline]
    fn slot(&self, k: [u64; 2]) -> usize {
        (hash(k) >> (64 - SLOT_BITS)) as usize
    }

    /// The classes of a packed lowercase word of `len` bytes.
    #[inline]
    fn get_packed(&self, k: [u64; 2], len: usize) -> u32 {
        let h = hash(k);
        let f = filter_bit(h);
        if self.filter[f / 64] & (1 << (f % 64)) == 0 {
            return 0;
        }
        let mask = SLOTS - 1;
        let mut i = (h >> (64 - SLOT_BITS)) as usize;
        loop {
            let (key, n, cls) = self.slots[i];
            if key == k && n as usize == len {
                return cls;
            }
            if n == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }

    /// The classes of a lowercase word.
    fn get(&self, lower: &[u8]) -> u32 {
        if lower.is_empty() || lower.len() > self.max_len {
            0
        } else if lower.len() <= PACKED {
            self.get_packed(pack(lower), lower.len())
        } else {
            std::str::from_utf8(lower)
                .ok()
                .and_then(|l| self.long.get(l))
                .copied()
                .unwrap_or(0)
        }
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new(&crate::stopwords::StopWords::new())
    }
}

impl Lexicon {
    /// The lexicon, with the stop words of `stop` folded in so that one
    /// lookup per word gives both.
    pub fn new(stop: &crate::stopwords::StopWords) -> Self {
        let mut map: rustc_hash::FxHashMap<&'static str, u32> = Default::default();
        for (list, flag) in [
            (MONTHS, class::MONTH),
            (WEEKDAYS, class::WEEKDAY),
            (TIME, class::TIME),
            (AGENCIES, class::AGENCY),
            (CAPS_AGENCIES, class::CAPS_AGENCY),
            (PHOTO, class::PHOTO),
            (WIDGET, class::WIDGET),
            (BY, class::BY),
            (CAPTION, class::CAPTION),
            ("associated agence press", class::P_AGENCY),
            ("photo photos photograph photographs image credit foto bild source courtesy copyright", class::O_CREDIT),
            ("copyright c", class::P_COPY),
            ("contributed reached contacted services report", class::ATTRIB),
            ("mph winds km", class::WIND),
        ] {
            for w in list.split_whitespace() {
                *map.entry(w).or_default() |= flag;
            }
        }
        // Substring phrases are keyed by their longest word that is not a stop
        // word in any language (the rarest, roughly), so that common words like
        // "from", "this" or "your" do not trigger the search: keyed by "from",
        // "from left" sent a search through most lines of prose.
        for (list, flag) in [
            (WIDGET_PHRASES, class::P_WIDGET),
            (COPYRIGHT_PHRASES, class::P_COPY),
            (CAPTION_PHRASES, class::P_CAPTION),
        ] {
            for p in list {
                let key = |w: &&str| (stop.langs_of(w) == 0, w.len());
                if let Some(w) = crate::words::words(p).max_by_key(key) {
                    *map.entry(w).or_default() |= flag;
                }
            }
        }
        for (list, flag) in [
            (RELATED_OPENERS, class::O_RELATED),
            (CAPTION_OPENERS, class::O_CAPTION),
            (TAG_OPENERS, class::O_TAG),
        ] {
            for p in list {
                if let Some(w) = crate::words::words(p).next() {
                    *map.entry(w).or_default() |= flag;
                }
            }
        }
        for (w, langs) in stop.entries() {
            *map.entry(w).or_default() |= u32::from(langs) << class::STOP_SHIFT;
        }
        let mut entries: Vec<(&str, u32)> = map.into_iter().collect();
        entries.sort_unstable();
        Lexicon {
            table: WordTable::new(&entries),
        }
    }

    /// The classes of a lowercase word (stop-word languages in the top byte).
    pub fn classes(&self, lower: &str) -> u32 {
        self.table.get(lower.as_bytes())
    }

    /// The classes of a word as written: ASCII words are packed and
    /// lowercased in registers, and words longer than every entry are not
    /// looked up at all.
    #[inline]
    pub fn word_classes(&self, w: &str, buf: &mut String) -> u32 {
        let b = w.as_bytes();
        if b.len() > PACKED || !b.is_ascii() {
            return self.classes(crate::words::lowered(w, buf));
        }
        if b.is_empty() || b.len() > self.table.max_len {
            return 0;
        }
        let k = pack(b);
        self.table
            .get_packed([lower_packed(k[0]), lower_packed(k[1])], b.len())
    }

    /// The classes of an ASCII word of `len` bytes (1 to 16), given
    /// lowercased and packed as [`WordTable`] keys are (zero-padded): what
    /// [`Lexicon::word_classes`] answers for it. (No test of the length: a
    /// probe compares it, and no entry is longer than the longest.)
    #[inline(always)]
    pub(crate) fn packed_lower_classes(&self, k: [u64; 2], len: usize) -> u32 {
        self.table.get_packed(k, len)
    }

    /// The classes of the ASCII word `text[start..end]`: it is packed with
    /// two loads from the text around it and masked, instead of byte by byte
    /// (near the text's end, it is packed as usual). Same answer as
    /// [`Lexicon::word_classes`].
    #[inline]
    pub fn ascii_word_classes(
        &self,
        text: &[u8],
        start: usize,
        end: usize,
        buf: &mut String,
    ) -> u32 {
        self.ascii_word_classes_first(text, start, end, buf).0
    }

    /// [`Lexicon::ascii_word_classes`], and the word's first byte (0 past
    /// the text's end), read from the same load: the word loop tests it
    /// for a capital or a digit.
    #[inline(always)]
    pub(crate) fn ascii_word_classes_first(
        &self,
        text: &[u8],
        start: usize,
        end: usize,
        buf: &mut String,
    ) -> (u32, u8) {
        let len = end - start;
        // One test of the window's end and one of the length (1 to the
        // longest entry held packed, at most 16 bytes): a test a bound cost
        // a sixth of looking a word up.
        let window = text.get(start..).and_then(<[u8]>::first_chunk::<PACKED>);
        match window {
            Some(win) if len.wrapping_sub(1) < self.table.max_packed => {
                let mut lo = [0u8; 8];
                let mut hi = [0u8; 8];
                lo.copy_from_slice(&win[..8]);
                hi.copy_from_slice(&win[8..]);
                let (lo, hi) = (u64::from_le_bytes(lo), u64::from_le_bytes(hi));
                // The low `n` bytes, for `n` in 1..=8.
                let mask = |n: usize| u64::MAX >> (64 - 8 * n);
                // Most words fit the first u64: the second is then zero,
                // and is not lowercased.
                let k = if len > 8 {
                    [lower_packed(lo), lower_packed(hi & mask(len - 8))]
                } else {
                    [lower_packed(lo & mask(len)), 0]
                };
                (self.table.get_packed(k, len), lo as u8)
            }
            // Empty, or longer than every entry held packed: in no entry
            // (as `word_classes` answers).
            Some(win) if len <= PACKED => (0, win[0]),
            // Near the page's end, or longer than 16 bytes.
            _ => {
                let cls = match text.get(start..end).map(std::str::from_utf8) {
                    Some(Ok(w)) => self.word_classes(w, buf),
                    _ => 0,
                };
                (cls, text.get(start).copied().unwrap_or_default())
            }
        }
    }
}

/// Phrases that open a list of other articles (matched at the start of a
/// lowercased line).
pub const RELATED_OPENERS: &[&str] = &[
    "related",
    "read more",
    "read also",
    "also read",
    "read next",
    "more from",
    "more:",
    "more on ",
    "more stories",
    "more news",
    "more in ",
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "recommended",
    "you may also like",
    "you might also like",
    "you may like",
    "see also",
    "trending",
    "top stories",
    "latest news",
    "latest stories",
    "what to read next",
    "what we're reading",
    "you may have missed",
    "now playing",
    "don't miss",
    "editor's picks",
    "editors' picks",
    "further reading",
    "recent posts",
    "popular stories",
    "lesen sie auch",
    "mehr zum thema",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "te puede interesar",
    "leer más",
    "leia também",
    "leggi anche",
    "читайте также",
];

/// Openers of tag, topic and share lines.
pub const TAG_OPENERS: &[&str] = &[
    "tags:",
    "tags ",
    "topics:",
    "filed under",
    "categories:",
    "category:",
    "keywords:",
    "share:",
    "share this",
    "schlagworte",
    "themen:",
    "mots-clés",
    "etiquetas:",
    "argomenti:",
];

/// Openers of a credit line (matched on the lowercased line; the line's first word must be
/// one of the `O_CREDIT` words).
pub const CREDIT_OPENERS: &[&str] = &[
    "photo:",
    "photos:",
    "photo by",
    "photograph:",
    "photograph by",
    "photographs by",
    "image:",
    "image by",
    "image credit",
    "credit:",
    "photo credit",
    "foto:",
    "bild:",
    "courtesy",
];

/// Openers that credit a picture only when the line also names a photo word: "Source:" and
/// "Copyright" alone open data sources and house notices too.
pub const PHOTO_CREDIT_OPENERS: &[&str] = &["source:", "copyright"];

/// Phrases of legal and house lines.
pub const COPYRIGHT_PHRASES: &[&str] = &[
    "copyright",
    "all rights reserved",
    "rights reserved",
    "may not be published",
    "may not be reproduced",
    "terms of use",
    "terms of service",
    "privacy policy",
    "cookie policy",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
];

/// Phrases of prompts and widgets that may hide in sentence-like lines.
pub const WIDGET_PHRASES: &[&str] = &[
    "sign up",
    "sign in",
    "log in",
    "subscribe to",
    "subscribe now",
    "newsletter",
    "your inbox",
    "delivered to your",
    "desktop notifications",
    "follow us",
    "click here",
    "share this",
    "we use cookies",
    "uses cookies",
    "accept cookies",
    "these cookies",
    "necessary cookies",
    "cookies are",
    "use of cookies",
    "cookie settings",
    "browsing experience",
    "opt-out of",
    "enable javascript",
    "javascript is disabled",
    "your browser",
    "ad blocker",
    "adblock",
    "comments have been",
    // Reader prompts of scraped pages: a jump over an ad, a dead link.
    "continued below",
    "continues below",
    "share your thoughts",
    "no longer exists",
    "page you requested",
    "page not found",
    "leave a comment",
    "post a comment",
    "join the conversation",
    "already a subscriber",
    "create an account",
    "free trial",
    "like this story",
    "you have reached",
    "free articles",
    "this article is",
    "read the full",
    "has been updated",
    "reporting by",
    "editing by",
    // Paywall and subscription prompts: they speak of the reader's access,
    // not of the news. (Each phrase is keyed by its longest word that is
    // not a stop word: "continue", "deliver", "comment" or "digital" would
    // open the phrase search on many lines of wire copy, so the phrases
    // are chosen around rarer words.)
    "reading below",
    "subscription is required",
    "purchase a subscription",
    "current subscription",
    "unlimited digital",
    "all your devices",
    "consider subscribing",
    "thank you for reading",
    "thanks for reading",
    "your digital subscription",
    // A reprint notice: the copy is for the reader's own use.
    "non-commercial use",
    // Alerts of a followed topic.
    "email notifications",
    // A comment prompt and the notice of a story's first outlet.
    "comment below",
    "originally ran on",
    "originally appeared on",
    // Alert and chat prompts.
    "news alerts",
    "news emails",
    "chat with us",
    // A subscriber's access and the offers around it, and the site's own
    // alerts: the reader's page, not the news. (Keyed by "subscription",
    // "subscriber" and "notifications", rare in news copy; "since you're
    // here", "first appeared" or "error processing" would key the search
    // on common words.)
    "your subscription",
    "digital subscription",
    "being a subscriber",
    "try a subscription",
    "subscription with us",
    "push notifications",
];

/// Openers of caption lines.
pub const CAPTION_OPENERS: &[&str] = &[
    "file -",
    "file –",
    "file —",
    // The dash glued to the word: "FILE- This …".
    "file- ",
    "file photo",
    "file:",
    "in this photo",
    "in this file",
    "in this image",
    "in this handout",
    "in this undated",
    "in this picture",
    "image caption",
    "caption:",
    "pictured",
    "photo:",
    "photograph:",
    "above:",
    "top:",
    "main image",
    "this handout",
    // The wire's before-and-after pictures: "This combination of photos
    // shows …", "This combination photo shows …".
    "this combination",
];

/// Phrases inside caption lines.
/// Idioms are left out: "is seen as", "poses a threat", and "(R)" glued to a
/// trade name.
pub const CAPTION_PHRASES: &[&str] = &[
    " file photo",
    "pictured",
    " poses for",
    " poses with",
    " pose for",
    " pose with",
    " (l)",
    " (r)",
    " (l-r)",
    " (c)",
    "from left",
    "from right",
    ", left,",
    ", right,",
    ", center,",
    ", centre,",
    " is seen in",
    " is seen at",
    " is seen on",
    " is seen during",
    " are seen in",
    " are seen at",
    " are seen on",
    " are seen during",
    "handout photo",
    "photo taken",
    "in this photo",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The packed lookup of a word in its page answers as the lookup of
    /// the word alone (and reads its first byte), for every span of a page of Reuters wire copy (its
    /// stop words, months and agencies; words of 0 to 20 bytes, up to the
    /// page's last byte).
    #[test]
    fn ascii_word_classes_answer_as_word_classes() {
        let lex = Lexicon::default();
        let mut buf = String::new();
        let page = b"SAN FRANCISCO, March 3 - Reuters said the Photograph was by AP \
            IstockPhoto WEDNESDAY mph Subscription Internationalisations x";
        for a in 0..page.len() {
            for b in a..page.len().min(a + 21) + 1 {
                let Ok(w) = std::str::from_utf8(&page[a..b]) else {
                    continue;
                };
                assert_eq!(
                    lex.ascii_word_classes_first(page, a, b, &mut buf),
                    (lex.word_classes(w, &mut buf), page[a]),
                    "{w:?}"
                );
            }
        }
    }

    #[test]
    fn written_words_find_their_lowercase_entries() {
        let lex = Lexicon::default();
        let mut buf = String::new();
        for (w, lower) in [
            ("Reuters", "reuters"),
            ("MAY", "may"),
            ("Photograph", "photograph"),
            ("Veröffentlicht", "veröffentlicht"),
            ("Воскресенье", "воскресенье"),
        ] {
            assert_ne!(lex.classes(lower), 0, "{lower}");
            assert_eq!(lex.word_classes(w, &mut buf), lex.classes(lower), "{w}");
        }
        for w in [
            "Reuter",
            "reutersx",
            "",
            "a\0",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ] {
            assert_eq!(lex.word_classes(w, &mut buf), 0, "{w}");
        }
    }
}
