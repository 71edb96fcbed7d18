//! The analysis: structure, decision routing in both readings, concentration, who holds the
//! org together, and the findings. Pure functions of the org; the output is deterministic.

pub mod calibration;
mod concentration;
mod findings;
mod holders;
mod network;
pub mod queue;
mod report;
mod roles;
mod routing;
pub mod structure;

pub use concentration::{
    Authority, BUS_FACTOR_SMALL, BUS_FACTOR_WORK, BusFactor, Spread, bus_factor, decide_weights,
};
pub use findings::{
    Finding, FindingGroup, FindingKind, GROUP_FROM, Severity, findings, group_findings, trim_number,
};
pub use holders::{HeldPost, HolderFigures, Holders};
pub use network::{BetweennessMethod, EXACT_BETWEENNESS_WORK, NetworkFigures, Sought};
pub use queue::{BUSY, Queue, WEEKS_PER_MONTH, WaitFigures, wait_line, wait_sentence};
pub use report::{percent, text_report, thousands};
pub use roles::RoleIndex;
pub use routing::{Routing, route};
pub use structure::{Hierarchy, SpanStats, Structure, min_layers};

use crate::model::{Org, QueueSettings, Right, Thresholds};
use serde::Serialize;

/// Everything orgflow measures about one org.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// The org's name.
    pub name: String,
    /// Number of people (open positions included).
    pub people: usize,
    /// Who of them can act, who left, who is a placeholder or outside the file.
    pub headcount: Headcount,
    /// Junior posts counted under the senior posts, when the org has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub junior: Option<JuniorFigures>,
    /// Ids of the top-level people.
    pub roots: Vec<String>,
    /// 1 + the deepest level.
    pub layers: usize,
    /// The widest span of control, if anybody manages anyone.
    pub max_span: Option<MaxSpan>,
    /// The formal structure's figures.
    pub structure: Structure,
    /// Decisions per month raised in the whole org.
    pub decisions_per_month: f64,
    /// Figures of each reading, side by side.
    pub readings: Readings,
    /// Concentration of authority and of load.
    pub concentration: Concentration,
    /// Ids of the people whose absence would split the org (reporting lines and peer links).
    pub articulation_points: Vec<String>,
    /// How the betweenness of the peer-link network was computed (exact, or from a sample of
    /// sources on a large network); `None` without links.
    pub betweenness: Option<network::BetweennessMethod>,
    /// The informal network (who people go to), when the org has links.
    pub network: Option<network::NetworkFigures>,
    /// Per post, in file order (a post with one holder is that person). Written as JSON by
    /// [`Analysis::json`], beside who each person is.
    #[serde(skip)]
    pub persons: Vec<PersonFigures>,
    /// The people counted apart from a post: holders of several posts, and of a share of one
    /// (a job share), in file order of their first post. Empty in the usual file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<HolderFigures>,
    /// How many people hold the posts, when that may differ from the posts (job shares, people
    /// in several posts); `None` in the usual file, where every post is one person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people_holding: Option<PeopleHolding>,
    /// Per decision domain, in file order.
    pub domains: Vec<DomainFigures>,
    /// The warnings, most severe first.
    pub findings: Vec<Finding>,
    /// The thresholds the findings used.
    pub thresholds: Thresholds,
    /// The queue model's settings the waits used.
    pub queue: QueueSettings,
}

/// How the people differ from the posts: counted once per analysis, for the headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PeopleHolding {
    /// People holding the posts that are not open.
    pub people: usize,
    /// Posts with more than one holder (job shares).
    pub shared_posts: usize,
    /// People holding more than one post.
    pub in_several_posts: usize,
}

/// Posts counted rather than named (a UK organogram's junior file), in the whole org.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JuniorFigures {
    /// Rows of junior posts (one grade and title under one senior post each).
    pub rows: usize,
    /// Their full-time equivalents.
    pub fte: f64,
    /// Senior posts with junior posts reporting to them.
    pub senior_posts: usize,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes the field by reference
fn is_zero_count(n: &usize) -> bool {
    *n == 0
}

/// Who is in the org and who can take part in decisions.
impl Analysis {
    /// The headline count: "12 people", or with junior posts "233 senior posts: 226 active,
    /// 7 open positions; 1,785.3 FTE in junior posts below them".
    pub fn headcount_sentence(&self) -> String {
        // With job shares or people in several posts, rows are posts and the people differ.
        let (one, many) = match (&self.junior, self.people_holding.is_some()) {
            (Some(_), _) => ("senior post", "senior posts"),
            (None, true) => ("post", "posts"),
            (None, false) => ("person", "people"),
        };
        let mut out = self.headcount.sentence_of(one, many);
        if let Some(held) = self.people_holding {
            let mut why = Vec::new();
            if held.shared_posts > 0 {
                why.push(format!(
                    "{} shared by several holders",
                    crate::format::count(held.shared_posts, "post", "posts")
                ));
            }
            if held.in_several_posts > 0 {
                why.push(format!(
                    "{} in several posts",
                    crate::format::count(held.in_several_posts, "person", "people")
                ));
            }
            out.push_str(&format!(
                "; held by {}",
                crate::format::count(held.people, "person", "people")
            ));
            if !why.is_empty() {
                out.push_str(&format!(" ({})", why.join(", ")));
            }
        }
        if let Some(j) = &self.junior {
            out.push_str(&format!(
                "; {} FTE in junior posts below them",
                crate::format::fte(j.fte)
            ));
        }
        out
    }

    /// A copy without the per-person figures (the largest part), for building another
    /// analysis from some of them.
    pub fn clone_without_persons(&self) -> Self {
        Self {
            name: self.name.clone(),
            people: self.people,
            headcount: self.headcount.clone(),
            junior: self.junior.clone(),
            roots: self.roots.clone(),
            layers: self.layers,
            max_span: self.max_span.clone(),
            structure: self.structure.clone(),
            decisions_per_month: self.decisions_per_month,
            readings: self.readings.clone(),
            concentration: self.concentration.clone(),
            articulation_points: self.articulation_points.clone(),
            betweenness: self.betweenness,
            network: self.network.clone(),
            persons: Vec::new(),
            holders: self.holders.clone(),
            people_holding: self.people_holding,
            domains: self.domains.clone(),
            findings: self.findings.clone(),
            thresholds: self.thresholds,
            queue: self.queue.clone(),
        }
    }
}

/// Who the headcount counts: the rows of the file and, of those, who can act, who left, who is
/// away and which posts are open; and the managers the file names without listing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Headcount {
    /// Rows of the file: everybody but the managers it names without listing.
    pub in_file: usize,
    /// Of those, people who can act.
    pub active: usize,
    /// People who have left.
    pub left: usize,
    /// Placeholders and eliminated posts.
    pub placeholders: usize,
    /// People away (a simulated absence).
    pub away: usize,
    /// Open positions.
    pub open: usize,
    /// Managers the file names but does not list.
    pub outside: usize,
}

impl Headcount {
    /// Counts the people of `org`.
    pub fn of(org: &Org) -> Self {
        let mut c = Self::default();
        for p in &org.people {
            if p.external {
                c.outside += 1;
                continue;
            }
            c.in_file += 1;
            if p.vacant {
                c.open += 1;
            } else {
                match p.status {
                    crate::model::Status::Active => c.active += 1,
                    crate::model::Status::Left => c.left += 1,
                    crate::model::Status::Placeholder => c.placeholders += 1,
                    crate::model::Status::Away => c.away += 1,
                }
            }
        }
        c
    }

    /// "311 people: 207 active, 104 who left; 5 managers not in this file". Only the parts
    /// that apply; "12 people" alone when everybody can act.
    pub fn sentence(&self) -> String {
        self.sentence_of("person", "people")
    }

    /// [`Headcount::sentence`] counting rows as `one`/`many` ("senior post", "senior posts").
    pub fn sentence_of(&self, one_row: &str, many_rows: &str) -> String {
        let counted = |n: usize, one: &str, many: &str| {
            format!(
                "{} {}",
                thousands(n as f64),
                if n == 1 { one } else { many }
            )
        };
        let mut parts = Vec::new();
        if self.left + self.placeholders + self.open + self.away > 0 {
            parts.push(format!("{} active", thousands(self.active as f64)));
        }
        for (n, one, many) in [
            (self.left, "who left", "who left"),
            (self.away, "away", "away"),
            (self.placeholders, "placeholder", "placeholders"),
            (self.open, "open position", "open positions"),
        ] {
            if n > 0 {
                parts.push(counted(n, one, many));
            }
        }
        let mut out = counted(self.in_file, one_row, many_rows);
        if !parts.is_empty() {
            out.push_str(": ");
            out.push_str(&parts.join(", "));
        }
        if self.outside > 0 {
            out.push_str("; ");
            out.push_str(&counted(self.outside, "manager", "managers"));
            out.push_str(" not in this file");
        }
        out
    }
}

/// The manager with the most direct reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MaxSpan {
    /// Their id.
    pub id: String,
    /// How many direct reports.
    pub count: usize,
}

/// The headline figures of both readings.
#[derive(Clone, Debug, Serialize)]
pub struct Readings {
    /// Decisions climb the chain of command.
    pub hierarchical: ReadingFigures,
    /// Decisions go straight to whoever holds the right.
    pub distributed: ReadingFigures,
    /// Decisions climb the dotted lines, when the org has any that can be climbed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matrix: Option<MatrixReading>,
}

/// The matrix reading: the hierarchical reading on the tree where everybody with a dotted-line
/// manager reports to them instead ([`Hierarchy::matrix`]). A matrix org lies between the two:
/// every decision on the solid line, or every one on the dotted line.
#[derive(Clone, Debug, Serialize)]
pub struct MatrixReading {
    /// The reading's headline figures.
    #[serde(flatten)]
    pub figures: ReadingFigures,
    /// People read as reporting to their dotted-line manager.
    pub people_moved: usize,
    /// People whose every dotted line points at somebody below them (or would close a loop),
    /// so they keep their line manager in this reading.
    pub passed_over: usize,
}

/// The headline figures of one reading.
#[derive(Clone, Debug, Serialize)]
pub struct ReadingFigures {
    /// Mean number of hand-offs a decision takes to reach its decider and approvers.
    pub mean_hops: f64,
    /// Spread of the load over people.
    pub load: Spread,
    /// The person with the largest share of all decisions, by id (somebody in several posts is
    /// counted once over all of them, by their first post's id).
    pub top: Option<String>,
    /// Share (0–1) of all decisions the top person handles.
    pub top_share: f64,
    /// How long decisions wait in this reading ([`queue`]).
    #[serde(flatten)]
    pub wait: WaitFigures,
}

/// Concentration of decision authority and of decision load.
#[derive(Clone, Debug, Serialize)]
pub struct Concentration {
    /// Of the right to decide.
    pub authority: Authority,
}

/// One person's load in one reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Load {
    /// Decisions per month, raised by somebody else, that need them at least once on their
    /// route: passing through on the climb, deciding or approving. A decision that reaches
    /// them twice counts once.
    pub load: f64,
    /// That load as a share (0–1) of all decisions raised per month: never above 1.
    pub share: f64,
    /// Their queue in this reading: utilisation, wait, backlog ([`queue`]); `None` for
    /// somebody counted over several posts, whose queue is not modelled.
    #[serde(flatten)]
    pub queue: Option<Queue>,
}

/// The analysis as `analyze --json` writes it: its figures, each person's figures beside who
/// they are (title, team, open post, outside the org; kept out of [`PersonFigures`], which the
/// window holds for every person), and whatever else the caller adds (`extra`, e.g. the
/// import's notes). Serialized straight to the writer: no tree of values in memory.
pub struct AnalysisJson<'a, E: Serialize> {
    analysis: &'a Analysis,
    org: &'a Org,
    extra: E,
}

impl Analysis {
    /// The figures of the person (post) with this id (linear).
    pub fn person_figures(&self, id: &str) -> Option<&PersonFigures> {
        self.persons.iter().find(|p| p.id == id)
    }

    /// The display name of the person with this id, or the id (linear).
    pub fn display_name_of(&self, id: &str) -> String {
        self.person_figures(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    /// The analysis of `org` as JSON, with `extra`'s fields added at the top level.
    pub fn json<'a, E: Serialize>(&'a self, org: &'a Org, extra: E) -> AnalysisJson<'a, E> {
        AnalysisJson {
            analysis: self,
            org,
            extra,
        }
    }
}

impl<E: Serialize> Serialize for AnalysisJson<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// One person's figures and who they are.
        #[derive(Serialize)]
        struct PersonJson<'a> {
            #[serde(flatten)]
            figures: &'a PersonFigures,
            title: &'a str,
            team: &'a str,
            vacant: bool,
            external: bool,
        }
        /// Every person, streamed.
        struct Persons<'a>(&'a [PersonFigures], &'a [crate::model::Person]);
        impl Serialize for Persons<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeSeq;
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for (figures, person) in self.0.iter().zip(self.1) {
                    seq.serialize_element(&PersonJson {
                        figures,
                        title: &person.title,
                        team: &person.team,
                        vacant: person.vacant,
                        external: person.external,
                    })?;
                }
                seq.end()
            }
        }
        #[derive(Serialize)]
        struct Whole<'a, E: Serialize> {
            #[serde(flatten)]
            analysis: &'a Analysis,
            persons: Persons<'a>,
            #[serde(flatten)]
            extra: &'a E,
        }
        Whole {
            analysis: self.analysis,
            persons: Persons(&self.analysis.persons, &self.org.people),
            extra: &self.extra,
        }
        .serialize(serializer)
    }
}

/// The figures of one person.
#[derive(Clone, Debug, Serialize)]
pub struct PersonFigures {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their manager's id.
    pub manager: Option<String>,
    /// Whether they can take part in decisions: not somebody who left, a placeholder, an
    /// open position or a manager outside the file. Those who cannot carry no load.
    pub can_act: bool,
    /// "active", "left", "placeholder", "open" (a vacancy) or "outside" (not in this file).
    pub status: &'static str,
    /// Number of direct reports.
    pub direct_reports: usize,
    /// Number of people below them.
    pub total_reports: usize,
    /// Ids of their dotted-line (matrix) managers, beside the line manager.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dotted_managers: Vec<String>,
    /// How many people have them as a dotted-line manager.
    #[serde(skip_serializing_if = "is_zero_count")]
    pub dotted_reports: usize,
    /// Full-time equivalents of the junior posts that report to them directly (a UK
    /// organogram's junior file); not people, so not in their direct reports.
    #[serde(skip_serializing_if = "is_zero")]
    pub junior_fte: f64,
    /// Full-time equivalents of the junior posts anywhere below them, their own included.
    #[serde(skip_serializing_if = "is_zero")]
    pub junior_fte_below: f64,
    /// Levels below the top (0 for a top-level person).
    pub level: usize,
    /// Load when decisions climb the reporting lines.
    pub hierarchical: Load,
    /// Load when decisions go straight to the holder of the right.
    pub distributed: Load,
    /// Load when decisions climb the dotted lines (the matrix reading), when the org has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Load>,
    /// Decisions per month crossing the line to their manager (hierarchical reading).
    pub line_to_manager: f64,
    /// Ids of the domains they may decide.
    pub decides: Vec<String>,
    /// Ids of the domains they must approve.
    pub approves: Vec<String>,
    /// Ids of the domains where they are consulted.
    pub consulted: Vec<String>,
    /// Ids of the domains only they may decide.
    pub sole_decider_of: Vec<String>,
    /// Normalised betweenness in the peer-link network, when they have links.
    pub betweenness: Option<f64>,
    /// Weight of the links that come to them (people seeking them out).
    pub links_in: f64,
    /// Weight of the links they make.
    pub links_out: f64,
    /// Their share of all incoming link weight (0–1).
    pub links_in_share: f64,
    /// How many different people seek them.
    pub sought_by: usize,
    /// Whether their absence splits the peer-link network alone.
    pub link_articulation_point: bool,
    /// Whether their absence would split the org.
    pub articulation_point: bool,
    /// What a decision log shows for the decisions they took, when one was read
    /// (`analyze --log`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Box<calibration::Observed>>,
}

/// The figures of one decision domain.
#[derive(Clone, Debug, Serialize)]
pub struct DomainFigures {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How often it comes up per month.
    pub per_month: f64,
    /// Whether the file names anybody for it yet; a domain without rights is left out of every
    /// figure.
    pub has_rights: bool,
    /// How many people who can act may decide it.
    pub deciders: usize,
    /// How many people who can act must approve it.
    pub approvers: usize,
    /// Hours one of its decisions takes each person it needs.
    pub hours: f64,
    /// Working days one of its decisions waits on its route, in each reading; `None` when it
    /// is not routed (no rights, no rate, nobody raises it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_days: Option<DomainWaits>,
    /// Working days from raised to decided in each reading: the waits plus the handling at
    /// everybody on the route (each of them spends `hours`, stretched by the share of their
    /// week they have for decisions). What a decision log measures; `None` as `wait_days`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_decision_days: Option<DomainWaits>,
    /// What a decision log shows for it, when one was read (`analyze --log`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Box<calibration::Observed>>,
}

/// A domain's wait in each reading, in working days; `None` (JSON `null`) where its route
/// reaches a queue that grows without end.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DomainWaits {
    /// Climbing the reporting lines.
    pub hierarchical: Option<f64>,
    /// Straight to the holder.
    pub distributed: Option<f64>,
}

/// A person's status as one word for reports and JSON.
pub fn status_word(p: &crate::model::Person) -> &'static str {
    if p.external {
        "outside"
    } else if p.vacant {
        "open"
    } else {
        p.status.word()
    }
}

/// Analyses `org` with its own thresholds.
pub fn analyze(org: &Org) -> Analysis {
    analyze_with(org, &org.thresholds())
}

/// Analyses `org` with the given thresholds.
pub fn analyze_with(org: &Org, thresholds: &Thresholds) -> Analysis {
    let h = Hierarchy::new(org);
    let structure = Structure::new(org, &h, thresholds.target_span);
    let acts: Vec<bool> = org.people.iter().map(|p| p.can_act()).collect();
    let acting = h.acting(org);
    let rh = acting.as_ref().unwrap_or(&h);
    let mut roles = RoleIndex::new(org, rh, &acts);
    let routing = routing::route_with(org, rh, &acts, &mut roles);
    // The matrix reading: the same routing on the tree with the dotted lines taken.
    let matrix_tree = h.matrix(org);
    let matrix_acting = matrix_tree.as_ref().map(|(mh, _, _)| mh.acting(org));
    let mrh: Option<&Hierarchy<'_>> = match (&matrix_tree, &matrix_acting) {
        (Some((mh, _, _)), Some(acting)) => Some(acting.as_ref().unwrap_or(mh)),
        _ => None,
    };
    let mut mroles = mrh.map(|t| RoleIndex::new(org, t, &acts));
    let matrix = match (mrh, mroles.as_mut(), &matrix_tree) {
        (Some(t), Some(r), Some((_, moved, passed))) => {
            Some((routing::route_with(org, t, &acts, r), *moved, *passed))
        }
        _ => None,
    };
    // Every person a queue in each reading, and each domain's wait along its route.
    let settings = org.queue_settings();
    let queue::Queues {
        capacity: _,
        hierarchical: queue_h,
        distributed: queue_d,
        matrix: queue_m,
        domain_waits,
        route_hours,
    } = queue::Queues::of(org, &h, &routing, matrix.as_ref().map(|(m, _, _)| m));
    let wait_of = |q: &[Queue]| -> Vec<Option<f64>> { q.iter().map(|q| q.wait_days).collect() };
    let total_reports = h.total_reports();
    let ends = network::link_ends(org, &h);
    let articulation = network::articulation_points(&h, &ends);
    let betweenness = network::link_betweenness(&h, &ends);
    let (link_loads, network_figures) = network::link_figures(org, &h, &ends, &total_reports);
    let link_total: f64 = link_loads.links_in.iter().sum();
    let mut link_articulation = vec![false; org.people.len()];
    if network_figures.is_some() {
        for p in network::link_articulation_points(&h, &ends) {
            if let Some(slot) = link_articulation.get_mut(p as usize) {
                *slot = true;
            }
        }
    }

    let n = org.people.len();
    let mut decides = vec![Vec::new(); n];
    let mut approves = vec![Vec::new(); n];
    let mut consulted = vec![Vec::new(); n];
    let mut sole = vec![Vec::new(); n];
    for d in &org.decisions {
        if !d.has_rights() {
            continue;
        }
        for (lists, ids, right) in [
            (&mut decides, &d.decides, Right::Decides),
            (&mut approves, &d.approves, Right::Approves),
            (&mut consulted, &d.consulted, Right::Consulted),
        ] {
            let mut holders: Vec<u32> = ids
                .iter()
                .filter_map(|id| h.index.get(id.as_str()).copied())
                .collect();
            holders.extend(roles.holders_of(d, right));
            holders.sort_unstable();
            holders.dedup();
            for p in holders {
                lists[p as usize].push(d.id.0.clone());
            }
        }
        if let [p] = concentration::holders(d, Right::Decides, &h.index, &acts, &roles).as_slice() {
            sole[*p as usize].push(d.id.0.clone());
        }
    }

    let total = routing.total_per_month;
    let share = |load: f64| if total > 0.0 { load / total } else { 0.0 };
    // Posts and people: job shares and people in several posts, counted per person.
    let post_holders = holders::Holders::of(org);
    let holder_figures = post_holders.as_ref().map(|ph| {
        let main = holders::ReadingInput {
            tree: rh,
            roles: &mut roles,
            loads: (&routing.hierarchical, &routing.distributed),
        };
        let matrix_input = match (mrh, mroles.as_mut(), &matrix) {
            (Some(t), Some(r), Some((m, _, _))) => Some(holders::ReadingInput {
                tree: t,
                roles: r,
                loads: (&m.hierarchical, &m.hierarchical),
            }),
            _ => None,
        };
        holders::holder_figures(
            org,
            ph,
            &acts,
            total,
            main,
            matrix_input,
            (&decides, &approves),
        )
    });
    // Junior posts: their FTE on the senior post they report to, then summed up the tree.
    let mut junior_fte = vec![0.0; n];
    for g in &org.junior_posts {
        if let Some(&i) = h.index.get(g.reports_to.as_str()) {
            junior_fte[i as usize] += g.fte;
        }
    }
    let mut junior_below = junior_fte.clone();
    for &v in h.order.iter().rev() {
        let p = h.parent[v as usize];
        if p != crate::model::NONE {
            junior_below[p as usize] += junior_below[v as usize];
        }
    }
    let junior = (!org.junior_posts.is_empty()).then(|| JuniorFigures {
        rows: org.junior_posts.len(),
        fte: org.junior_posts.iter().map(|g| g.fte).sum(),
        senior_posts: junior_fte.iter().filter(|&&f| f > 0.0).count(),
    });
    // Dotted lines: who answers to each person outside the chain of command.
    let mut dotted_reports = vec![0usize; n];
    for p in &org.people {
        for m in &p.dotted_managers {
            if let Some(&i) = h.index.get(m.as_str())
                && let Some(slot) = dotted_reports.get_mut(i as usize)
            {
                *slot += 1;
            }
        }
    }
    let mut is_articulation = vec![false; n];
    for &p in &articulation {
        is_articulation[p as usize] = true;
    }
    let persons: Vec<PersonFigures> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| PersonFigures {
            id: p.id.0.clone(),
            name: p.display_name().to_owned(),
            manager: p.manager.as_ref().map(|m| m.0.clone()),
            can_act: acts[i],
            status: status_word(p),
            direct_reports: h.span(i as u32),
            total_reports: total_reports[i] as usize,
            dotted_managers: p.dotted_managers.iter().map(|m| m.0.clone()).collect(),
            dotted_reports: dotted_reports[i],
            junior_fte: junior_fte[i],
            junior_fte_below: junior_below[i],
            level: h.depth[i] as usize,
            hierarchical: Load {
                load: routing.hierarchical[i],
                share: share(routing.hierarchical[i]),
                queue: Some(queue_h[i]),
            },
            distributed: Load {
                load: routing.distributed[i],
                share: share(routing.distributed[i]),
                queue: Some(queue_d[i]),
            },
            matrix: matrix.as_ref().map(|(m, _, _)| Load {
                load: m.hierarchical[i],
                share: share(m.hierarchical[i]),
                queue: queue_m.as_ref().map(|q| q[i]),
            }),
            line_to_manager: routing.line_to_manager[i],
            decides: std::mem::take(&mut decides[i]),
            approves: std::mem::take(&mut approves[i]),
            consulted: std::mem::take(&mut consulted[i]),
            sole_decider_of: std::mem::take(&mut sole[i]),
            betweenness: betweenness
                .as_ref()
                .and_then(|(b, _)| b.get(i).copied().flatten()),
            links_in: link_loads.links_in[i],
            links_out: link_loads.links_out[i],
            links_in_share: if link_total > 0.0 {
                link_loads.links_in[i] / link_total
            } else {
                0.0
            },
            sought_by: link_loads.sought_by[i],
            link_articulation_point: link_articulation[i],
            articulation_point: is_articulation[i],
            observed: None,
        })
        .collect();

    let id_of = |i: usize| org.people[i].id.0.clone();
    let rated = |hierarchical: bool| -> Vec<(f64, Option<f64>)> {
        domain_waits
            .iter()
            .flatten()
            .map(|(rate, w)| (*rate, if hierarchical { w.0 } else { w.1 }))
            .collect()
    };
    let wait_h = WaitFigures::of(&rated(true), &queue_h, &routing.hierarchical, id_of);
    let wait_d = WaitFigures::of(&rated(false), &queue_d, &routing.distributed, id_of);
    let reading = |loads: &[f64], hops: f64, wait: WaitFigures| {
        let spread = Spread::of(org, loads);
        let top_load = spread
            .top
            .as_ref()
            .and_then(|id| h.index.get(id.as_str()))
            .map_or(0.0, |&i| loads[i as usize]);
        ReadingFigures {
            mean_hops: if total > 0.0 { hops / total } else { 0.0 },
            top: spread.top.clone(),
            top_share: share(top_load),
            load: spread,
            wait,
        }
    };
    let readings = Readings {
        hierarchical: reading(&routing.hierarchical, routing.hierarchical_hops, wait_h),
        distributed: reading(&routing.distributed, routing.distributed_hops, wait_d),
        matrix: matrix.as_ref().map(|(m, moved, passed)| MatrixReading {
            figures: reading(
                &m.hierarchical,
                m.hierarchical_hops,
                match &queue_m {
                    Some(q) => {
                        let waits = m.routes.waits(&wait_of(q), &wait_of(q));
                        let rated: Vec<(f64, Option<f64>)> =
                            waits.iter().flatten().map(|(r, w)| (*r, w.0)).collect();
                        WaitFigures::of(&rated, q, &m.hierarchical, id_of)
                    }
                    None => WaitFigures::default(),
                },
            ),
            people_moved: *moved,
            passed_over: *passed,
        }),
    };

    let max_span = persons
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (p.direct_reports, std::cmp::Reverse(*i)))
        .filter(|(_, p)| p.direct_reports > 0)
        .map(|(_, p)| MaxSpan {
            id: p.id.clone(),
            count: p.direct_reports,
        });

    let count_acting = |d: &crate::model::Decision, right: Right| {
        concentration::holders(d, right, &h.index, &acts, &roles).len()
    };
    let mut analysis =
        Analysis {
            name: org.name.clone(),
            people: n,
            headcount: Headcount::of(org),
            junior,
            roots: h
                .roots
                .iter()
                .map(|&r| org.people[r as usize].id.0.clone())
                .collect(),
            layers: structure.layers,
            max_span,
            structure,
            decisions_per_month: total,
            readings,
            concentration: Concentration {
                authority: Authority::new(org, &h.index, &acts, &roles, post_holders.as_ref()),
            },
            articulation_points: articulation
                .iter()
                .map(|&p| org.people[p as usize].id.0.clone())
                .collect(),
            betweenness: betweenness.as_ref().map(|(_, method)| *method),
            network: network_figures,
            persons,
            holders: holder_figures.unwrap_or_default(),
            people_holding: post_holders.as_ref().map(|h| PeopleHolding {
                people: h.people.len(),
                shared_posts: h.of_post.iter().filter(|list| list.len() > 1).count(),
                in_several_posts: h.people.iter().filter(|x| x.posts.len() > 1).count(),
            }),
            domains: org
                .decisions
                .iter()
                .enumerate()
                .map(|(k, d)| DomainFigures {
                    id: d.id.0.clone(),
                    name: d.name.clone(),
                    per_month: d.per_month,
                    has_rights: d.has_rights(),
                    deciders: count_acting(d, Right::Decides),
                    approvers: count_acting(d, Right::Approves),
                    hours: settings.handling_of(d),
                    wait_days: domain_waits.get(k).copied().flatten().map(|(_, (h, d))| {
                        DomainWaits {
                            hierarchical: h,
                            distributed: d,
                        }
                    }),
                    time_to_decision_days: domain_waits.get(k).copied().flatten().map(
                        |(_, (wh, wd))| {
                            let hours = settings.handling_of(d);
                            let (hh, hd) = route_hours
                                .get(k)
                                .copied()
                                .flatten()
                                .map_or((Some(0.0), Some(0.0)), |(_, x)| x);
                            let plus = |w: Option<f64>, x: Option<f64>| Some(w? + hours * x?);
                            DomainWaits {
                                hierarchical: plus(wh, hh),
                                distributed: plus(wd, hd),
                            }
                        },
                    ),
                    observed: None,
                })
                .collect(),
            findings: Vec::new(),
            thresholds: *thresholds,
            queue: settings.clone(),
        };
    if !analysis.holders.is_empty() {
        holders::people_tops(&mut analysis);
    }
    analysis.findings = findings(org, &h, &analysis, thresholds);
    analysis
}
