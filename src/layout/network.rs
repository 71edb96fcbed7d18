//! The distributed view: decision domains in the middle, the people who hold rights in them
//! around, and everybody else grouped by team on the outside. Deterministic: no simulation.

use super::{Point, Rect};
use crate::analysis::Analysis;
use crate::model::Org;
use std::collections::{BTreeMap, HashMap};
use std::f32::consts::TAU;

/// What a node of the network stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A decision domain (index into `org.decisions`).
    Domain(u32),
    /// A person who holds a right or has a peer link (index into `org.people`).
    Person(u32),
    /// The people of a team who hold no right and have no link, as one node.
    Group {
        /// The team's name (empty for people without a team).
        team: String,
        /// How many people.
        count: u32,
    },
}

/// How a person is tied to a domain or to another person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tie {
    /// May make the decision.
    Decides,
    /// Must agree to it.
    Approves,
    /// Is asked for input.
    Consulted,
    /// A peer link between two people.
    Peer,
    /// Many links between two nodes (teams, or a person and a team), as one band.
    Band,
}

/// Above this many people with links but no right, links are drawn between teams: the most
/// sought of those people keep a node of their own, everybody else joins their team's node.
pub const MAX_LINKED_SHOWN: usize = 300;
/// How many of the most sought stay on their own when links are drawn between teams.
const SOUGHT_SHOWN: usize = 40;
/// When links are drawn between teams, only this many of the heaviest bands and of the heaviest
/// links between people shown on their own are drawn: the rest would only thicken the blur.
const MAX_BANDS: usize = 120;

/// Which ties the network view draws: the decision rights, the informal links (who seeks whom),
/// or both.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum NetworkReading {
    /// Domains and the people who hold rights in them.
    #[default]
    Decisions,
    /// The links between people, sized and coloured by who people go to.
    Links,
    /// Both at once.
    Both,
}

impl NetworkReading {
    /// What the switch says.
    pub fn label(self) -> &'static str {
        match self {
            Self::Decisions => "Decisions",
            Self::Links => "Who people go to",
            Self::Both => "Both",
        }
    }

    /// The reading an org is shown in unless the user picks one: both when it has rights and
    /// links, else whichever it has.
    pub fn default_for(org: &Org) -> Self {
        match (org.decisions.is_empty(), org.links.is_empty()) {
            (true, false) => Self::Links,
            (false, false) => Self::Both,
            _ => Self::Decisions,
        }
    }

    /// `self` where the org has what it draws, else the org's default: a choice of links
    /// in an org without links falls back to its decisions.
    pub fn for_org(self, org: &Org) -> Self {
        let fits = match self {
            Self::Decisions => !org.decisions.is_empty(),
            Self::Links => !org.links.is_empty(),
            Self::Both => !org.decisions.is_empty() && !org.links.is_empty(),
        };
        if fits { self } else { Self::default_for(org) }
    }

    fn rights(self) -> bool {
        self != Self::Links
    }

    fn links(self) -> bool {
        self != Self::Decisions
    }
}

/// At most this many links between people shown on their own are drawn (the heaviest): beyond
/// it a dense network is a solid disc that says nothing and costs frames. A selected person's
/// own links are always drawn.
pub const MAX_LINKS_DRAWN: usize = 300;

/// A node with its place and size.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkNode {
    /// What it stands for.
    pub kind: NodeKind,
    /// Its centre.
    pub center: Point,
    /// Its radius (half the side for a domain).
    pub radius: f32,
}

/// The laid-out network.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkLayout {
    /// Domains first, then people, then groups.
    pub nodes: Vec<NetworkNode>,
    /// (node, node, tie), indices into `nodes`.
    pub ties: Vec<(u32, u32, Tie)>,
    /// The weight of each tie (the summed link weight of a band; 1 otherwise).
    pub weights: Vec<f32>,
    /// Everything drawn.
    pub bounds: Rect,
    /// Node of each person shown on their own.
    pub node_of_person: HashMap<u32, u32>,
    /// Node of each team's grouped people, by team name.
    pub node_of_team: HashMap<String, u32>,
    /// Links run between teams (too many linked people to show one by one).
    pub banded: bool,
    /// What it draws.
    pub reading: NetworkReading,
    /// Links between two different nodes, drawn or not (a band counts its links), when the
    /// reading draws links.
    pub links_total: usize,
    /// Of those, how many are drawn (a band counts its links).
    pub links_drawn: usize,
}

impl NetworkLayout {
    /// Where a person is drawn: their own node, or their team's.
    pub fn node_of(&self, org: &Org, person: u32) -> Option<u32> {
        self.node_of_person.get(&person).copied().or_else(|| {
            org.people
                .get(person as usize)
                .and_then(|p| self.node_of_team.get(&p.team).copied())
        })
    }
}

/// Lays out the network of `org` in its default reading ([`NetworkReading::default_for`]).
pub fn network_layout(org: &Org, analysis: &Analysis) -> NetworkLayout {
    network_layout_as(org, analysis, NetworkReading::default_for(org))
}

/// Lays out the network of `org` in a reading (falling back to the org's default when it has
/// nothing to draw in that one).
pub fn network_layout_as(org: &Org, analysis: &Analysis, reading: NetworkReading) -> NetworkLayout {
    let reading = reading.for_org(org);
    let people = crate::model::person_index(org);
    let index = |id: &str| people.get(id).map(|&i| i as u32);
    let decisions: &[crate::model::Decision] = if reading.rights() {
        &org.decisions
    } else {
        &[]
    };
    let domains = decisions.len();
    let r1 = (domains as f32 * 110.0 / TAU).max(120.0);
    let mut nodes = Vec::new();
    for (k, d) in decisions.iter().enumerate() {
        let angle = TAU * k as f32 / domains.max(1) as f32 - TAU / 4.0;
        nodes.push(NetworkNode {
            kind: NodeKind::Domain(k as u32),
            center: Point::new(r1 * angle.cos(), r1 * angle.sin()),
            radius: 14.0 + 4.0 * (1.0 + d.per_month.max(0.0) as f32).ln(),
        });
    }

    // People with a right: their angle is the circular mean of their domains' angles.
    let mut ties: Vec<(u32, u32, Tie)> = Vec::new();
    let mut angle_sum: BTreeMap<u32, (f32, f32)> = BTreeMap::new();
    for (k, d) in decisions.iter().enumerate() {
        let angle = TAU * k as f32 / domains.max(1) as f32 - TAU / 4.0;
        // Rights held by a title or team tie the domain to every holder who can act.
        let by_role = |right: crate::model::Right| -> Vec<u32> {
            d.roles
                .iter()
                .filter(|r| r.right == right)
                .flat_map(|r| {
                    let holds = r.matcher();
                    org.people
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| holds(p))
                        .map(|(i, _)| i as u32)
                        .collect::<Vec<u32>>()
                })
                .collect()
        };
        for (ids, right, tie) in [
            (&d.decides, crate::model::Right::Decides, Tie::Decides),
            (&d.approves, crate::model::Right::Approves, Tie::Approves),
            (&d.consulted, crate::model::Right::Consulted, Tie::Consulted),
        ] {
            let mut holders: Vec<u32> = ids.iter().filter_map(|id| index(id.as_str())).collect();
            holders.extend(by_role(right));
            let mut seen = std::collections::BTreeSet::new();
            // People who cannot act hold no right, so no tie.
            holders.retain(|&p| {
                org.people.get(p as usize).is_some_and(|x| x.can_act()) && seen.insert(p)
            });
            for p in holders {
                let weight = if tie == Tie::Decides { 2.0 } else { 1.0 };
                let e = angle_sum.entry(p).or_default();
                e.0 += weight * angle.cos();
                e.1 += weight * angle.sin();
                ties.push((k as u32, p, tie));
            }
        }
    }
    let links: &[crate::model::Link] = if reading.links() { &org.links } else { &[] };
    let mut linked: Vec<u32> = Vec::new();
    for l in links {
        for id in [&l.from, &l.to] {
            if let Some(p) = index(id.as_str())
                && !angle_sum.contains_key(&p)
            {
                linked.push(p);
            }
        }
    }
    linked.sort_unstable();
    linked.dedup();
    let links_in = |p: u32| analysis.persons.get(p as usize).map_or(0.0, |f| f.links_in);
    // Too many to show one by one: only the most sought keep their own node.
    let banded = linked.len() > MAX_LINKED_SHOWN;
    if banded {
        linked.sort_by(|&a, &b| links_in(b).total_cmp(&links_in(a)).then(a.cmp(&b)));
        linked.truncate(SOUGHT_SHOWN);
        linked.sort_unstable();
    }
    // Around the ring by team, and within a team where they sit in the hierarchy (everybody
    // under a manager together), so that links within a team or a department stay short and
    // those between them run as bundles.
    let team_of = |p: u32| org.people.get(p as usize).map_or("", |x| x.team.as_str());
    let place = if linked.is_empty() {
        Vec::new()
    } else {
        preorder(&crate::model::Hierarchy::new(org))
    };
    let place_of = |p: u32| place.get(p as usize).copied().unwrap_or(u32::MAX);
    linked.sort_by(|&a, &b| {
        team_of(a)
            .cmp(team_of(b))
            .then(place_of(a).cmp(&place_of(b)))
            .then(a.cmp(&b))
    });
    // In the links' reading a node's size is what people bring to them.
    let largest_in = linked
        .iter()
        .map(|&p| {
            analysis
                .persons
                .get(p as usize)
                .map_or(0.0, |f| f.links_in_share)
        })
        .fold(0.0f64, f64::max);
    let mut holders: Vec<(f32, u32)> = angle_sum
        .iter()
        .map(|(&p, &(x, y))| (y.atan2(x), p))
        .collect();
    holders.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let people: Vec<u32> = holders.iter().map(|&(_, p)| p).chain(linked).collect();
    let ring = (people.len() as f32 * 90.0 / TAU).max(r1 + 170.0);
    let first_angle = holders.first().map_or(0.0, |h| h.0);
    let mut node_of_person = HashMap::new();
    for (k, &p) in people.iter().enumerate() {
        let angle = first_angle + TAU * k as f32 / people.len() as f32;
        let share = analysis.persons.get(p as usize).map_or(0.0, |f| {
            if reading == NetworkReading::Links {
                // Relative to the most sought, who is as large as a sole decider.
                (f.links_in_share / largest_in.max(1e-12)) as f32 * 0.5
            } else {
                f.distributed.share as f32
            }
        });
        node_of_person.insert(p, nodes.len() as u32);
        nodes.push(NetworkNode {
            kind: NodeKind::Person(p),
            center: Point::new(ring * angle.cos(), ring * angle.sin()),
            radius: 10.0 + 60.0 * share.clamp(0.0, 1.0).sqrt(),
        });
    }
    let mut ties: Vec<(u32, u32, Tie)> = ties
        .into_iter()
        .filter_map(|(d, p, tie)| Some((d, *node_of_person.get(&p)?, tie)))
        .collect();
    let mut weights = vec![1.0f32; ties.len()];

    // Everybody else, by team.
    let mut teams: BTreeMap<&str, u32> = BTreeMap::new();
    for (i, p) in org.people.iter().enumerate() {
        if !node_of_person.contains_key(&(i as u32)) {
            *teams.entry(p.team.as_str()).or_default() += 1;
        }
    }
    let first_group = nodes.len() as u32;
    let group_of: HashMap<&str, u32> = teams
        .keys()
        .enumerate()
        .map(|(k, team)| (*team, first_group + k as u32))
        .collect();
    // A person's node: their own, or (links drawn between teams) their team's.
    let node_of = |p: u32| -> Option<u32> {
        node_of_person.get(&p).copied().or_else(|| {
            banded
                .then(|| org.people.get(p as usize))
                .flatten()
                .and_then(|person| group_of.get(person.team.as_str()).copied())
        })
    };
    let mut bands: BTreeMap<(u32, u32), (f32, usize)> = BTreeMap::new();
    // Links between two people shown on their own, summed per ordered pair.
    let mut peers: BTreeMap<(u32, u32), (f32, usize)> = BTreeMap::new();
    for l in links {
        let (Some(a), Some(b)) = (index(l.from.as_str()), index(l.to.as_str())) else {
            continue;
        };
        let (Some(na), Some(nb)) = (node_of(a), node_of(b)) else {
            continue;
        };
        if na == nb {
            continue;
        }
        let entry = if banded && (na >= first_group || nb >= first_group) {
            bands.entry((na.min(nb), na.max(nb))).or_default()
        } else {
            peers.entry((na, nb)).or_default()
        };
        entry.0 += l.weight as f32;
        entry.1 += 1;
    }
    // Only the heaviest are drawn: the rest would only thicken the blur. Ties of equal weight
    // go to the more sought end first.
    let (mut links_total, mut links_drawn) = (0, 0);
    let person_of = |n: u32| match nodes.get(n as usize).map(|x| &x.kind) {
        Some(NodeKind::Person(p)) => *p,
        _ => u32::MAX,
    };
    let sought = |n: u32| links_in(person_of(n));
    let mut peers: Vec<((u32, u32), (f32, usize))> = peers.into_iter().collect();
    peers.sort_by(|x, y| {
        (y.1.0)
            .total_cmp(&x.1.0)
            .then(sought(y.0.1).total_cmp(&sought(x.0.1)))
            .then(x.0.cmp(&y.0))
    });
    let mut bands: Vec<((u32, u32), (f32, usize))> = bands.into_iter().collect();
    bands.sort_by(|x, y| y.1.0.total_cmp(&x.1.0).then(x.0.cmp(&y.0)));
    let (peers_kept, bands_kept) = if banded {
        (MAX_BANDS, MAX_BANDS)
    } else {
        (MAX_LINKS_DRAWN, 0)
    };
    for (list, kept, tie) in [
        (peers, peers_kept, Tie::Peer),
        (bands, bands_kept, Tie::Band),
    ] {
        for (k, ((a, b), (w, n))) in list.into_iter().enumerate() {
            links_total += n;
            if k < kept {
                links_drawn += n;
                ties.push((a, b, tie));
                weights.push(w);
            }
        }
    }
    let outer = (ring + 120.0).max(teams.len() as f32 * 110.0 / TAU);
    for (k, (team, count)) in teams.iter().enumerate() {
        let angle = TAU * (k as f32 + 0.5) / teams.len() as f32 - TAU / 4.0;
        nodes.push(NetworkNode {
            kind: NodeKind::Group {
                team: (*team).to_owned(),
                count: *count,
            },
            center: Point::new(outer * angle.cos(), outer * angle.sin()),
            radius: 12.0 + 3.0 * (*count as f32).sqrt(),
        });
    }

    let bounds = nodes
        .iter()
        .map(|n| Rect::centered(n.center, 2.0 * n.radius, 2.0 * n.radius))
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default()
        .expand(60.0);
    let node_of_team = group_of
        .iter()
        .map(|(team, &node)| ((*team).to_owned(), node))
        .collect();
    NetworkLayout {
        nodes,
        ties,
        weights,
        bounds,
        node_of_person,
        node_of_team,
        banded,
        reading,
        links_total,
        links_drawn,
    }
}

/// Each person's position in a depth-first walk of the hierarchy (managers before their
/// reports, each subtree together; people outside every tree last).
fn preorder(h: &crate::model::Hierarchy<'_>) -> Vec<u32> {
    let mut place = vec![u32::MAX; h.len()];
    let mut next = 0u32;
    let mut stack: Vec<u32> = h.roots.iter().rev().copied().collect();
    while let Some(v) = stack.pop() {
        let Some(slot) = place.get_mut(v as usize) else {
            continue;
        };
        if *slot != u32::MAX {
            continue;
        }
        *slot = next;
        next += 1;
        let (from, to) = (
            h.child_start.get(v as usize).copied().unwrap_or(0) as usize,
            h.child_start.get(v as usize + 1).copied().unwrap_or(0) as usize,
        );
        if let Some(children) = h.children.get(from..to) {
            stack.extend(children.iter().rev());
        }
    }
    place
}

/// What a node stands for, by identity, so that a place survives edits that renumber people
/// and domains.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKey {
    /// A decision domain, by id.
    Domain(String),
    /// A person, by id.
    Person(String),
    /// A team's grouped people, by team name.
    Team(String),
}

impl NetworkLayout {
    /// Where every node is, by identity.
    pub fn places(&self, org: &Org) -> HashMap<NodeKey, Point> {
        self.nodes
            .iter()
            .filter_map(|n| Some((key(org, &n.kind)?, n.center)))
            .collect()
    }

    /// Puts every node that was drawn before back where it was, and each new one at the free
    /// place on its ring nearest to where a fresh layout would put it: an edit moves nothing
    /// but what it changed. Nodes keep their new sizes.
    pub fn keep_places(&mut self, org: &Org, places: &HashMap<NodeKey, Point>) {
        if places.is_empty() {
            return;
        }
        let mut fresh = Vec::new();
        for (k, node) in self.nodes.iter_mut().enumerate() {
            match key(org, &node.kind).and_then(|key| places.get(&key)) {
                Some(&at) => node.center = at,
                None => fresh.push(k),
            }
        }
        for k in fresh {
            let (wanted, radius) = (self.nodes[k].center, self.nodes[k].radius);
            let ring = (wanted.x.hypot(wanted.y)).max(1.0);
            let start = wanted.y.atan2(wanted.x);
            let step = ((2.0 * radius + 20.0) / ring).clamp(0.005, 0.5);
            let clear = |at: Point, nodes: &[NetworkNode]| {
                nodes.iter().enumerate().all(|(j, n)| {
                    j == k
                        || (n.center.x - at.x).hypot(n.center.y - at.y) >= n.radius + radius + 12.0
                })
            };
            let tries = (TAU / step) as usize + 1;
            let place = (0..tries * 2)
                .map(|t| {
                    // 0, +1, -1, +2, -2… steps from where it wants to be.
                    let turn = t.div_ceil(2) as f32 * if t % 2 == 1 { 1.0 } else { -1.0 };
                    let angle = start + turn * step;
                    Point::new(ring * angle.cos(), ring * angle.sin())
                })
                .find(|&at| clear(at, &self.nodes));
            // A full ring: just outside it, where it wanted to be.
            self.nodes[k].center = place.unwrap_or_else(|| {
                let out = ring + 2.0 * radius + 20.0;
                Point::new(out * start.cos(), out * start.sin())
            });
        }
        self.bounds = self
            .nodes
            .iter()
            .map(|n| Rect::centered(n.center, 2.0 * n.radius, 2.0 * n.radius))
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default()
            .expand(60.0);
    }
}

/// Places found elsewhere (the network explorer's force-directed layout, in its own units),
/// scaled and moved to fill `like` (the network's bounds), keeping their shape: what
/// [`NetworkLayout::keep_places`] takes. Spread further where that would make two nodes
/// (of these `radii`, by identity; none is 0) overlap, up to eight times.
pub fn fit_places(
    raw: &[(NodeKey, Point)],
    like: Rect,
    radii: &HashMap<NodeKey, f32>,
) -> HashMap<NodeKey, Point> {
    let Some(from) = raw
        .iter()
        .map(|(_, p)| Rect::centered(*p, 0.0, 0.0))
        .reduce(|a, b| a.union(&b))
    else {
        return HashMap::new();
    };
    // Inside the margin a layout leaves around its nodes, when there is room for one.
    let target = if like.width() > 120.0 && like.height() > 120.0 {
        like.expand(-60.0)
    } else {
        like
    };
    let scale = (target.width() / from.width().max(1.0))
        .min(target.height() / from.height().max(1.0))
        .max(0.01);
    // The explorer draws its nodes smaller than the view does: no two may overlap here. Every
    // pair is compared, which the explorer's size (at most 1,000 nodes) allows.
    let mut spread = scale;
    if raw.len() <= 2_000 {
        let r = |k: &NodeKey| radii.get(k).copied().unwrap_or(0.0);
        for (i, (a, pa)) in raw.iter().enumerate() {
            for (b, pb) in &raw[i + 1..] {
                let d = (pa.x - pb.x).hypot(pa.y - pb.y);
                if d > 0.0 {
                    spread = spread.max((r(a) + r(b) + 12.0) / d);
                }
            }
        }
    }
    let scale = spread.min(scale * 8.0);
    let (c, t) = (from.center(), target.center());
    raw.iter()
        .map(|(k, p)| {
            (
                k.clone(),
                Point::new(t.x + (p.x - c.x) * scale, t.y + (p.y - c.y) * scale),
            )
        })
        .collect()
}

/// What a node stands for, by identity (ids and team names, not indices), to keep its place.
pub fn node_key(org: &Org, kind: &NodeKind) -> Option<NodeKey> {
    key(org, kind)
}

fn key(org: &Org, kind: &NodeKind) -> Option<NodeKey> {
    Some(match kind {
        NodeKind::Domain(k) => NodeKey::Domain(org.decisions.get(*k as usize)?.id.0.clone()),
        NodeKind::Person(p) => NodeKey::Person(org.people.get(*p as usize)?.id.0.clone()),
        NodeKind::Group { team, .. } => NodeKey::Team(team.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explored_places_fill_the_networks_bounds_keeping_their_shape() {
        let raw = [
            (NodeKey::Person("a".to_owned()), Point::new(0.0, 0.0)),
            (NodeKey::Person("b".to_owned()), Point::new(10.0, 0.0)),
            (NodeKey::Domain("d".to_owned()), Point::new(0.0, 5.0)),
        ];
        // 320 × 220 less the 60 margin each side: 200 × 100 around the origin. The points span
        // 10 × 5 around (5, 2.5): 20 times larger fills it exactly.
        let like = Rect::centered(Point::new(0.0, 0.0), 320.0, 220.0);
        let fitted = fit_places(&raw, like, &HashMap::new());
        assert_eq!(
            fitted[&NodeKey::Person("a".to_owned())],
            Point::new(-100.0, -50.0)
        );
        assert_eq!(
            fitted[&NodeKey::Person("b".to_owned())],
            Point::new(100.0, -50.0)
        );
        assert_eq!(
            fitted[&NodeKey::Domain("d".to_owned())],
            Point::new(-100.0, 50.0)
        );
        assert!(fit_places(&[], like, &HashMap::new()).is_empty());
        // Two nodes of radius 30 that would stand 20 apart are spread to stand 72 apart
        // (30 + 30 + 12): 3.6 times as far as fitting alone would put them.
        let two = [
            (NodeKey::Person("a".to_owned()), Point::new(0.0, 0.0)),
            (NodeKey::Person("b".to_owned()), Point::new(1.0, 0.0)),
            (NodeKey::Person("c".to_owned()), Point::new(10.0, 0.0)),
        ];
        let radii: HashMap<NodeKey, f32> = two.iter().map(|(k, _)| (k.clone(), 30.0)).collect();
        let like = Rect::centered(Point::new(0.0, 0.0), 320.0, 320.0);
        let spread = fit_places(&two, like, &radii);
        let (a, b) = (
            spread[&NodeKey::Person("a".to_owned())],
            spread[&NodeKey::Person("b".to_owned())],
        );
        assert!((b.x - a.x - 72.0).abs() < 1e-3, "{a:?} {b:?}");
    }
}
