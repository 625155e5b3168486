//! Stop-word lists per language, and choosing one per document.
//!
//! Stop-word share is the jusText signal for prose: paragraphs written for
//! reading are full of function words, navigation and headline lists are not.
//! The language is chosen per document by which list covers most of its
//! words, so nothing English-only is hard-wired.

/// Languages with a stop-word list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    De,
    Fr,
    Es,
    Ru,
    Pt,
    It,
    Nl,
    /// None of the lists covers the text: stop-word cues are switched off.
    Other,
}

impl Language {
    pub const ALL: [Language; 8] = [
        Language::En,
        Language::De,
        Language::Fr,
        Language::Es,
        Language::Ru,
        Language::Pt,
        Language::It,
        Language::Nl,
    ];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::Ru => "ru",
            Language::Pt => "pt",
            Language::It => "it",
            Language::Nl => "nl",
            Language::Other => "other",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Language::En => EN,
            Language::De => DE,
            Language::Fr => FR,
            Language::Es => ES,
            Language::Ru => RU,
            Language::Pt => PT,
            Language::It => IT,
            Language::Nl => NL,
            Language::Other => "",
        }
    }
}

const EN: &str = "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves said says one two new last year years told would could may might must shall us it's i'm don't he's she's that's there's they're we're";
const DE: &str = "aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin bis bist da damit dann der den des dem die das dass daß du durch ein eine einem einen einer eines er es für gegen hat hatte haben hier hin hinter ich ihr ihre im in ist ja jede jedem jeden jeder jedes jetzt kann kein keine können man mehr mein meine mit muss nach nicht noch nun nur ob oder ohne sehr sein seine sich sie sind so über um und uns unser unter vom von vor war waren warum was weil wenn werden wie wieder will wir wird wo zu zum zur zwar zwischen wurde wurden worden sei seit gibt sagte";
const FR: &str = "à au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y été être avoir ont est sont était a cette cet comme plus aussi sans entre tout tous après avant selon dont fait peut deux";
const ES: &str = "a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estado están este esto estos fue fueron ha han hasta hay la las le les lo los más me mi muy no nos o para pero por porque que quien se sea ser si sin sobre su sus también tiene todo todos un una uno unos y ya según dijo tras sido puede años";
const RU: &str = "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между также это заявил года";
const PT: &str = "a ao aos as até com como da das de dele do dos e ela elas ele eles em entre era essa esse esta este eu foi foram há isso isto já lhe mais mas me mesmo meu muito na não nas nem no nos o os ou para pela pelas pelo pelos por qual quando que quem se sem ser seu sua são só também te tem um uma umas uns à às é está estão sobre segundo disse anos ainda";
const IT: &str = "a ad al alla alle allo anche che chi ci come con contro cui da dal dalla dalle degli dei del dell della delle dello di dopo e è ed gli ha hanno i il in io la le lei lo loro lui ma mi ne negli nei nel nella nelle noi non o per perché più quale quando quella quello questa questo se si sia sono su sua sue sui sul sulla suo suoi tra un una uno essere stato stata fa già secondo anni";
const NL: &str = "aan al als bij dan dat de der deze die dit door een en er had heb hebben heeft het hij hoe hun ik in is je kan maar me meer met mij na naar niet nog nu of om omdat ons ook op over te tegen toen tot u uit van veel voor was wat we wel werd wie wij worden wordt zal ze zei zich zij zijn zo zou";

/// The stop-word sets of every language, built once and shared.
#[derive(Debug, Clone)]
pub struct StopWords {
    /// Lowercase word → bit set of languages that list it.
    words: rustc_hash::FxHashMap<&'static str, u8>,
}

impl Default for StopWords {
    fn default() -> Self {
        Self::new()
    }
}

impl StopWords {
    pub fn new() -> Self {
        let mut words: rustc_hash::FxHashMap<&'static str, u8> = Default::default();
        for (i, lang) in Language::ALL.into_iter().enumerate() {
            for w in lang.words().split_whitespace() {
                *words.entry(w).or_default() |= 1 << i;
            }
        }
        StopWords { words }
    }

    /// Every stop word with its languages.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, u8)> + '_ {
        self.words.iter().map(|(w, b)| (*w, *b))
    }

    /// The bit set of languages whose list holds `lower` (already lowercase).
    pub fn langs_of(&self, lower: &str) -> u8 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// Whether `lower` is a stop word of `lang`.
    pub fn is_stop(&self, lower: &str, lang: Language) -> bool {
        self.langs_of(lower) & lang_bit(lang) != 0
    }

    /// Picks the language whose list covers most words of `text`, looking at
    /// the first `max_words` words only; [`Language::Other`] when no list
    /// covers an eighth of them (stop words then say nothing).
    pub fn detect(&self, text: &str, max_words: usize) -> Language {
        let mut counts = [0usize; 8];
        let mut buf = String::new();
        let mut total = 0usize;
        for w in crate::words::words(text).take(max_words) {
            total += 1;
            let bits = self.langs_of(crate::words::lowered(w, &mut buf));
            for (i, c) in counts.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
        choose_language(&counts, total)
    }
}

/// The language with most stop words among `total` words, or
/// [`Language::Other`] when none covers an eighth of them (English for no words).
pub fn choose_language(counts: &[usize; 8], total: usize) -> Language {
    if total == 0 {
        return Language::En;
    }
    let mut best = 0;
    for i in 1..counts.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    if counts[best] * 100 < total * 12 {
        return Language::Other;
    }
    Language::ALL[best]
}

/// The bit of `lang` in the sets returned by [`StopWords::langs_of`].
pub fn lang_bit(lang: Language) -> u8 {
    Language::ALL
        .iter()
        .position(|l| *l == lang)
        .map_or(0, |i| 1 << i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages_from_prose() {
        let s = StopWords::new();
        assert_eq!(
            s.detect(
                "The minister said that the talks would go on for two days.",
                100
            ),
            Language::En
        );
        assert_eq!(s.detect("Der Minister sagte, dass die Gespräche noch zwei Tage dauern würden und nicht enden.", 100), Language::De);
        assert_eq!(
            s.detect(
                "Le ministre a dit que les discussions dureraient encore deux jours pour la paix.",
                100
            ),
            Language::Fr
        );
        assert_eq!(
            s.detect(
                "El ministro dijo que las conversaciones durarían dos días más con los socios.",
                100
            ),
            Language::Es
        );
        assert_eq!(
            s.detect(
                "Министр заявил, что переговоры продлятся еще два дня и не будут прерваны.",
                100
            ),
            Language::Ru
        );
        assert_eq!(
            s.detect(
                "O ministro disse que as conversas vão durar mais dois dias e não vão parar.",
                100
            ),
            Language::Pt
        );
        assert_eq!(
            s.detect(
                "Il ministro ha detto che i colloqui dureranno ancora due giorni per la pace.",
                100
            ),
            Language::It
        );
    }
}
