//! Posts and the people in them. The hierarchy is of posts; a post may have several holders
//! (a job share) and a person may hold several posts (an interim role). Loads and rights count
//! per person: a holder of a shared post carries their FTE share of its load, and a decision
//! that needs several posts of one person counts once for them.

use super::routing::{PostHolders, person_loads};
use super::{Hierarchy, Load, RoleIndex};
use crate::model::{Map, Org};
use serde::Serialize;

/// Who holds which posts, when some post has several holders or some person several posts.
#[derive(Clone, Debug)]
pub struct Holders {
    /// Per post (like `org.people`): its holders and each one's share of it; empty for an open
    /// post or a manager outside the file.
    pub of_post: Vec<Vec<(u32, f64)>>,
    /// Per person: their name and their posts with their share of each.
    pub people: Vec<Holder>,
}

/// One person and their posts.
#[derive(Clone, Debug)]
pub struct Holder {
    /// Their name, as the post (or the job share's row) gives it.
    pub name: String,
    /// Their posts (indices into `org.people`) and their share of each (0–1).
    pub posts: Vec<(u32, f64)>,
}

impl Holder {
    /// Whether orgflow counts them apart from a post: several posts, or a share of one.
    pub fn counted_apart(&self) -> bool {
        self.posts.len() > 1 || self.posts.iter().any(|(_, s)| *s < 1.0)
    }
}

impl Holders {
    /// The holders of `org`'s posts; `None` when every post has one holder and every holder
    /// one post (the usual file), so nothing changes.
    pub fn of(org: &Org) -> Option<Self> {
        let apart = org
            .people
            .iter()
            .any(|p| p.holder.is_some() || !p.co_holders.is_empty());
        if !apart {
            return None;
        }
        let mut by_key: Map<&str, u32> = Map::default();
        let mut people: Vec<Holder> = Vec::new();
        let mut of_post = vec![Vec::new(); org.people.len()];
        for (i, p) in org.people.iter().enumerate() {
            if p.vacant || p.external {
                continue;
            }
            // Shares by FTE when every holder has one; equal shares otherwise.
            let ftes: Vec<Option<f64>> = std::iter::once(p.fte)
                .chain(p.co_holders.iter().map(|c| c.fte))
                .collect();
            let total: f64 = ftes.iter().flatten().sum();
            let by_fte = ftes.iter().all(|f| f.is_some_and(|f| f > 0.0)) && total > 0.0;
            let k = ftes.len() as f64;
            let share = |f: Option<f64>| match f {
                Some(f) if by_fte => f / total,
                _ => 1.0 / k,
            };
            let holders = std::iter::once((p.holder.as_deref(), p.name.as_str(), p.fte)).chain(
                p.co_holders
                    .iter()
                    .map(|c| (c.holder.as_deref(), c.name.as_str(), c.fte)),
            );
            let shared = !p.co_holders.is_empty();
            for (k, (key, name, fte)) in holders.enumerate() {
                // Withheld names ("N/D") of a shared post are told apart by their place.
                let name = if crate::model::is_withheld_name(name) || name.is_empty() {
                    if shared {
                        format!(
                            "{}, holder {} (name not disclosed)",
                            p.display_name(),
                            k + 1
                        )
                    } else {
                        p.display_name().to_owned()
                    }
                } else {
                    name.to_owned()
                };
                let who = if let Some(key) = key.filter(|k| !k.is_empty()) {
                    *by_key.entry(key).or_insert_with(|| {
                        people.push(Holder {
                            name: name.clone(),
                            posts: Vec::new(),
                        });
                        (people.len() - 1) as u32
                    })
                } else {
                    people.push(Holder {
                        name,
                        posts: Vec::new(),
                    });
                    (people.len() - 1) as u32
                };
                let s = share(fte);
                people[who as usize].posts.push((i as u32, s));
                of_post[i].push((who, s));
            }
        }
        Some(Self { of_post, people })
    }

    /// The decider sets of the bus factor, counted in people: a post's deciders become the
    /// people who hold it (a job share's holders each may decide; a person in two posts is one).
    pub fn people_sets(&self, post_sets: &[Vec<u32>]) -> Vec<Vec<u32>> {
        post_sets
            .iter()
            .map(|set| {
                let mut who: Vec<u32> = set
                    .iter()
                    .flat_map(|&p| self.of_post.get(p as usize).into_iter().flatten())
                    .map(|(h, _)| *h)
                    .collect();
                who.sort_unstable();
                who.dedup();
                who
            })
            .collect()
    }
}

/// One person counted apart from a post: in several posts, or sharing one.
#[derive(Clone, Debug, Serialize)]
pub struct HolderFigures {
    /// Their name.
    pub name: String,
    /// Their posts: id and their share of the post (1, or their FTE share).
    pub posts: Vec<HeldPost>,
    /// Whether any of their posts can act.
    pub can_act: bool,
    /// Their load in the hierarchical reading, summed over their posts: a decision that needs
    /// several of their posts counts once, at the largest of their shares in them.
    pub hierarchical: Load,
    /// Their load in the distributed reading, the same way.
    pub distributed: Load,
    /// Their load in the matrix reading, when the org has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Load>,
    /// False when counting each decision once would have taken too long
    /// ([`super::routing::PERSON_WALK_WORK`]): the loads are then upper bounds (the sum over
    /// their posts), with lower bounds (their busiest post) beside them.
    pub exact: bool,
    /// With `exact` false: the lower bound of the hierarchical load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_hierarchical: Option<Load>,
    /// With `exact` false: the lower bound of the distributed load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_distributed: Option<Load>,
    /// Ids of the domains any of their posts may decide.
    pub decides: Vec<String>,
    /// Ids of the domains any of their posts must approve.
    pub approves: Vec<String>,
}

/// A post one person holds, and their share of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeldPost {
    /// The post's id.
    pub id: String,
    /// The post's title (its id when it has none).
    pub title: String,
    /// Their share of it (0–1).
    pub share: f64,
}

/// The trees and post loads of one reading, for [`holder_figures`].
pub struct ReadingInput<'a, 'h> {
    /// The tree the reading routes over (acting people only).
    pub tree: &'a Hierarchy<'h>,
    /// Its role index.
    pub roles: &'a mut RoleIndex<'h>,
    /// Per post: hierarchical load, distributed load.
    pub loads: (&'a [f64], &'a [f64]),
}

/// Walked loads per walked person (hierarchical, distributed; `None` past the work budget),
/// then post loads (the same).
type Reading<'a> = (Option<(Vec<f64>, Vec<f64>)>, &'a [f64], &'a [f64]);

/// One person's loads, exact or as bounds.
struct Loads {
    hierarchical: f64,
    distributed: f64,
    /// Lower bounds (hierarchical, distributed) when the loads are upper bounds.
    lower: Option<(f64, f64)>,
}

/// The figures of everybody [`Holder::counted_apart`]; `matrix` gives the matrix reading's
/// input when the org has one. `decides` and `approves` are per post, as the analysis has
/// them.
pub fn holder_figures(
    org: &Org,
    holders: &Holders,
    acts: &[bool],
    total: f64,
    main: ReadingInput<'_, '_>,
    matrix: Option<ReadingInput<'_, '_>>,
    rights: (&[Vec<String>], &[Vec<String>]),
) -> Vec<HolderFigures> {
    let share = |load: f64| if total > 0.0 { load / total } else { 0.0 };
    // People in several posts are walked raiser by raiser; only they are counted there.
    let mut walked: Vec<Option<u32>> = vec![None; holders.people.len()];
    let mut count = 0u32;
    for (i, h) in holders.people.iter().enumerate() {
        if h.posts.len() > 1 {
            walked[i] = Some(count);
            count += 1;
        }
    }
    let of_post: Vec<Vec<(u32, f64)>> = holders
        .of_post
        .iter()
        .map(|list| {
            list.iter()
                .filter_map(|&(who, s)| walked[who as usize].map(|w| (w, s)))
                .collect()
        })
        .collect();
    let input = PostHolders {
        of_post: &of_post,
        people: count as usize,
    };
    fn walk<'a>(
        org: &Org,
        acts: &[bool],
        input: &PostHolders<'_>,
        r: ReadingInput<'a, '_>,
    ) -> Reading<'a> {
        let walked = if input.people > 0 {
            person_loads(org, r.tree, acts, r.roles, input)
        } else {
            Some((Vec::new(), Vec::new()))
        };
        (walked, r.loads.0, r.loads.1)
    }
    let main = walk(org, acts, &input, main);
    let matrix = matrix.map(|m| walk(org, acts, &input, m));
    // Without the walk (too much work), a person in several posts gets bounds: at least their
    // busiest post's share, at most the sum over their posts (and never above all decisions).
    let load_of = |reading: &Reading<'_>, who: usize, h: &Holder| -> Loads {
        let (walk, post_h, post_d) = reading;
        if let (Some(w), Some((hier, dist))) = (walked[who], walk) {
            Loads {
                hierarchical: hier[w as usize],
                distributed: dist[w as usize],
                lower: None,
            }
        } else {
            let of = |loads: &[f64]| {
                let each = h.posts.iter().map(|&(p, s)| s * loads[p as usize]);
                let sum: f64 = each.clone().sum();
                (sum.min(total), each.fold(0.0, f64::max))
            };
            let ((hier, hier_low), (dist, dist_low)) = (of(post_h), of(post_d));
            Loads {
                hierarchical: hier,
                distributed: dist,
                lower: (h.posts.len() > 1).then_some((hier_low, dist_low)),
            }
        }
    };
    let load = |l: f64| Load {
        load: l,
        share: share(l),
        queue: None,
    };
    holders
        .people
        .iter()
        .enumerate()
        .filter(|(_, h)| h.counted_apart())
        .map(|(who, h)| {
            let Loads {
                hierarchical: hier,
                distributed: dist,
                lower,
            } = load_of(&main, who, h);
            let union = |lists: &[Vec<String>]| {
                let mut out: Vec<String> = Vec::new();
                for &(p, _) in &h.posts {
                    for d in &lists[p as usize] {
                        if !out.contains(d) {
                            out.push(d.clone());
                        }
                    }
                }
                out
            };
            HolderFigures {
                name: h.name.clone(),
                posts: h
                    .posts
                    .iter()
                    .map(|&(p, s)| {
                        let post = &org.people[p as usize];
                        HeldPost {
                            id: post.id.0.clone(),
                            title: if post.title.is_empty() {
                                post.id.0.clone()
                            } else {
                                post.title.clone()
                            },
                            share: s,
                        }
                    })
                    .collect(),
                can_act: h.posts.iter().any(|&(p, _)| acts[p as usize]),
                hierarchical: load(hier),
                distributed: load(dist),
                matrix: matrix
                    .as_ref()
                    .map(|m| load(load_of(m, who, h).hierarchical)),
                exact: lower.is_none(),
                lower_hierarchical: lower.map(|l| load(l.0)),
                lower_distributed: lower.map(|l| load(l.1)),
                decides: union(rights.0),
                approves: union(rights.1),
            }
        })
        .collect()
}

/// The readings' top person counted in people: somebody in several posts is one candidate
/// with their own load (the certain one, the lower bound, when only bounds are known), named
/// by their first post's id when they are its named holder; every other post is a candidate
/// as it is (a shared post is one queue).
pub fn people_tops(a: &mut super::Analysis) {
    let name_of: std::collections::HashMap<&str, &str> = a
        .persons
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    // People in several posts who can stand for their first post's id.
    let several: Vec<&HolderFigures> = a
        .holders
        .iter()
        .filter(|x| x.posts.len() > 1)
        .filter(|x| {
            x.posts.first().and_then(|p| name_of.get(p.id.as_str())) == Some(&x.name.as_str())
        })
        .collect();
    let apart: std::collections::HashSet<&str> = several
        .iter()
        .flat_map(|x| x.posts.iter().map(|p| p.id.as_str()))
        .collect();
    type Pick = fn(&super::PersonFigures) -> Option<Load>;
    type PickHolder = fn(&HolderFigures) -> Option<Load>;
    let readings: [(Pick, PickHolder); 3] = [
        (
            |p| Some(p.hierarchical),
            |x| Some(x.lower_hierarchical.unwrap_or(x.hierarchical)),
        ),
        (
            |p| Some(p.distributed),
            |x| Some(x.lower_distributed.unwrap_or(x.distributed)),
        ),
        (|p| p.matrix, |x| x.matrix.filter(|_| x.exact)),
    ];
    let mut tops: Vec<Option<(String, f64)>> = Vec::new();
    for (post_load, holder_load) in readings {
        let mut best: Option<(String, f64)> = None;
        let mut consider = |id: &str, share: f64| {
            if share > 0.0 && best.as_ref().is_none_or(|(_, b)| share > *b) {
                best = Some((id.to_owned(), share));
            }
        };
        for p in a
            .persons
            .iter()
            .filter(|p| p.can_act && !apart.contains(p.id.as_str()))
        {
            if let Some(l) = post_load(p) {
                consider(&p.id, l.share);
            }
        }
        for x in several.iter().filter(|x| x.can_act) {
            if let (Some(l), Some(first)) = (holder_load(x), x.posts.first()) {
                consider(&first.id, l.share);
            }
        }
        tops.push(best);
    }
    let set = |r: &mut super::ReadingFigures, top: &Option<(String, f64)>| {
        r.top = top.as_ref().map(|(id, _)| id.clone());
        r.top_share = top.as_ref().map_or(0.0, |(_, s)| *s);
    };
    set(&mut a.readings.hierarchical, &tops[0]);
    set(&mut a.readings.distributed, &tops[1]);
    if let Some(m) = &mut a.readings.matrix {
        set(&mut m.figures, &tops[2]);
    }
}
