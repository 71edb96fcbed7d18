//! Posts and the people in them: a post with several holders (a job share, split by FTE), a
//! person in several posts (an interim role), read from files shaped like real exports, and
//! counted per person in the loads, the findings and the bus factor. Every figure is worked
//! out by hand in the comments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::analysis::{HolderFigures, analyze};
use orgflow::io::{CsvColumns, load, load_bytes, write_csv};
use orgflow::model::{Decision, DecisionId, Org, PersonId};
use std::path::Path;

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

fn decision(id: &str, per_month: f64, decides: &[&str]) -> Decision {
    Decision {
        id: DecisionId(id.to_owned()),
        name: id.to_uppercase(),
        per_month,
        decides: decides.iter().map(|d| PersonId((*d).to_owned())).collect(),
        ..Decision::default()
    }
}

fn holder<'a>(figures: &'a [HolderFigures], name: &str) -> &'a HolderFigures {
    figures
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("{name} among {figures:?}"))
}

/// A UK-organogram-shaped file keyed by post: post 2 on two rows with two names is a job
/// share (Ann 0.6, Bob 40%); post 5's two "N/D" rows are two undisclosed holders (1 and
/// 0.5: shares 2/3 and 1/3); an FTE of 1.5 is refused with its row.
#[test]
fn a_post_named_on_two_rows_with_two_holders_is_a_job_share() {
    let loaded = load(Path::new("tests/csv/job-share.csv"), &CsvColumns::default()).unwrap();
    let org = &loaded.org;
    assert_eq!(org.people.len(), 6, "posts, not rows");
    let post = org.person("2").unwrap();
    assert_eq!((post.name.as_str(), post.fte), ("Ann Lee", Some(0.6)));
    assert_eq!(post.co_holders.len(), 1);
    assert_eq!(post.co_holders[0].name, "Bob Stone");
    assert_eq!(post.co_holders[0].fte, Some(0.4));
    assert_eq!(org.person("5").unwrap().co_holders.len(), 1);
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains("2 posts named on more than one row with another holder read as shared (a job share): 2 more holders (2, 5)"),
        "{notes}"
    );
    let problems: Vec<String> = loaded
        .import_problems
        .iter()
        .map(|p| format!("{}: {}", p.place, p.message))
        .collect();
    assert_eq!(
        problems,
        [
            "row 9: the FTE “1.5” is not a share of a full-time post between 0 and 1 (such as 0.6 or 60%); left out"
        ]
    );

    // Decisions: x (6 a month, raised by all six posts, decided by the Director, 1). Raisers
    // 3 and 4 climb through post 2 (and 6 through 4 and 2): post 2's load is 3 (of 6), and
    // Ann carries 0.6 of it (1.8), Bob 0.4 (1.2).
    let mut org = loaded.org;
    org.decisions = vec![decision("x", 6.0, &["1"])];
    let a = analyze(&org);
    close(a.persons[1].hierarchical.load, 3.0);
    close(holder(&a.holders, "Ann Lee").hierarchical.load, 1.8);
    close(holder(&a.holders, "Bob Stone").hierarchical.load, 1.2);
    close(holder(&a.holders, "Bob Stone").hierarchical.share, 0.2);
    let nd = holder(&a.holders, "Head of Data, holder 2 (name not disclosed)");
    close(nd.posts[0].share, 1.0 / 3.0);
    assert!(
        a.headcount_sentence()
            .contains("2 posts shared by several holders"),
        "{}",
        a.headcount_sentence()
    );
    // The funnel (post 2 at 50%) says how it is shared.
    let funnel = a
        .findings
        .iter()
        .find(|f| f.people == ["2"])
        .expect("post 2 is a funnel");
    assert!(
        funnel
            .message
            .ends_with("The post is shared: Ann Lee carries 60% of its load, Bob Stone 40%."),
        "{}",
        funnel.message
    );
}

/// A shared post is lost only when all its holders are away: y and z are decided by post 2
/// alone, w by post 3. Without the job share, the bus factor is 1 (post 2's holder); with it,
/// 2 (Ann and Bob), and the people named are the post's id once.
#[test]
fn a_job_share_needs_both_holders_away_to_lose_its_rights() {
    let loaded = load(Path::new("tests/csv/job-share.csv"), &CsvColumns::default()).unwrap();
    let mut org = loaded.org;
    org.decisions = vec![
        decision("y", 1.0, &["2"]),
        decision("z", 1.0, &["2"]),
        decision("w", 1.0, &["3"]),
    ];
    let shared = analyze(&org).concentration.authority;
    assert_eq!(shared.bus_factor, Some(2));
    assert_eq!(shared.bus_factor_people, ["2"]);
    for p in &mut org.people {
        p.co_holders.clear();
    }
    assert_eq!(analyze(&org).concentration.authority.bus_factor, Some(1));
}

/// An HR export keyed by person: Eli on two rows with two titles holds two posts (the second
/// is "2#2", held by "2"); Gus's exact repeat is skipped as before. Decision y (3 a month,
/// raised by Fay, decided by the interim post 2#2) climbs Fay → Eli (2) → Dana → Eli (2#2):
/// it reaches both of Eli's posts and counts once for him (3, not 6). Decision v (2 a month,
/// raised by Eli's post 2, decided by 2#2) is his own and counts for neither post of his.
#[test]
fn a_person_on_two_rows_with_two_titles_holds_two_posts() {
    let loaded = load(
        Path::new("tests/csv/second-post.csv"),
        &CsvColumns::default(),
    )
    .unwrap();
    let org = &loaded.org;
    let ids: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "2#2", "4"]);
    assert_eq!(org.person("2").unwrap().holder.as_deref(), Some("2"));
    assert_eq!(org.person("2#2").unwrap().holder.as_deref(), Some("2"));
    assert_eq!(
        org.person("2#2").unwrap().title,
        "Interim Head of Operations"
    );
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains("1 row read as a second post of somebody already listed (the same id and name, another title or manager: an interim role) — row 5: “2” as “2#2”"),
        "{notes}"
    );
    assert_eq!(loaded.import_problems.len(), 1, "Gus's repeat");

    let mut org = loaded.org;
    let mut y = decision("y", 3.0, &["2#2"]);
    y.raised_by = Some(vec!["3".to_owned()]);
    let mut v = decision("v", 2.0, &["2#2"]);
    v.raised_by = Some(vec!["2".to_owned()]);
    org.decisions = vec![y, v];
    let a = analyze(&org);
    let post = |id: &str| a.persons.iter().find(|p| p.id == id).unwrap();
    close(post("2").hierarchical.load, 3.0);
    close(post("2#2").hierarchical.load, 5.0);
    let eli = holder(&a.holders, "Eli Park");
    assert_eq!(eli.posts.len(), 2);
    close(eli.hierarchical.load, 3.0);
    close(eli.hierarchical.share, 0.6);
    close(eli.distributed.load, 3.0);
    assert_eq!(eli.decides, ["y", "v"]);
    // Straight to the holder, post 2#2 gets all 5 a month, but 2 of them are Eli's own (v,
    // raised in his other post): the top person is Eli at 60%, not his post at 100%.
    close(post("2#2").distributed.share, 1.0);
    assert_eq!(a.readings.distributed.top.as_deref(), Some("2"));
    close(a.readings.distributed.top_share, 0.6);
    // The funnel is Eli, over both posts, not each post apart.
    let funnels: Vec<&orgflow::analysis::Finding> = a
        .findings
        .iter()
        .filter(|f| f.kind == orgflow::analysis::FindingKind::Funnel)
        .collect();
    assert!(
        funnels.iter().any(|f| f.people == ["2", "2#2"]
            && f.message.starts_with("Eli Park holds 2 posts (Head of Finance, Interim Head of Operations) that together handle 60%")),
        "{funnels:?}"
    );
    assert!(!funnels.iter().any(|f| f.people == ["2#2"]));
    // Add u, decided by Eli's first post, and t, by Dana: losing three of the four domains
    // takes Eli alone (y, v and u): bus factor 1, named by both his posts. Counted in posts,
    // it would take 2 (post 2 and post 2#2), overstating how safe the org is.
    org.decisions.push(decision("u", 1.0, &["2"]));
    org.decisions.push(decision("t", 1.0, &["1"]));
    let a = analyze(&org);
    assert_eq!(a.concentration.authority.bus_factor, Some(1));
    assert_eq!(a.concentration.authority.bus_factor_people, ["2", "2#2"]);
    let mut posts_only = org.clone();
    for p in &mut posts_only.people {
        p.holder = None;
    }
    assert_eq!(
        analyze(&posts_only).concentration.authority.bus_factor,
        Some(2)
    );
    assert!(a.headcount_sentence().contains("1 person in several posts"));
}

/// A YAML list with one person in two entries holds two posts, as in a CSV.
#[test]
fn a_yaml_person_in_two_entries_holds_two_posts() {
    let loaded = load(Path::new("tests/yaml/interim.yaml"), &CsvColumns::default()).unwrap();
    let ids: Vec<&str> = loaded.org.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ana", "ben", "ben#2", "cy"]);
    assert_eq!(
        loaded.org.person("ben#2").unwrap().holder.as_deref(),
        Some("ben")
    );
}

/// orgflow's own CSV keeps job shares (a row per other holder, marked `co_holder`), holders
/// and FTE: JSON → CSV → JSON gives the same people.
#[test]
fn job_shares_and_holders_survive_a_csv_round_trip() {
    let loaded = load(Path::new("tests/csv/job-share.csv"), &CsvColumns::default()).unwrap();
    let mut org: Org = loaded.org;
    org.people[2].holder = Some("cy".to_owned());
    let csv = write_csv(&org);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("holder,fte,co_holder"),
        "{text}"
    );
    let back = load_bytes(Path::new("back.csv"), &csv, &CsvColumns::default()).unwrap();
    assert_eq!(back.org.people.len(), org.people.len());
    for (a, b) in org.people.iter().zip(&back.org.people) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.fte, b.fte, "{}", a.id);
        assert_eq!(a.holder, b.holder, "{}", a.id);
        let names = |p: &orgflow::model::Person| {
            p.co_holders
                .iter()
                .map(|c| (c.name.clone(), c.fte))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(a), names(b), "{}", a.id);
    }
}

/// A team file's holders are checked like everything else: an FTE above 1 and a co-holder
/// without a name are refused, each placed on its person.
#[test]
fn bad_holders_in_a_team_file_are_refused_with_their_place() {
    let json = r#"{"orgflow": 1, "name": "Bad", "people": [
        {"id": "a", "name": "Ann", "fte": 1.5},
        {"id": "b", "name": "Bob", "manager": "a", "co_holders": [{"name": " ", "fte": 0}]}
    ]}"#;
    let problems = orgflow::io::parse_json(json.as_bytes()).expect_err("refused");
    let text: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.place, p.message))
        .collect();
    assert_eq!(
        text,
        [
            "person “a” (entry 1 in “people”): “fte” is 1.5, but it must be a share of a full-time post above 0 and at most 1",
            "person “b” (entry 2 in “people”): co-holder 1 has no name",
            "person “b” (entry 2 in “people”): co-holder 1 (“ ”) has “fte” 0, but it must be a share of a full-time post above 0 and at most 1",
        ]
    );
}
