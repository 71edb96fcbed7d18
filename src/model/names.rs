//! People's names as a reader says them, and their shorter forms for a card or label with
//! little room: "Lt Gen Sir James Bashall KCB" → "Lt Gen James Bashall" → "James Bashall" →
//! "J. Bashall" → "Bashall" → "JB". Ranks and honorifics are kept while room allows and dropped
//! before the name itself is cut; post-nominals ("KCB", "OBE", "PhD") go first. "King, Janet"
//! reads "Janet King"; surname particles stay with the surname ("de la Cruz"); names in Chinese,
//! Japanese or Korean script keep their own order (family name first) and are never reduced to
//! initials.

/// "King, Janet M" as "Janet M King": a name with one comma, a family name before it (one or
/// two words, no digits) and given names after. `None` for anything else, and for a suffix
/// after the comma ("King, Jr.", "Smith, CBE"). Only name cells come here, never titles.
pub fn first_name_first(name: &str) -> Option<String> {
    let (family, given) = name.split_once(',')?;
    let (family, given) = (family.trim(), given.trim());
    let word_ok =
        |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_ascii_digit());
    if given.contains(',')
        || family.is_empty()
        || given.is_empty()
        || family
            .split_whitespace()
            .filter(|w| !PARTICLES.contains(w))
            .count()
            > 2
        || !word_ok(family)
        || !word_ok(given)
        || given.split_whitespace().all(is_after_name)
    {
        return None;
    }
    Some(format!("{given} {family}"))
}

/// A name as it reads, first name first ("King, Janet +3" as "Janet King +3"): the first of
/// [`name_forms`], without working out the others.
pub fn natural(name: &str) -> String {
    if let Some((base, count)) = name.rsplit_once(" +")
        && !count.is_empty()
        && count.chars().all(|c| c.is_ascii_digit())
    {
        return format!("{} +{count}", natural(base));
    }
    first_name_first(name).unwrap_or_else(|| name.trim().to_owned())
}

/// Words written after a name: generational suffixes and post-nominal letters.
const AFTER_NAME: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dphil", "obe", "mbe", "cbe", "kbe", "dbe", "gbe",
    "cb", "kcb", "gcb", "cmg", "kcmg", "gcmg", "cvo", "kcvo", "lvo", "mvo", "dso", "mc", "dfc",
    "afc", "qgm", "qpm", "qfsm", "qhp", "qhs", "adc", "dl", "jp", "mp", "qc", "kc", "frs", "freng",
    "fca", "aca", "fcca", "acca", "cpa", "mba", "msc", "ma", "bsc", "ba", "llb", "rn", "rm", "raf",
    "frcp", "frcs", "frcgp", "cbiol", "ceng", "fiet", "fimeche", "oam", "ao", "ac",
];

/// True for a word that follows a name rather than being part of it ("KCB", "Jr.", "PhD").
fn is_after_name(word: &str) -> bool {
    let key: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    !key.is_empty() && AFTER_NAME.contains(&key.as_str())
}

/// Ranks, honorifics and styles written before a name, as lower-case words without dots;
/// the longest that matches is taken, and several may follow each other ("Air Marshal Sir").
const BEFORE_NAME: &[&str] = &[
    "the rt hon",
    "the right honourable",
    "the right hon",
    "rt hon",
    "right honourable",
    "rt revd",
    "the revd",
    "the reverend",
    "the lord",
    "the baroness",
    "his honour judge",
    "her honour judge",
    "hh judge",
    "air chief marshal",
    "air vice marshal",
    "air vice-marshal",
    "air marshal",
    "air commodore",
    "air cdre",
    "group captain",
    "gp capt",
    "wing commander",
    "wg cdr",
    "squadron leader",
    "sqn ldr",
    "flight lieutenant",
    "flt lt",
    "lieutenant general",
    "lt gen",
    "ltgen",
    "major general",
    "maj gen",
    "brigadier general",
    "brig gen",
    "lieutenant colonel",
    "lt col",
    "ltcol",
    "lieutenant commander",
    "lt cdr",
    "vice admiral",
    "vice adm",
    "rear admiral",
    "rear adm",
    "admiral",
    "adm",
    "general",
    "gen",
    "brigadier",
    "brig",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "commander",
    "cdr",
    "commodore",
    "cdre",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "professor",
    "prof",
    "doctor",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "viscount",
    "earl",
    "hon",
    "revd",
    "rev",
    "reverend",
    "canon",
    "bishop",
    "judge",
    "cllr",
    "councillor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
];

/// Lower-case words that belong to the surname that follows them ("van Gogh", "de la Cruz").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin", "binti",
    "ibn", "al", "el", "ten", "ter", "dos", "das", "do", "af", "zu", "st", "st.",
];

/// True for text in a script written without initials: Han, kana, Hangul.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // Hangul Jamo
        | 0x2E80..=0x2FDF // CJK radicals
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3100..=0x318F // Bopomofo, Hangul compatibility Jamo
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B–F
}

/// A name taken apart: what comes before it, the given names, the family name, what follows.
#[derive(Debug, Default, PartialEq)]
struct Parts<'a> {
    before: Vec<&'a str>,
    given: Vec<&'a str>,
    family: Vec<&'a str>,
    after: Vec<&'a str>,
}

fn parts<'a>(words: &[&'a str]) -> Parts<'a> {
    // Each word's key once (lower case, no dots): names are taken apart for every label a
    // frame draws, so ranks are compared without allocating.
    let keys: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| *c != '.')
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    let mut start = 0;
    // Ranks and honorifics, the first in the list that matches, while a name is left after.
    'ranks: while start < words.len() {
        for rank in BEFORE_NAME {
            let n = rank.split(' ').count();
            if start + n < words.len()
                && keys[start..start + n]
                    .iter()
                    .map(String::as_str)
                    .eq(rank.split(' '))
            {
                start += n;
                continue 'ranks;
            }
        }
        break;
    }
    let mut end = words.len();
    while end > start + 1 && is_after_name(words[end - 1]) {
        end -= 1;
    }
    let name = &words[start..end];
    // The family name: the last word, with the particles before it, while a given name stays.
    let mut cut = name.len().saturating_sub(1);
    while cut > 1 && PARTICLES.contains(&name[cut - 1]) {
        cut -= 1;
    }
    Parts {
        before: words[..start].to_vec(),
        given: name[..cut].to_vec(),
        family: name[cut..].to_vec(),
        after: words[end..].to_vec(),
    }
}

/// The first letter of a word, capitalised ("j" → "J"; "Jean-Luc" → "J").
fn initial(word: &str) -> Option<String> {
    word.chars()
        .find(|c| c.is_alphabetic())
        .map(|c| c.to_uppercase().collect())
}

/// The forms of a person's name from the longest to the shortest: as written (first name
/// first), without a bracketed note, without post-nominals, without rank or honorific, with one
/// given name, with the given name's initial ("J. King"), the family name alone and, when
/// `initials` allows, the initials ("JK"). A count of hidden reports ("+35") stays on every form.
pub fn name_forms(name: &str, initials: bool) -> Vec<String> {
    if let Some((base, count)) = name.rsplit_once(" +")
        && !count.is_empty()
        && count.chars().all(|c| c.is_ascii_digit())
    {
        return name_forms(base, initials)
            .into_iter()
            .map(|form| format!("{form} +{count}"))
            .collect();
    }
    let mut forms: Vec<String> = Vec::new();
    let mut push = |form: String| {
        let form = form.trim().trim_end_matches(',').to_owned();
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
        }
    };
    let natural = first_name_first(name).unwrap_or_else(|| name.trim().to_owned());
    push(natural.clone());
    let base = match natural.find(" (") {
        Some(cut) if cut > 0 => natural[..cut].to_owned(),
        _ => natural,
    };
    push(base.clone());
    let words: Vec<&str> = base
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return forms;
    }
    // Chinese, Japanese and Korean names: family name first, no initials.
    if base.chars().any(is_cjk) {
        if let Some(family) = words.first() {
            push((*family).to_owned());
        }
        return forms;
    }
    let p = parts(&words);
    let join = |lists: &[&[&str]]| {
        lists
            .iter()
            .flat_map(|l| l.iter().copied())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let family = p.family.join(" ");
    push(join(&[&p.before, &p.given, &p.family]));
    push(join(&[&p.given, &p.family]));
    // One given name, when it is a name and not an initial.
    if let Some(first) = p.given.first()
        && p.given.len() > 1
        && first.trim_end_matches('.').chars().count() > 1
    {
        push(format!("{first} {family}"));
    }
    if let Some(letter) = p.given.first().and_then(|w| initial(w)) {
        push(format!("{letter}. {family}"));
    }
    push(family.clone());
    if initials && !p.given.is_empty() {
        let surname = p.family.last().copied().unwrap_or_default();
        let letters: String = p
            .given
            .iter()
            .chain([&surname])
            .filter_map(|w| initial(w))
            .collect();
        push(letters);
    }
    forms
}

/// The forms of a post's title shown in place of a withheld name ("Director, Finance"): the
/// whole title, then cut after whole words and ended with "…", never under two words.
pub fn title_forms(title: &str) -> Vec<String> {
    // A count of hidden reports stays on every form, as on a name's.
    if let Some((base, count)) = title.rsplit_once(" +")
        && !count.is_empty()
        && count.chars().all(|c| c.is_ascii_digit())
    {
        let mut forms = vec![title.trim().to_owned()];
        forms.extend(
            title_forms(base)
                .into_iter()
                .skip(1)
                .map(|form| format!("{form} +{count}")),
        );
        return forms;
    }
    let mut forms = vec![title.trim().to_owned()];
    let words: Vec<&str> = title.split_whitespace().collect();
    for n in (2..words.len()).rev() {
        let cut = words[..n]
            .join(" ")
            .trim_end_matches([',', ';', ':', '-', '–', '&'])
            .trim_end()
            .to_owned();
        let form = format!("{cut}…");
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(name: &str) -> Vec<String> {
        name_forms(name, true)
    }

    #[test]
    fn a_plain_name_shortens_to_initial_and_surname() {
        assert_eq!(forms("Janet King"), ["Janet King", "J. King", "King", "JK"]);
        assert_eq!(
            forms("Janet Anne King"),
            ["Janet Anne King", "Janet King", "J. King", "King", "JAK"]
        );
    }

    #[test]
    fn last_first_reads_first_name_first() {
        assert_eq!(
            forms("King, Janet"),
            ["Janet King", "J. King", "King", "JK"]
        );
        assert_eq!(forms("King, Janet +50")[1], "J. King +50");
        assert_eq!(natural("King, Janet +50"), forms("King, Janet +50")[0]);
        // A suffix after the comma is not a given name.
        assert_eq!(
            forms("Martin Luther King, Jr.")[0],
            "Martin Luther King, Jr."
        );
        assert_eq!(forms("Martin Luther King, Jr.")[1], "Martin Luther King");
        assert_eq!(first_name_first("Smith, CBE"), None);
        assert_eq!(
            first_name_first("Reyes, Dana M."),
            Some("Dana M. Reyes".into())
        );
        assert_eq!(
            first_name_first("de la Cruz, Ana"),
            Some("Ana de la Cruz".into())
        );
    }

    #[test]
    fn ranks_and_honorifics_go_before_the_name_is_cut() {
        assert_eq!(
            forms("Lt Gen J I Bashall"),
            [
                "Lt Gen J I Bashall",
                "J I Bashall",
                "J. Bashall",
                "Bashall",
                "JIB"
            ]
        );
        assert_eq!(
            forms("Air Marshal Sir Stuart Peach KCB CBE"),
            [
                "Air Marshal Sir Stuart Peach KCB CBE",
                "Air Marshal Sir Stuart Peach",
                "Stuart Peach",
                "S. Peach",
                "Peach",
                "SP"
            ]
        );
        assert_eq!(forms("Dr. Ada Brooks")[1], "Ada Brooks");
        assert_eq!(forms("Prof Dame Sally Davies")[1], "Sally Davies");
        // A rank alone is somebody's name.
        assert_eq!(forms("Major"), ["Major"]);
    }

    #[test]
    fn particles_stay_with_the_surname() {
        assert_eq!(
            forms("Anne-Marie de la Cruz"),
            ["Anne-Marie de la Cruz", "A. de la Cruz", "de la Cruz", "AC"]
        );
        assert_eq!(forms("Ludwig van Beethoven")[1], "L. van Beethoven");
    }

    #[test]
    fn cjk_names_keep_their_order_and_have_no_initials() {
        assert_eq!(forms("山田 太郎"), ["山田 太郎", "山田"]);
        assert_eq!(forms("김민준"), ["김민준"]);
        assert_eq!(forms("王 小明 +4"), ["王 小明 +4", "王 +4"]);
    }

    #[test]
    fn initials_only_when_allowed() {
        assert!(
            name_forms("Janet King", false)
                .iter()
                .all(|f| f.contains("King"))
        );
        assert_eq!(name_forms("Ada Brooks (open)", false)[1], "Ada Brooks");
    }

    #[test]
    fn titles_are_cut_after_whole_words() {
        assert_eq!(
            title_forms("Director, Finance and Estates"),
            [
                "Director, Finance and Estates",
                "Director, Finance and…",
                "Director, Finance…"
            ]
        );
        assert_eq!(title_forms("Director"), ["Director"]);
        assert_eq!(
            title_forms("Director General Major Projects +2")[1],
            "Director General Major… +2"
        );
    }
}
