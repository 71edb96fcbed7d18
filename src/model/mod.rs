//! The org as the user sees it: people, reporting lines, decision domains and peer links.
//!
//! Ids are the user's own strings; graph indices never leave the code that builds them.

mod hierarchy;
pub mod names;
mod validate;

/// A hash map keyed by ids or names, with a fast, randomly seeded hash (ahash).
pub type Map<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
/// A hash set of ids or names, with the hash of [`Map`].
pub type Set<K> = std::collections::HashSet<K, ahash::RandomState>;

/// An empty [`Map`] with room for `capacity` entries.
pub fn map_with_capacity<K, V>(capacity: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(capacity, ahash::RandomState::new())
}

pub use hierarchy::{Hierarchy, NONE};
pub use validate::{
    MAX_FTE, MAX_PER_MONTH, MAX_WEEK_HOURS, MAX_WEIGHT, Problem, THRESHOLD_RANGES, check_queue,
    check_thresholds, cycle_message, cycles, person_index, summarise, thousands, validate,
    validate_move,
};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// The version of the native file format this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Fields a file had that this version does not know; kept so a save never loses them.
pub type Extra = BTreeMap<String, Value>;

/// A person's id as written in the team file.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub String);

/// A decision domain's id as written in the team file.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecisionId(pub String);

impl PersonId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl DecisionId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for DecisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for PersonId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<&str> for DecisionId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

/// A whole team file: the org and what it decides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Org {
    /// Format version; files from a newer orgflow are refused rather than misread.
    #[serde(rename = "orgflow", default)]
    pub version: u32,
    /// The org's name, shown in titles.
    #[serde(default)]
    pub name: String,
    /// The one mission everybody works towards.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mission: String,
    /// Everybody in the org, in file order.
    #[serde(default)]
    pub people: Vec<Person>,
    /// The decision domains and who holds which right in each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Peer links outside the reporting lines (advice, collaboration…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Staff counted rather than named: a UK organogram's junior posts, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub junior_posts: Vec<JuniorPosts>,
    /// Warning thresholds set for this org; unset ones use the defaults.
    #[serde(default, skip_serializing_if = "ThresholdOverrides::is_empty")]
    pub thresholds: ThresholdOverrides,
    /// The queue model's settings for this org (decision capacity, handling time, the working
    /// week); unset ones use the defaults ([`QueueSettings`]).
    #[serde(default, skip_serializing_if = "QueueOverrides::is_empty")]
    pub queue: QueueOverrides,
    /// Unknown top-level fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Org {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            name: String::new(),
            mission: String::new(),
            people: Vec::new(),
            decisions: Vec::new(),
            links: Vec::new(),
            junior_posts: Vec::new(),
            thresholds: ThresholdOverrides::default(),
            queue: QueueOverrides::default(),
            extra: Extra::new(),
        }
    }
}

/// People found by id or name: ids as written, ids in composed Unicode form, names as
/// [`crate::io`] compares them (any order, case or punctuation), then names without middle
/// initials. Built once, asked many times.
pub struct Finder<'a> {
    org: &'a Org,
    ids: std::collections::HashMap<&'a str, usize>,
    composed: std::collections::HashMap<String, usize>,
    names: std::collections::HashMap<String, Vec<usize>>,
    loose: std::collections::HashMap<String, Vec<usize>>,
}

impl<'a> Finder<'a> {
    /// The index of `org`'s people.
    pub fn new(org: &'a Org) -> Self {
        let mut ids = std::collections::HashMap::with_capacity(org.people.len());
        let mut composed = std::collections::HashMap::new();
        let mut names: std::collections::HashMap<String, Vec<usize>> = Default::default();
        let mut loose: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, p) in org.people.iter().enumerate() {
            ids.entry(p.id.as_str()).or_insert(i);
            if let std::borrow::Cow::Owned(c) = nfc(p.id.as_str()) {
                composed.entry(c).or_insert(i);
            }
            let key = crate::io::name_key(&p.name);
            if !key.is_empty() {
                loose
                    .entry(crate::io::without_initials(&key))
                    .or_default()
                    .push(i);
                names.entry(key).or_default().push(i);
            }
        }
        Self {
            org,
            ids,
            composed,
            names,
            loose,
        }
    }

    /// The person `query` names: their id, else the one person with that name.
    pub fn find(&self, query: &str) -> Result<&'a Person, FindError> {
        let query = query.trim();
        let person = |i: usize| self.org.people.get(i);
        if let Some(p) = self.ids.get(query).and_then(|&i| person(i)) {
            return Ok(p);
        }
        // The same id in another Unicode form (an "é" composed or typed as e + accent).
        let wanted = nfc(query);
        if let Some(p) = self
            .ids
            .get(wanted.as_ref())
            .or_else(|| self.composed.get(wanted.as_ref()))
            .and_then(|&i| person(i))
        {
            return Ok(p);
        }
        let key = crate::io::name_key(query);
        let mut found: &[usize] = self.names.get(&key).map_or(&[], Vec::as_slice);
        if found.is_empty() {
            let short = crate::io::without_initials(&key);
            found = self.loose.get(&short).map_or(&[], Vec::as_slice);
        }
        match found {
            [] => Err(FindError::Nobody(query.to_owned())),
            [one] => person(*one).ok_or_else(|| FindError::Nobody(query.to_owned())),
            many => Err(FindError::Ambiguous(
                query.to_owned(),
                many.iter()
                    .filter_map(|&i| person(i))
                    .map(|p| {
                        let mut text = format!("{} (id {}", p.display_name(), p.id);
                        if !p.title.is_empty() {
                            text.push_str(", ");
                            text.push_str(&p.title);
                        }
                        text.push(')');
                        text
                    })
                    .collect(),
            )),
        }
    }
}

/// Why [`Org::find_person`] found nobody, or more than one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// No id or name matches.
    #[error("nobody has the id or name “{0}”")]
    Nobody(String),
    /// Several people have that name.
    #[error("“{0}” could be any of {n} people: {list}; give the id instead", n = .1.len(), list = .1.join("; "))]
    Ambiguous(String, Vec<String>),
}

/// One person, or one open position.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Unique id, referred to by managers, decisions and links.
    #[serde(default)]
    pub id: PersonId,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Job title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Team or unit name; decisions can be raised by a whole team.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    /// Who this person reports to; `None` for a top-level person.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "empty_as_none"
    )]
    pub manager: Option<PersonId>,
    /// Dotted-line (matrix, functional) managers beside the line manager: drawn dashed in the
    /// hierarchy, never a step on the chain of command.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dotted_managers: Vec<PersonId>,
    /// An open position rather than a person.
    #[serde(default, skip_serializing_if = "is_false")]
    pub vacant: bool,
    /// Someone outside this file (a manager an import named but did not list), kept so that
    /// their reports stay together.
    #[serde(default, skip_serializing_if = "is_false")]
    pub external: bool,
    /// Whether they are still here: people who have left and placeholders stay in the chart
    /// (with their reports) but hold no right and carry no load.
    #[serde(default, skip_serializing_if = "Status::is_active")]
    pub status: Status,
    /// Skills, free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// The person who holds this post, when they hold other posts too (an interim role): posts
    /// with the same holder are one person, whose loads and rights add up over them. Unset,
    /// the post's holder is nobody else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// The named holder's full-time equivalent in this post (0.6 in a job share), when the
    /// file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fte: Option<f64>,
    /// Others who hold this post with the named holder (a job share).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_holders: Vec<CoHolder>,
    /// Hours a week this post has for decisions (the queue model's capacity), when the file
    /// says; unset, the title's or the org's default ([`QueueSettings::capacity_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_hours: Option<f64>,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Somebody who holds a post together with its named holder (a job share).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CoHolder {
    /// Their name.
    #[serde(default)]
    pub name: String,
    /// Their full-time equivalent in the post, when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fte: Option<f64>,
    /// Who they are, when they hold other posts too (as [`Person::holder`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Posts counted rather than named, under the senior post they report to: one row of a UK
/// organogram's junior file (a grade and job title, with its full-time equivalent). They are
/// not people: they count in FTE, never in span of control, and hold no decision right.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JuniorPosts {
    /// The senior post (a person's id) they report to.
    #[serde(default)]
    pub reports_to: PersonId,
    /// The generic job title ("Policy Adviser").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The grade ("Grade 7", "HEO").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grade: String,
    /// The profession ("Policy", "Operational delivery").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub profession: String,
    /// The unit they work in.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    /// Full-time equivalent: 2.5 is two full-time posts and one half-time.
    #[serde(default)]
    pub fte: f64,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Names that say a name was withheld rather than give one: UK organograms write `N/D` (not
/// disclosed) for posts below the published grade. Compared as letters and digits only.
const WITHHELD_NAMES: &[&str] = &[
    "nd",
    "notdisclosed",
    "namenotdisclosed",
    "withheld",
    "redacted",
];

/// True for a name cell that withholds the name ("N/D", "Not disclosed", "Redacted").
pub fn is_withheld_name(name: &str) -> bool {
    // Asked for every label drawn, so compared without allocating; most names differ at once.
    let key = || {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    };
    name.len() < 40 && WITHHELD_NAMES.iter().any(|w| key().eq(w.chars()))
}

/// Whether a person is still in the org, as the file says.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Working here (the default).
    #[default]
    Active,
    /// Has left (a termination column, or a termination date in the past).
    Left,
    /// Stands for someone or something that is not a person of the org ("Board of
    /// Directors"), or a post that was eliminated.
    Placeholder,
    /// Away for a while (what `what-if --without` simulates): in the chart, but their
    /// decisions go on to the next person who can act.
    Away,
}

impl Status {
    /// True for [`Status::Active`].
    pub fn is_active(&self) -> bool {
        *self == Status::Active
    }

    /// The word in the team file: "active", "left", "placeholder".
    pub fn word(&self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Left => "left",
            Status::Placeholder => "placeholder",
            Status::Away => "away",
        }
    }
}

/// A kind of decision that comes up in the org, and who holds which right in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Unique id.
    #[serde(default)]
    pub id: DecisionId,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// How many times a month this decision comes up in the whole org.
    #[serde(default = "one")]
    pub per_month: f64,
    /// Team names and/or person ids that raise it; `None` means everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_by: Option<Vec<String>>,
    /// People who may make the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decides: Vec<PersonId>,
    /// People whose agreement the decision needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approves: Vec<PersonId>,
    /// People asked for input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<PersonId>,
    /// Rights held by a job title or a team, resolved for each raiser (see [`RoleRight`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRight>,
    /// Hours one person spends on one of these decisions each time it needs them (the queue
    /// model's handling time), when the file says; unset, the org's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Decision {
    /// True when the file names at least one holder of any right (decides, approves or
    /// consulted): a domain just added, or whose titles matched nobody, has none yet and is
    /// left out of the figures rather than raising alarms.
    pub fn has_rights(&self) -> bool {
        !(self.decides.is_empty()
            && self.approves.is_empty()
            && self.consulted.is_empty()
            && self.roles.is_empty())
    }
}

impl Default for Decision {
    fn default() -> Self {
        Self {
            id: DecisionId::default(),
            name: String::new(),
            per_month: 1.0,
            raised_by: None,
            decides: Vec::new(),
            approves: Vec::new(),
            consulted: Vec::new(),
            roles: Vec::new(),
            hours: None,
            extra: Extra::new(),
        }
    }
}

/// The rights a person can hold in a decision domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Right {
    /// May decide.
    Decides,
    /// Must approve.
    Approves,
    /// Is consulted.
    Consulted,
}

impl Right {
    /// The word for it.
    pub fn word(&self) -> &'static str {
        match self {
            Right::Decides => "decides",
            Right::Approves => "approves",
            Right::Consulted => "consulted",
        }
    }
}

/// What a role right names: a job title, words of a title, or a team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// Everybody with this job title (case and punctuation aside).
    Title,
    /// Everybody whose title holds these words ("head" in "Head of Year").
    TitleWords,
    /// Everybody in this team.
    Team,
}

/// A right held by a role rather than a named person: "the Production Manager approves
/// hiring". Each decision goes to the holder responsible for whoever raised it: the nearest
/// holder in the raiser's own chain of command (the raiser included), else the holders in the
/// raiser's team, else every holder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRight {
    /// What `name` is.
    pub of: RoleKind,
    /// The title, title words or team, as written.
    pub name: String,
    /// The right it gives.
    pub right: Right,
}

impl RoleRight {
    /// Whether `p` holds this role.
    pub fn held_by(&self, p: &Person) -> bool {
        self.matcher()(p)
    }

    /// A test for holding this role, with the role's own key worked out once (for a pass over
    /// everybody).
    pub fn matcher(&self) -> impl Fn(&Person) -> bool + '_ {
        let key = match self.of {
            RoleKind::TitleWords => format!(" {} ", words_of(&self.name)),
            RoleKind::Title | RoleKind::Team => role_key(&self.name),
        };
        move |p: &Person| match self.of {
            RoleKind::Title => !p.title.is_empty() && role_key(&p.title) == key,
            RoleKind::TitleWords => {
                key.trim() != "" && format!(" {} ", words_of(&p.title)).contains(&key)
            }
            RoleKind::Team => !p.team.is_empty() && role_key(&p.team) == key,
        }
    }

    /// "the Production Manager (by title)", for messages.
    pub fn describe(&self) -> String {
        match self.of {
            RoleKind::Title => format!("the {} (a job title)", self.name),
            RoleKind::TitleWords => format!("a “{}” (by title)", self.name),
            RoleKind::Team => format!("{} (a team)", self.name),
        }
    }
}

/// Lower case, letters and digits only.
fn role_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lower-case words separated by single spaces: "Head-of-Year  2" → "head of year 2".
/// Text in Unicode's composed form (NFC), so that "é" as one character and "e" followed by a
/// combining accent compare equal. ASCII and text already composed are borrowed as they are.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Characters that show as nothing (zero-width spaces and joiners, the word joiner, a stray
/// byte-order mark, the soft hyphen): two ids that differ only by these look the same.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{180e}'
    )
}

pub(crate) fn words_of(text: &str) -> String {
    let spaced: String = nfc(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A peer link between two people outside the reporting lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// One end.
    pub from: PersonId,
    /// The other end.
    pub to: PersonId,
    /// What the link is: "advice", "collaboration"…
    #[serde(default = "advice")]
    pub kind: String,
    /// How strong the link is; 1 by default.
    #[serde(default = "one")]
    pub weight: f64,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Warning thresholds a file may set; every unset one falls back to [`Thresholds::default`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdOverrides {
    /// See [`Thresholds::funnel_share`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funnel_share: Option<f64>,
    /// See [`Thresholds::wide_span`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wide_span: Option<usize>,
    /// See [`Thresholds::target_span`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_span: Option<usize>,
    /// See [`Thresholds::extra_layers`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_layers: Option<usize>,
    /// See [`Thresholds::single_holder_domains`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_holder_domains: Option<usize>,
    /// See [`Thresholds::high_hhi`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_hhi: Option<f64>,
    /// See [`Thresholds::informal_hub_share`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informal_hub_share: Option<f64>,
}

impl ThresholdOverrides {
    /// True when the file sets no threshold.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Layers `other` on top of `self`: what `other` sets wins.
    pub fn merged_with(&self, other: &Self) -> Self {
        Self {
            funnel_share: other.funnel_share.or(self.funnel_share),
            wide_span: other.wide_span.or(self.wide_span),
            target_span: other.target_span.or(self.target_span),
            extra_layers: other.extra_layers.or(self.extra_layers),
            single_holder_domains: other.single_holder_domains.or(self.single_holder_domains),
            high_hhi: other.high_hhi.or(self.high_hhi),
            informal_hub_share: other.informal_hub_share.or(self.informal_hub_share),
        }
    }

    /// The thresholds in force: these overrides over the defaults.
    pub fn resolve(&self) -> Thresholds {
        let d = Thresholds::default();
        Thresholds {
            funnel_share: self.funnel_share.unwrap_or(d.funnel_share),
            wide_span: self.wide_span.unwrap_or(d.wide_span),
            target_span: self.target_span.unwrap_or(d.target_span),
            extra_layers: self.extra_layers.unwrap_or(d.extra_layers),
            single_holder_domains: self
                .single_holder_domains
                .unwrap_or(d.single_holder_domains),
            high_hhi: self.high_hhi.unwrap_or(d.high_hhi),
            informal_hub_share: self.informal_hub_share.unwrap_or(d.informal_hub_share),
        }
    }
}

/// The warning thresholds the findings use.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Thresholds {
    /// A person handling at least this share (0–1) of all decisions in a reading is a funnel.
    pub funnel_share: f64,
    /// A manager with more direct reports than this has a wide span.
    pub wide_span: usize,
    /// The span used to work out the fewest layers the headcount needs.
    pub target_span: usize,
    /// Layers beyond that minimum before the org counts as too deep.
    pub extra_layers: usize,
    /// A sole decider counts as overloaded when they solely decide at least this many domains.
    pub single_holder_domains: usize,
    /// HHI (0–10,000) of decision authority above which it counts as highly concentrated.
    pub high_hhi: f64,
    /// A person receiving at least this share (0–1) of all incoming link weight is an informal
    /// hub.
    pub informal_hub_share: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            funnel_share: 0.30,
            wide_span: 10,
            target_span: 8,
            extra_layers: 2,
            single_holder_domains: 3,
            high_hhi: 2500.0,
            informal_hub_share: 0.2,
        }
    }
}

/// The queue model's settings a file may set (`"queue": {…}`); every unset one falls back to
/// [`QueueSettings::default`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueOverrides {
    /// See [`QueueSettings::manager_hours`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_hours: Option<f64>,
    /// See [`QueueSettings::other_hours`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_hours: Option<f64>,
    /// Hours a week for decisions by job title (as written, case and spacing aside), between a
    /// person's own `capacity_hours` and the defaults.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_title: BTreeMap<String, f64>,
    /// See [`QueueSettings::handling_hours`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_hours: Option<f64>,
    /// See [`QueueSettings::week_hours`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week_hours: Option<f64>,
    /// See [`QueueSettings::day_hours`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_hours: Option<f64>,
    /// See [`QueueSettings::arrival_cv`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival_cv: Option<f64>,
    /// See [`QueueSettings::service_cv`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_cv: Option<f64>,
}

impl QueueOverrides {
    /// True when the file sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Layers `other` on top of `self`: what `other` sets wins (titles are merged).
    pub fn merged_with(&self, other: &Self) -> Self {
        let mut by_title = self.by_title.clone();
        by_title.extend(other.by_title.iter().map(|(k, v)| (k.clone(), *v)));
        Self {
            manager_hours: other.manager_hours.or(self.manager_hours),
            other_hours: other.other_hours.or(self.other_hours),
            by_title,
            handling_hours: other.handling_hours.or(self.handling_hours),
            week_hours: other.week_hours.or(self.week_hours),
            day_hours: other.day_hours.or(self.day_hours),
            arrival_cv: other.arrival_cv.or(self.arrival_cv),
            service_cv: other.service_cv.or(self.service_cv),
        }
    }

    /// The settings in force: these over the defaults.
    pub fn resolve(&self) -> QueueSettings {
        let d = QueueSettings::default();
        QueueSettings {
            manager_hours: self.manager_hours.unwrap_or(d.manager_hours),
            other_hours: self.other_hours.unwrap_or(d.other_hours),
            by_title: self
                .by_title
                .iter()
                .map(|(k, v)| (title_key(k), *v))
                .collect(),
            handling_hours: self.handling_hours.unwrap_or(d.handling_hours),
            week_hours: self.week_hours.unwrap_or(d.week_hours),
            day_hours: self.day_hours.unwrap_or(d.day_hours),
            arrival_cv: self.arrival_cv.unwrap_or(d.arrival_cv),
            service_cv: self.service_cv.unwrap_or(d.service_cv),
        }
    }
}

/// A job title as the queue settings match it: lower case, spaces collapsed.
fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The queue model's settings in force ([`crate::analysis`]'s waits).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueueSettings {
    /// Hours a week a manager (anybody with direct reports) has for decisions: 16, 40% of a
    /// 40-hour week (McKinsey, 2019: executives spend about 40% of their time deciding).
    pub manager_hours: f64,
    /// Hours a week anybody else has for decisions: 4, a tenth of the week.
    pub other_hours: f64,
    /// Hours a week by job title (keys lower case, spaces collapsed).
    pub by_title: BTreeMap<String, f64>,
    /// Hours a decision takes each person it needs, unless its domain says: 0.5.
    pub handling_hours: f64,
    /// Working hours in a week: 40.
    pub week_hours: f64,
    /// Working hours in a day: 8 (waits are given in working days).
    pub day_hours: f64,
    /// Coefficient of variation of the time between arrivals: 1, as in a Poisson stream.
    pub arrival_cv: f64,
    /// Coefficient of variation of the handling time: 1, as in an exponential one.
    pub service_cv: f64,
}

impl Default for QueueSettings {
    fn default() -> Self {
        Self {
            manager_hours: 16.0,
            other_hours: 4.0,
            by_title: BTreeMap::new(),
            handling_hours: 0.5,
            week_hours: 40.0,
            day_hours: 8.0,
            arrival_cv: 1.0,
            service_cv: 1.0,
        }
    }
}

impl QueueSettings {
    /// Hours a week `person` has for decisions: their own `capacity_hours`, else their title's,
    /// else the manager or the everybody-else default (`manages`: they have direct reports).
    pub fn capacity_of(&self, person: &Person, manages: bool) -> f64 {
        if let Some(c) = person.capacity_hours {
            return c;
        }
        if !self.by_title.is_empty()
            && let Some(&c) = self.by_title.get(&title_key(&person.title))
        {
            return c;
        }
        if manages {
            self.manager_hours
        } else {
            self.other_hours
        }
    }

    /// Hours a decision of `d` takes each person it needs.
    pub fn handling_of(&self, d: &Decision) -> f64 {
        d.hours.unwrap_or(self.handling_hours)
    }
}

impl Org {
    /// Every person's position in `people`, by id.
    pub fn person_positions(&self) -> Map<&str, usize> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }

    /// The person with this id, if any (linear; analysis builds its own index).
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id.0 == id)
    }

    /// Who `person`'s reports go to when they leave: their manager's name, or "the top level".
    pub fn manager_name(&self, person: &Person) -> String {
        person
            .manager
            .as_ref()
            .and_then(|m| self.person(m.as_str()))
            .map_or("the top level".to_owned(), |m| m.display_name().to_owned())
    }

    /// The person a user means: their id, or else their name written either way ("Janet
    /// King", "King, Janet"; case, punctuation and initials aside). An id wins over a name.
    pub fn find_person(&self, query: &str) -> Result<&Person, FindError> {
        Finder::new(self).find(query)
    }

    /// An index of the org's people by id and name, for finding many people at once (each
    /// look-up costs the same whatever the org's size).
    pub fn finder(&self) -> Finder<'_> {
        Finder::new(self)
    }

    /// The decision domain with this id, if any (linear).
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id.0 == id)
    }

    /// The thresholds in force for this org.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds.resolve()
    }

    /// The queue model's settings in force for this org.
    pub fn queue_settings(&self) -> QueueSettings {
        self.queue.resolve()
    }
}

impl Person {
    /// A person with an id and a name and nothing else.
    pub fn new(id: &str, name: &str) -> Self {
        Self {
            id: id.into(),
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// True for someone who can take part in decisions today: not an open position, not a
    /// manager outside the file, not a placeholder and not somebody who has left.
    pub fn can_act(&self) -> bool {
        !self.vacant && !self.external && self.status.is_active()
    }

    /// True when [`Person::display_name`] is the person's name (not the post's title or an id).
    pub fn shows_name(&self) -> bool {
        !self.name.is_empty() && !is_withheld_name(&self.name)
    }

    /// The name to show: the name, or the title or id when the name is empty or withheld
    /// ("N/D": the card shows the post's title).
    pub fn display_name(&self) -> &str {
        let withheld = is_withheld_name(&self.name);
        if !self.name.is_empty() && !withheld {
            &self.name
        } else if !self.title.is_empty() {
            &self.title
        } else {
            self.id.as_str()
        }
    }
}

/// Today's date (UTC) as (year, month, day).
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 of a civil date (Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// A calendar day, as (year, month, day); prints as 2016-09-30.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32, pub u32, pub u32);

impl Date {
    /// Days since 1970-01-01 (negative before), for spacing dates on a time axis.
    pub fn day_number(&self) -> i64 {
        days_from_civil(self.0, self.1, self.2)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

/// How a column writes its dates: `(day_first, guessed)`. Day first (31/03/2016) when some
/// date can only be read that way, month first when some can only be read so (03/31/2016);
/// when every short date could be either (06/07/2016), day first, and `guessed` is true, since
/// the whole column must be read one way.
pub fn day_first<'a>(texts: impl Iterator<Item = &'a str>) -> (bool, bool) {
    let (mut month_only, mut ambiguous) = (false, false);
    for text in texts {
        let date = text.trim().split(['T', ' ']).next().unwrap_or("");
        let parts: Vec<u32> = date
            .split(['-', '/', '.'])
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [a, b, _] = parts.as_slice()
            && *a <= 31
        {
            if *a > 12 && *b <= 12 {
                return (true, false);
            }
            if *b > 12 && *a <= 12 {
                month_only = true;
            } else if *a != *b {
                ambiguous = true;
            }
        }
    }
    if month_only {
        (false, false)
    } else {
        (true, ambiguous)
    }
}

/// A date cell's numbers: a spreadsheet day number (as days from 1970-01-01), or the three
/// numbers of a written date in the order written.
enum DateCell {
    Days(i64),
    Parts(u32, u32, u32),
}

/// Reads 2016-06-16 (with or without a time), 6/16/2016, 16.06.2016, 16-06-2016 and
/// spreadsheet day numbers (42537; 20,000–80,000 is 1954–2119, counted from 1899-12-30).
fn date_cell(text: &str) -> Option<DateCell> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(serial) = text.parse::<f64>() {
        return (20_000.0..80_000.0)
            .contains(&serial)
            .then(|| DateCell::Days(days_from_civil(1899, 12, 30) + serial as i64));
    }
    let date = text.split(['T', ' ']).next().unwrap_or(text);
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| s.parse::<u32>().ok();
    Some(DateCell::Parts(num(a)?, num(b)?, num(c)?))
}

/// A date cell as a day: 2016-09-30 (with or without a time), 30/09/2016 or 09/30/2016 as
/// `day_first` says, 30.09.2016, and spreadsheet day numbers (42643). `None` for anything else.
pub fn parse_date(text: &str, day_first: bool) -> Option<Date> {
    let (a, b, c) = match date_cell(text)? {
        DateCell::Days(days) => {
            let (y, m, d) = civil_from_days(days);
            return Some(Date(y, m, d));
        }
        DateCell::Parts(a, b, c) => (a, b, c),
    };
    let (y, m, d) = if a > 31 {
        (a, b, c)
    } else {
        let y = if c < 100 { 2000 + c } else { c };
        if day_first { (y, b, a) } else { (y, a, b) }
    };
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d) && y > 0;
    valid.then(|| Date(i32::try_from(y).unwrap_or(i32::MAX), m, d))
}

/// Whether a date cell is before `today`: `Some(true)` when it is under every reading of it
/// (6/7/2016 may be June or July), `Some(false)` when it is not, `None` when it is no date.
/// Reads what [`parse_date`] reads.
pub fn parse_past_date(text: &str, today: (i32, u32, u32)) -> Option<bool> {
    let now = days_from_civil(today.0, today.1, today.2);
    let (a, b, c) = match date_cell(text)? {
        DateCell::Days(days) => return Some(days < now),
        DateCell::Parts(a, b, c) => (a, b, c),
    };
    let valid = |y: u32, m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d) && y > 0;
    let year = |y: u32| if y < 100 { 2000 + y } else { y };
    let mut readings = Vec::new();
    if a > 31 {
        if valid(a, b, c) {
            readings.push((a, b, c));
        }
    } else {
        let y = year(c);
        if valid(y, a, b) {
            readings.push((y, a, b));
        }
        if valid(y, b, a) {
            readings.push((y, b, a));
        }
    }
    if readings.is_empty() {
        return None;
    }
    Some(
        readings
            .iter()
            .all(|&(y, m, d)| days_from_civil(y as i32, m, d) < now),
    )
}

fn one() -> f64 {
    1.0
}

fn advice() -> String {
    "advice".to_owned()
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn empty_as_none<'de, D>(deserializer: D) -> Result<Option<PersonId>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value: Option<String> = Option::deserialize(deserializer)?;
    Ok(value.filter(|s| !s.trim().is_empty()).map(PersonId))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_dates_is_read_one_way() {
        let texts = ["06/07/2016", "31/03/2016"];
        assert_eq!(day_first(texts.iter().copied()), (true, false));
        let texts = ["06/07/2016", "03/31/2016"];
        assert_eq!(day_first(texts.iter().copied()), (false, false));
        assert_eq!(day_first(["06/07/2016"].iter().copied()), (true, true));
        assert_eq!(day_first(["2016-07-06"].iter().copied()), (true, false));
        assert_eq!(parse_date("06/07/2016", true), Some(Date(2016, 7, 6)));
        assert_eq!(parse_date("06/07/2016", false), Some(Date(2016, 6, 7)));
        assert_eq!(
            parse_date("2016-09-30T00:00:00", true),
            Some(Date(2016, 9, 30))
        );
        assert_eq!(parse_date("42643", true), Some(Date(2016, 9, 30)));
        assert_eq!(parse_date("31/13/2016", true), None);
        assert_eq!(parse_date("soon", true), None);
        assert_eq!(Date(2016, 9, 30).to_string(), "2016-09-30");
    }

    #[test]
    fn withheld_names_are_told_from_names() {
        for name in ["N/D", "n/d", "Not disclosed", "REDACTED"] {
            assert!(is_withheld_name(name), "{name}");
        }
        for name in ["Nd Okafor", "Ned", "", "Andrea"] {
            assert!(!is_withheld_name(name), "{name}");
        }
    }
}
