//! The org as the user sees it: people, reporting lines, decision domains and peer links.
//!
//! Ids are the user's own strings; graph indices never leave the code that builds them.

mod validate;

pub use validate::{
    MAX_PER_MONTH, MAX_WEIGHT, Problem, THRESHOLD_RANGES, check_thresholds, cycle_message, cycles,
    person_index, thousands, validate,
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
    /// Warning thresholds set for this org; unset ones use the defaults.
    #[serde(default, skip_serializing_if = "ThresholdOverrides::is_empty")]
    pub thresholds: ThresholdOverrides,
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
            thresholds: ThresholdOverrides::default(),
            extra: Extra::new(),
        }
    }
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
    /// An open position rather than a person.
    #[serde(default, skip_serializing_if = "is_false")]
    pub vacant: bool,
    /// Someone outside this file (a manager an import named but did not list), kept so that
    /// their reports stay together.
    #[serde(default, skip_serializing_if = "is_false")]
    pub external: bool,
    /// Skills, free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Extra,
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
            extra: Extra::new(),
        }
    }
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

impl Org {
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

    /// The decision domain with this id, if any (linear).
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id.0 == id)
    }

    /// The thresholds in force for this org.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds.resolve()
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

    /// The name to show: the name, or the title or id when the name is empty.
    pub fn display_name(&self) -> &str {
        if !self.name.is_empty() {
            &self.name
        } else if !self.title.is_empty() {
            &self.title
        } else {
            self.id.as_str()
        }
    }
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
