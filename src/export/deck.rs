//! What a deck holds: the overview slide, a slide for each top finding with its people
//! marked, the before/after slide when comparing, and speaker notes that define every figure.

use super::pptx::{DeckSlide, package};
use super::svg::{compose, headline, overview};
use super::{ExportError, ExportOptions};
use crate::analysis::{Analysis, FindingKind, Severity, group_findings};
use crate::model::Org;
use crate::scene::{Scene, Target};

/// How the figures on the slides are defined, for the speaker notes (the README's *What
/// orgflow measures* says the same at length).
const DEFINITIONS: [&str; 7] = [
    "Through the hierarchy: every decision climbs the raiser's chain of command until it reaches someone who may decide it, then goes on to each approver the same way. Straight to the holder: it goes directly from the raiser to whoever holds the right, then to each approver.",
    "Share of decisions: the decisions a month raised by somebody else that need this person at least once on their route (passing through, deciding or approving), over all decisions raised a month. A decision is counted once per person, so no share is above 100%.",
    "Authority HHI: the sum of the squared percentage shares of deciding (each domain's decisions a month split evenly among its deciders), 0 to 10,000; above 2,500 is highly concentrated (US merger guidelines). 10,000 / HHI is the effective number of deciders.",
    "Bus factor: the fewest people whose absence would leave more than half of the domains with rights with nobody who can decide them (searched exactly, not estimated).",
    "Span of control: a manager's direct reports in post; benchmarks 5 to 9 (McKinsey 2017). Layers: one more than the deepest level below the top.",
    "Only people who can act count: people who left, open posts, placeholders and people away carry no load and hold no right; a decision that would reach them goes to the next person above.",
    "Colour: a person's share of all decisions, pale (0%) to dark (the scale's top and above). A red outline marks a funnel, a wide span or a sole decider.",
];

/// When a finding of this kind is raised, with the thresholds the analysis used.
fn rule(kind: FindingKind, a: &Analysis) -> String {
    let t = &a.thresholds;
    let pct = |x: f64| crate::format::percent(x);
    match kind {
        FindingKind::Funnel => format!(
            "A funnel handles at least {} of all decisions in either reading (critical from 50%).",
            pct(t.funnel_share)
        ),
        FindingKind::MatrixFunnel => format!(
            "A funnel up the dotted lines handles at least {} of all decisions when decisions climb the dotted lines, but less in both other readings.",
            pct(t.funnel_share)
        ),
        FindingKind::HighConcentration => format!(
            "Rights are concentrated when the authority HHI is above {} (critical when fewer than 2 effective deciders).",
            crate::format::thousands(t.high_hhi)
        ),
        FindingKind::BusFactor => {
            "The bus factor is flagged at 2 or fewer people (critical at 1).".to_owned()
        }
        FindingKind::SingleHolder => format!(
            "A sole decider is the only one who may decide at least {} domains (critical from twice that).",
            t.single_holder_domains
        ),
        FindingKind::WideSpan | FindingKind::WideDottedSpan => format!(
            "A span is wide above {} direct reports (critical above twice that).",
            t.wide_span
        ),
        FindingKind::TooManyLayers => format!(
            "Layers are too many at {} or more above the fewest that hold the headcount at a span of {}.",
            t.extra_layers, t.target_span
        ),
        FindingKind::NoDecider => {
            "A domain with rights has nobody who can act to decide it.".to_owned()
        }
        FindingKind::OneOverOne => "A manager with exactly one direct report.".to_owned(),
        FindingKind::Queue => format!(
            "A queue is flagged when decisions take {} or more of a person's decision hours in either reading (critical from 100%, where it grows without end). Decision hours: {} a week for managers, {} for others, unless the file says; {} hours a decision unless its domain says.",
            pct(crate::analysis::BUSY),
            crate::format::trim_number(a.queue.manager_hours),
            crate::format::trim_number(a.queue.other_hours),
            crate::format::trim_number(a.queue.handling_hours)
        ),
        FindingKind::IncompleteRights => {
            "Fewer than half of the domains name a decider, or some have nobody named yet."
                .to_owned()
        }
        FindingKind::InformalHub
        | FindingKind::InformalTop
        | FindingKind::HiddenLeader
        | FindingKind::Broker
        | FindingKind::UnsoughtLeader => format!(
            "From the informal network (who people go to): a hub is sought by at least {} of the people who seek anybody.",
            pct(t.informal_hub_share)
        ),
    }
}

/// `scene` with only `people` (file order) marked.
fn marking(scene: &Scene, people: &[bool]) -> Scene {
    let mut scene = scene.clone();
    crate::scene::mark_only(&mut scene, people);
    scene
}

/// Per person (file order), whether `scene` draws them: one pass over the scene.
fn drawn(scene: &Scene, people: usize) -> Vec<bool> {
    let mut drawn = vec![false; people];
    for shape in &scene.shapes {
        if let Some(Target::Person(p)) = shape.target()
            && let Some(d) = drawn.get_mut(*p as usize)
        {
            *d = true;
        }
    }
    drawn
}

/// The deck's slides, as SVG with their notes: the overview, then one slide for each of the
/// top `options.findings` findings (findings of one kind summed up in one, as on the
/// overview), each showing the same view(s) with that finding's people marked.
pub fn deck_slides(
    org: &Org,
    analysis: &Analysis,
    hierarchy: &Scene,
    network: &Scene,
    options: &ExportOptions,
) -> Vec<DeckSlide> {
    let mut svg_options = options.clone();
    svg_options.format = super::ExportFormat::Svg;
    let report: Vec<String> = crate::analysis::text_report(analysis)
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let mut notes = Vec::new();
    notes.extend(headline(org, analysis));
    notes.push("The figures, as orgflow reports them:".to_owned());
    notes.extend(report);
    notes.push("How the figures are defined:".to_owned());
    notes.extend(DEFINITIONS.iter().map(|d| (*d).to_owned()));
    let mut slides = vec![DeckSlide {
        svg: compose(
            &overview(org, analysis, hierarchy, network, &svg_options),
            &svg_options,
        ),
        notes,
    }];

    let index = org.person_positions();
    let groups: Vec<_> = group_findings(&analysis.findings)
        .into_iter()
        .filter(|g| g.severity != Severity::Info)
        .take(options.findings)
        .collect();
    let total = groups.len();
    for (k, group) in groups.iter().enumerate() {
        let mut people = vec![false; org.people.len()];
        let mut involved = 0;
        for &m in &group.members {
            let Some(f) = analysis.findings.get(m) else {
                continue;
            };
            for id in &f.people {
                if let Some(&i) = index.get(id.as_str())
                    && !people[i]
                {
                    people[i] = true;
                    involved += 1;
                }
            }
        }
        let h = marking(hierarchy, &people);
        let n = marking(network, &people);
        let mut slide = overview(org, analysis, &h, &n, &svg_options);
        let severity = match group.severity {
            Severity::Critical => "Critical",
            Severity::Warning => "Warning",
            Severity::Info => "Note",
        };
        slide.title = format!("{} {} of {total}: {}", severity, k + 1, group.kind.title());
        let line = group.line(&analysis.findings).to_owned();
        let mut lines = vec![line];
        let hidden = if h.shapes.is_empty() {
            0
        } else {
            people
                .iter()
                .zip(drawn(&h, people.len()))
                .filter(|&(&involved, shown)| involved && !shown)
                .count()
        };
        if involved > 0 {
            lines.push(if hidden == 0 {
                format!(
                    "Outlined in red: the {} involved",
                    crate::format::count(involved, "person", "people")
                )
            } else {
                format!(
                    "Outlined in red: the {} involved ({} of them folded away in the hierarchy on this slide)",
                    crate::format::count(involved, "person", "people"),
                    crate::format::thousands(hidden as f64)
                )
            });
        }
        slide.headline = lines;
        let messages = group.messages(&analysis.findings);
        slide.footer = if group.summary.is_some() {
            messages
                .iter()
                .take(options.findings.max(3))
                .map(|(m, _, _)| (crate::theme::INK, (*m).to_owned()))
                .collect()
        } else {
            Vec::new()
        };
        let mut notes: Vec<String> = messages
            .iter()
            .map(|(m, times, _)| {
                if *times > 1 {
                    format!("{m} (×{times})")
                } else {
                    (*m).to_owned()
                }
            })
            .collect();
        notes.push(rule(group.kind, analysis));
        notes.extend(DEFINITIONS.iter().take(2).map(|d| (*d).to_owned()));
        slides.push(DeckSlide {
            svg: compose(&slide, &svg_options),
            notes,
        });
    }
    slides
}

/// The deck's bytes ([`deck_slides`], packaged).
pub fn deck(
    org: &Org,
    analysis: &Analysis,
    hierarchy: &Scene,
    network: &Scene,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let slides = deck_slides(org, analysis, hierarchy, network, options);
    let title = options.title.clone().unwrap_or_else(|| org.name.clone());
    package(&slides, &title)
}

/// A before/after deck: the comparison slide, with the figures side by side and their
/// definitions as notes.
pub fn comparison_deck(
    before: &Org,
    after: &Org,
    orientation: crate::layout::Orientation,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let mut svg_options = options.clone();
    svg_options.format = super::ExportFormat::Svg;
    let svg = super::comparison_svg(before, after, orientation, &svg_options);
    let c = crate::scenario::compare(before, after);
    let mut notes = vec![crate::scenario::headline(before, &c)];
    notes.extend(
        crate::scenario::figure_rows(before, after, &c)
            .iter()
            .map(|[label, b, a, d]| format!("{label}: {b} → {a} ({d})")),
    );
    notes.push("How the figures are defined:".to_owned());
    notes.extend(DEFINITIONS.iter().map(|d| (*d).to_owned()));
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| format!("{}: before and after", before.name));
    package(&[DeckSlide { svg, notes }], &title)
}
