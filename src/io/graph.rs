//! Graph files: Pajek (`.net`, `.paj`), GraphML (`.graphml`, yEd's included) and GEXF (`.gexf`,
//! Gephi's). Read as people and links, an edge whose relation says "reports to" being a
//! reporting line; written with the hierarchy, the links and the analysis figures as node
//! attributes, for Gephi and yEd.

use crate::model::{FORMAT_VERSION, Link, Org, Person, PersonId, Problem, Status};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::reader::Reader;
use quick_xml::writer::Writer;
use std::collections::HashMap;

/// The graph file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// Pajek's `.net` network or `.paj` project.
    Pajek,
    /// GraphML, as yEd and most graph libraries write it.
    GraphMl,
    /// GEXF, as Gephi writes it.
    Gexf,
}

impl GraphFormat {
    /// The format a file extension names.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "net" | "paj" => Some(Self::Pajek),
            "graphml" => Some(Self::GraphMl),
            "gexf" => Some(Self::Gexf),
            _ => None,
        }
    }

    /// Its name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pajek => "Pajek",
            Self::GraphMl => "GraphML",
            Self::Gexf => "GEXF",
        }
    }
}

/// The result of reading a graph file.
#[derive(Clone, Debug)]
pub struct GraphImport {
    /// The people and links.
    pub org: Org,
    /// What the reading decided (which relation was the hierarchy…).
    pub notes: Vec<String>,
    /// Edges left out, each with its place.
    pub problems: Vec<Problem>,
}

/// Relations that are reporting lines: `from` reports to `to`.
const REPORTS_KINDS: &[&str] = &[
    "reportsto",
    "reportto",
    "reports",
    "manager",
    "managedby",
    "boss",
    "supervisor",
    "supervisedby",
    "linemanager",
    "hierarchy",
    "formal",
];
/// Relations that are dotted lines: `from` has `to` as a dotted-line (matrix) manager.
const DOTTED_KINDS: &[&str] = &[
    "dottedline",
    "dottedlinemanager",
    "dotted",
    "matrix",
    "matrixmanager",
    "functionalmanager",
    "secondarymanager",
];
const NAME_KEYS: &[&str] = &["name", "label", "fullname"];
const TITLE_KEYS: &[&str] = &["title", "jobtitle", "position", "role"];
const TEAM_KEYS: &[&str] = &["team", "department", "unit", "division", "group"];
const KIND_KEYS: &[&str] = &["kind", "relation", "type", "label", "relationship"];
const WEIGHT_KEYS: &[&str] = &["weight", "value", "strength", "count"];
/// Node attributes orgflow writes from its analysis: figures, recomputed rather than read.
const FIGURES: &[&str] = &[
    "level",
    "directreports",
    "totalreports",
    "hierarchicalload",
    "hierarchicalshare",
    "distributedload",
    "distributedshare",
    "betweenness",
    "linksin",
    "linksinshare",
    "juniorfte",
    "juniorftebelow",
    "canact",
];

fn key(text: &str) -> String {
    super::csv_import::normalise(text)
}

/// A node as read: its id and its attributes by name.
struct Node {
    id: String,
    attrs: Vec<(String, String)>,
}

/// An edge as read.
struct Edge {
    place: String,
    from: String,
    to: String,
    kind: String,
    weight: f64,
    directed: bool,
}

/// Reads a graph file's bytes as people and links. `name` names the org when the file does not.
pub fn import_graph(
    bytes: &[u8],
    format: GraphFormat,
    name: &str,
) -> Result<GraphImport, Vec<Problem>> {
    let text = super::table::decode(bytes).text;
    let (nodes, edges, title, mut notes) = match format {
        GraphFormat::Pajek => read_pajek(&text)?,
        GraphFormat::GraphMl => read_xml(&text, false)?,
        GraphFormat::Gexf => read_xml(&text, true)?,
    };
    if nodes.is_empty() {
        return Err(vec![Problem::new(
            "",
            format!(
                "no people could be read: the {} file has no nodes",
                format.name()
            ),
        )]);
    }
    let org_name = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| name.to_owned());
    let (org, problems) = build(org_name, nodes, edges, &mut notes);
    let invalid = crate::model::validate(&org);
    if !invalid.is_empty() {
        return Err(invalid);
    }
    Ok(GraphImport {
        org,
        notes,
        problems,
    })
}

/// People from the nodes (name, title, team and status from attributes of those names, the
/// rest kept), reporting lines from the reports-to edges, links from the others.
fn build(
    name: String,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    notes: &mut Vec<String>,
) -> (Org, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut people: Vec<Person> = Vec::with_capacity(nodes.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for node in nodes {
        if index.contains_key(&node.id) {
            problems.push(Problem::new(
                format!("node “{}”", node.id),
                "the id is used by an earlier node; this one was left out",
            ));
            continue;
        }
        let mut p = Person::new(&node.id, &node.id);
        let mut manager = None;
        for (k, v) in node.attrs {
            let nk = key(&k);
            let nk = nk.as_str();
            if NAME_KEYS.contains(&nk) && !v.trim().is_empty() {
                p.name = v.trim().to_owned();
            } else if TITLE_KEYS.contains(&nk) {
                p.title = v;
            } else if TEAM_KEYS.contains(&nk) {
                p.team = v;
            } else if nk == "status"
                && let Some(status) = match key(&v).as_str() {
                    "active" => Some(Status::Active),
                    "left" => Some(Status::Left),
                    "placeholder" => Some(Status::Placeholder),
                    "away" => Some(Status::Away),
                    _ => None,
                }
            {
                // orgflow's own words; another "status" (a partition's numbers) is a field.
                p.status = status;
            } else if nk == "vacant" {
                p.vacant = matches!(key(&v).as_str(), "true" | "1" | "yes");
            } else if nk == "external" {
                p.external = matches!(key(&v).as_str(), "true" | "1" | "yes");
            } else if ["manager", "managerid", "reportsto"].contains(&nk) {
                manager = Some(v);
            } else if !FIGURES.contains(&nk) && nk != "id" && !v.is_empty() {
                p.extra.insert(k, serde_json::Value::from(v));
            }
        }
        if let Some(m) = manager.filter(|m| !m.trim().is_empty()) {
            p.manager = Some(PersonId(m.trim().to_owned()));
        }
        index.insert(p.id.0.clone(), people.len());
        people.push(p);
    }
    let mut links = Vec::new();
    let mut reports = 0usize;
    let mut second_manager = 0usize;
    let mut undirected = 0usize;
    for e in edges {
        let (Some(&a), Some(&b)) = (index.get(&e.from), index.get(&e.to)) else {
            let missing = if index.contains_key(&e.from) {
                &e.to
            } else {
                &e.from
            };
            problems.push(Problem::new(
                e.place,
                format!("names “{missing}”, which is no node of the file; left out"),
            ));
            continue;
        };
        if REPORTS_KINDS.contains(&key(&e.kind).as_str()) {
            if a == b {
                continue;
            }
            let to = PersonId(e.to.clone());
            match people.get_mut(a) {
                Some(p) if p.manager.is_none() => {
                    p.manager = Some(to);
                    reports += 1;
                }
                Some(p) if p.manager.as_ref() != Some(&to) => second_manager += 1,
                _ => {}
            }
            continue;
        }
        if DOTTED_KINDS.contains(&key(&e.kind).as_str()) {
            let to = PersonId(e.to.clone());
            if let Some(p) = people.get_mut(a)
                && a != b
                && !p.dotted_managers.contains(&to)
            {
                p.dotted_managers.push(to);
            }
            continue;
        }
        if a == b {
            problems.push(Problem::new(
                e.place,
                "links a person to themself; left out",
            ));
            continue;
        }
        if !(0.0..=crate::model::MAX_WEIGHT).contains(&e.weight) {
            problems.push(Problem::new(
                e.place,
                format!(
                    "the weight {} is not a number from 0 to {}; left out",
                    crate::format::exact(e.weight),
                    crate::format::thousands(crate::model::MAX_WEIGHT)
                ),
            ));
            continue;
        }
        let kind = if e.kind.trim().is_empty() {
            "advice".to_owned()
        } else {
            e.kind.trim().to_owned()
        };
        let link = |from: &str, to: &str| Link {
            from: PersonId(from.to_owned()),
            to: PersonId(to.to_owned()),
            kind: kind.clone(),
            weight: e.weight,
            extra: Default::default(),
        };
        links.push(link(&e.from, &e.to));
        if !e.directed {
            undirected += 1;
            links.push(link(&e.to, &e.from));
        }
    }
    // A manager attribute naming nobody is no reporting line.
    let ids: std::collections::HashSet<String> = people.iter().map(|p| p.id.0.clone()).collect();
    for p in &mut people {
        if p.manager
            .as_ref()
            .is_some_and(|m| !ids.contains(m.as_str()) || m == &p.id)
        {
            let m = p.manager.take().map(|m| m.0).unwrap_or_default();
            if m != p.id.0 {
                problems.push(Problem::new(
                    format!("node “{}”", p.id),
                    format!("reports to “{m}”, which is no node of the file; read as top-level"),
                ));
            }
        }
    }
    let with_manager = people.iter().filter(|p| p.manager.is_some()).count();
    notes.push(format!(
        "{} read as people, {} as links; {} with a manager{}",
        crate::format::thousands(people.len() as f64),
        crate::format::thousands(links.len() as f64),
        crate::format::thousands(with_manager as f64),
        if reports > 0 {
            format!(" ({reports} from reports-to edges)")
        } else if with_manager == 0 {
            " (no edge or attribute says who reports to whom: name a relation “reports to” for the hierarchy)".to_owned()
        } else {
            String::new()
        }
    ));
    // Links by relation, in the order first met (counted through a map: a file may give
    // every edge a label of its own).
    let mut order: Vec<&str> = Vec::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in &links {
        let n = counts.entry(l.kind.as_str()).or_insert(0);
        if *n == 0 {
            order.push(l.kind.as_str());
        }
        *n += 1;
    }
    if order.len() > 1 {
        let mut listed: Vec<String> = order
            .iter()
            .take(10)
            .map(|k| {
                let n = counts.get(k).copied().unwrap_or(0);
                format!("{k} {}", crate::format::thousands(n as f64))
            })
            .collect();
        if order.len() > 10 {
            listed.push(format!("and {} more", order.len() - 10));
        }
        notes.push(format!(
            "links by relation: {}; each keeps its kind",
            listed.join(", ")
        ));
    }
    if undirected > 0 {
        notes.push(format!(
            "{} undirected ties read as links both ways",
            crate::format::thousands(undirected as f64)
        ));
    }
    if second_manager > 0 {
        notes.push(format!(
            "{second_manager} further reports-to edges from people who already had a manager were left out (the first one counts)"
        ));
    }
    let org = Org {
        version: FORMAT_VERSION,
        name,
        people,
        links,
        ..Org::default()
    };
    (org, problems)
}

type Read = (Vec<Node>, Vec<Edge>, Option<String>, Vec<String>);

/// Pajek: `*Vertices`, `*Arcs`/`*Edges` (and their `list` forms), multi-relational `k: a b w`
/// lines with `*Arcs :k "name"` naming relation k, `*Partition`/`*Vector` sections as node
/// attributes. Comments start with `%`.
fn read_pajek(text: &str) -> Result<Read, Vec<Problem>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Section {
        None,
        Vertices,
        Lines { directed: bool, list: bool },
        Values,
        Skip,
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut number_to_id: HashMap<String, usize> = HashMap::new();
    let mut edges = Vec::new();
    let mut title = None;
    let mut notes = Vec::new();
    let mut relations: HashMap<String, String> = HashMap::new();
    let mut section = Section::None;
    let mut current_kind = String::new();
    let mut attribute = String::new();
    let mut value_at = 0usize;
    let mut in_values = false;
    let mut skipped_matrix = false;
    // `*Vertices N`: vertices 1…N exist whether or not each has a line of its own.
    let mut declared: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('%') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('*') {
            let mut words = rest.split_whitespace();
            let word = words.next().unwrap_or("").to_lowercase();
            let after: String = rest.get(word.len()..).unwrap_or("").trim().to_owned();
            match word.as_str() {
                "network" => {
                    let t = after
                        .trim()
                        .trim_matches('"')
                        .trim_end_matches(".net")
                        .trim()
                        .to_owned();
                    title.get_or_insert(t);
                    section = Section::None;
                }
                "vertices" if in_values => {
                    section = Section::Values;
                    value_at = 0;
                }
                "vertices" => {
                    declared = words.next().and_then(|n| n.parse::<usize>().ok());
                    section = Section::Vertices;
                }
                "arcs" | "edges" | "arcslist" | "edgeslist" => {
                    let directed = word.starts_with("arcs");
                    let list = word.ends_with("list");
                    current_kind.clear();
                    // `*Arcs :2 "friendship"` names relation 2 (and heads its lines).
                    if let Some(decl) = after.strip_prefix(':') {
                        let (k, name) = decl.split_once(char::is_whitespace).unwrap_or((decl, ""));
                        let name = name.trim().trim_matches('"').to_owned();
                        relations.insert(k.trim().to_owned(), name.clone());
                        current_kind = name;
                    } else if !after.is_empty() {
                        current_kind = after.trim_matches('"').to_owned();
                    }
                    section = Section::Lines { directed, list };
                    in_values = false;
                }
                "partition" | "vector" => {
                    attribute = after
                        .trim_end_matches(".clu")
                        .trim_end_matches(".vec")
                        .trim()
                        .to_owned();
                    in_values = true;
                    section = Section::None;
                }
                "matrix" => {
                    skipped_matrix = true;
                    section = Section::Skip;
                }
                _ => section = Section::Skip,
            }
            continue;
        }
        match section {
            Section::Vertices => {
                let (number, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                let rest = rest.trim();
                let label = if let Some(quoted) = rest.strip_prefix('"') {
                    quoted.split('"').next().unwrap_or("").to_owned()
                } else {
                    rest.split_whitespace().next().unwrap_or(number).to_owned()
                };
                number_to_id.insert(number.to_owned(), nodes.len());
                nodes.push(Node {
                    id: number.to_owned(),
                    attrs: vec![("label".to_owned(), label)],
                });
            }
            Section::Values => {
                if let Some(node) = nodes.get_mut(value_at) {
                    node.attrs.push((attribute.clone(), line.to_owned()));
                }
                value_at += 1;
            }
            Section::Lines { directed, list } => {
                let (kind, body) = match line.split_once(':') {
                    Some((k, body)) if relations.contains_key(k.trim()) => {
                        (relations.get(k.trim()).cloned().unwrap_or_default(), body)
                    }
                    _ => (current_kind.clone(), line),
                };
                let parts: Vec<&str> = body.split_whitespace().collect();
                let place = format!("line {line_no}");
                let id_of = |s: &str| {
                    number_to_id
                        .get(s)
                        .and_then(|&i| nodes.get(i))
                        .map_or_else(|| s.to_owned(), |node| node.id.clone())
                };
                if list {
                    let Some((from, targets)) = parts.split_first() else {
                        continue;
                    };
                    for to in targets {
                        edges.push(Edge {
                            place: place.clone(),
                            from: id_of(from),
                            to: id_of(to),
                            kind: kind.clone(),
                            weight: 1.0,
                            directed,
                        });
                    }
                } else if let [from, to, rest @ ..] = parts.as_slice() {
                    let weight = rest
                        .first()
                        .and_then(|w| w.parse::<f64>().ok())
                        .unwrap_or(1.0);
                    edges.push(Edge {
                        place,
                        from: id_of(from),
                        to: id_of(to),
                        kind,
                        weight,
                        directed,
                    });
                }
            }
            Section::None | Section::Skip => {}
        }
    }
    if let Some(n) = declared {
        let listed = nodes.len();
        for k in 1..=n.min(1_000_000) {
            let id = k.to_string();
            if !number_to_id.contains_key(&id) {
                number_to_id.insert(id.clone(), nodes.len());
                nodes.push(Node {
                    id: id.clone(),
                    attrs: vec![("label".to_owned(), id)],
                });
            }
        }
        if nodes.len() > listed {
            let rest = nodes.len() - listed;
            notes.push(format!(
                "*Vertices {n} lists {listed}: {}",
                if rest == 1 {
                    "the other one is read as a person named by its number".to_owned()
                } else {
                    format!("the other {rest} are read as people named by their number")
                }
            ));
        }
    }
    if skipped_matrix {
        notes
            .push("a *Matrix section was not read: save the network with arcs or edges".to_owned());
    }
    // Pajek numbers vertices; their labels are the names, and the ids when all differ.
    let labels: std::collections::HashSet<&str> = nodes
        .iter()
        .filter_map(|n| n.attrs.first().map(|(_, l)| l.as_str()))
        .collect();
    if labels.len() == nodes.len() {
        let relabel: HashMap<String, String> = nodes
            .iter()
            .filter_map(|n| n.attrs.first().map(|(_, l)| (n.id.clone(), l.clone())))
            .collect();
        for n in &mut nodes {
            if let Some(l) = relabel.get(&n.id) {
                n.id.clone_from(l);
            }
        }
        for e in &mut edges {
            for end in [&mut e.from, &mut e.to] {
                if let Some(l) = relabel.get(end.as_str()) {
                    end.clone_from(l);
                }
            }
        }
    }
    Ok((nodes, edges, title, notes))
}

/// GraphML (`gexf` false) or GEXF (`gexf` true): attribute declarations, nodes with their data
/// or attribute values, edges with theirs. yEd's node labels are read as names.
fn read_xml(text: &str, gexf: bool) -> Result<Read, Vec<Problem>> {
    // Text is trimmed once whole: trimming each piece would eat the spaces around "&amp;".
    let mut reader = Reader::from_str(text);
    // Declared attributes: id → (name, for nodes?).
    let mut declared: HashMap<String, String> = HashMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    let mut directed_default = true;
    // Where we are: inside a node or an edge, and inside which data element.
    let mut node: Option<Node> = None;
    let mut edge: Option<(Edge, Vec<(String, String)>)> = None;
    let mut data_key: Option<String> = None;
    let mut data_text = String::new();
    let mut attr_class_node = true;
    let mut in_yed_label = false;
    let mut edge_count = 0usize;
    // The graph's own name: GEXF's <meta><description>, GraphML's <desc> of the graph.
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut title_text = String::new();
    let mut label_text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            vec![Problem::new(
                format!("byte {}", reader.error_position()),
                format!("the file is not well-formed XML: {e}"),
            )]
        })?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_owned();
                let mut attrs: HashMap<String, String> = HashMap::new();
                for a in e.attributes().flatten() {
                    let k = a.key.local_name().as_ref().to_owned();
                    let v = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map(std::borrow::Cow::into_owned)
                        .unwrap_or_default();
                    attrs.insert(k, v);
                }
                let get = |k: &str| attrs.get(k).cloned().unwrap_or_default();
                match name.as_str() {
                    "key" if !gexf => {
                        declared.insert(get("id"), get("attr.name"));
                    }
                    "attributes" if gexf => attr_class_node = get("class") != "edge",
                    "attribute" if gexf => {
                        let prefix = if attr_class_node { "n:" } else { "e:" };
                        declared.insert(format!("{prefix}{}", get("id")), get("title"));
                    }
                    "graph" => {
                        let default = if gexf {
                            get("defaultedgetype")
                        } else {
                            get("edgedefault")
                        };
                        directed_default = default != "undirected";
                    }
                    "node" if node.is_none() && edge.is_none() => {
                        let mut n = Node {
                            id: get("id"),
                            attrs: Vec::new(),
                        };
                        if gexf && attrs.contains_key("label") {
                            n.attrs.push(("label".to_owned(), get("label")));
                        }
                        node = Some(n);
                    }
                    "edge" => {
                        edge_count += 1;
                        let directed = match attrs.get(if gexf { "type" } else { "directed" }) {
                            Some(v) => v == "directed" || v == "true",
                            None => directed_default,
                        };
                        let mut extra = Vec::new();
                        for k in ["kind", "label", "weight"] {
                            if let Some(v) = attrs.get(k) {
                                extra.push((k.to_owned(), v.clone()));
                            }
                        }
                        edge = Some((
                            Edge {
                                place: format!("edge {edge_count}"),
                                from: get("source"),
                                to: get("target"),
                                kind: String::new(),
                                weight: 1.0,
                                directed,
                            },
                            extra,
                        ));
                    }
                    "data" if !gexf => {
                        data_key = Some(get("key"));
                        data_text.clear();
                        label_text.clear();
                    }
                    "attvalue" if gexf => {
                        let prefix = if edge.is_some() { "e:" } else { "n:" };
                        let id = format!("{prefix}{}", get("for"));
                        let k = declared.get(&id).cloned().unwrap_or_else(|| get("for"));
                        let v = get("value");
                        if let Some((_, extra)) = &mut edge {
                            extra.push((k, v));
                        } else if let Some(n) = &mut node {
                            n.attrs.push((k, v));
                        }
                    }
                    "NodeLabel" => in_yed_label = true,
                    "description" | "desc"
                        if node.is_none() && edge.is_none() && title.is_none() =>
                    {
                        in_title = !empty;
                    }
                    _ => {}
                }
                // A self-closing node, edge or data element gives no End event: it ends here.
                if empty {
                    match name.as_str() {
                        "node" => nodes.extend(node.take()),
                        "edge" => {
                            if let Some((e, extra)) = edge.take() {
                                edges.push(finish_edge(e, extra));
                            }
                        }
                        "data" => data_key = None,
                        "NodeLabel" => in_yed_label = false,
                        _ => {}
                    }
                }
            }
            Event::Text(ref t) => {
                let piece = t.xml_content(XmlVersion::Implicit1_0);
                add_text(
                    &piece,
                    in_title,
                    in_yed_label,
                    &data_key,
                    &mut title_text,
                    &mut label_text,
                    &mut data_text,
                );
            }
            Event::GeneralRef(ref r) => {
                let piece = if let Ok(Some(c)) = r.resolve_char_ref() {
                    c.to_string()
                } else {
                    let name = r.xml10_content();
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .map_or_else(|| format!("&{name};"), str::to_owned)
                };
                add_text(
                    &piece,
                    in_title,
                    in_yed_label,
                    &data_key,
                    &mut title_text,
                    &mut label_text,
                    &mut data_text,
                );
            }
            Event::CData(ref t) => {
                let piece: &str = t.as_ref();
                add_text(
                    piece,
                    in_title,
                    in_yed_label,
                    &data_key,
                    &mut title_text,
                    &mut label_text,
                    &mut data_text,
                );
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                match name.as_str() {
                    "NodeLabel" => in_yed_label = false,
                    "description" | "desc" => {
                        if in_title {
                            title = Some(std::mem::take(&mut title_text).trim().to_owned());
                        }
                        in_title = false;
                    }
                    "data" => {
                        if let Some(k) = data_key.take() {
                            let attr = declared.get(&k).cloned().unwrap_or(k);
                            let mut values = Vec::new();
                            // yEd keeps the name in the node's label, inside its graphics.
                            if !label_text.trim().is_empty() {
                                values.push((
                                    "label".to_owned(),
                                    std::mem::take(&mut label_text).trim().to_owned(),
                                ));
                            }
                            let value = std::mem::take(&mut data_text).trim().to_owned();
                            if !attr.is_empty() && (values.is_empty() || !value.is_empty()) {
                                values.push((attr, value));
                            }
                            if let Some((_, extra)) = &mut edge {
                                extra.extend(values);
                            } else if let Some(n) = &mut node {
                                n.attrs.extend(values);
                            }
                        }
                    }
                    "node" => {
                        if let Some(n) = node.take() {
                            nodes.push(n);
                        }
                    }
                    "edge" => {
                        if let Some((e, extra)) = edge.take() {
                            edges.push(finish_edge(e, extra));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if nodes.is_empty() && text.contains("<matrix") {
        return Err(vec![Problem::new(
            "",
            "this file holds a matrix, not nodes and edges",
        )]);
    }
    Ok((nodes, edges, title, Vec::new()))
}

/// A piece of text (an entity resolved, a CDATA section) added where the reader is: the graph's
/// title, a yEd node label, or a data element.
fn add_text(
    piece: &str,
    in_title: bool,
    in_label: bool,
    data_key: &Option<String>,
    title: &mut String,
    label: &mut String,
    data: &mut String,
) {
    if in_title {
        title.push_str(piece);
    } else if in_label {
        label.push_str(piece);
    } else if data_key.is_some() {
        data.push_str(piece);
    }
}

fn finish_edge(mut e: Edge, extra: Vec<(String, String)>) -> Edge {
    for (k, v) in extra {
        let nk = key(&k);
        if KIND_KEYS.contains(&nk.as_str()) && e.kind.is_empty() {
            e.kind = v;
        } else if WEIGHT_KEYS.contains(&nk.as_str())
            && let Ok(w) = v.trim().parse::<f64>()
        {
            e.weight = w;
        }
    }
    e
}

/// The node attributes orgflow writes, with their GraphML/GEXF types, in the order of
/// [`node_values`].
const NODE_ATTRS: [(&str, &str); 17] = [
    ("name", "string"),
    ("title", "string"),
    ("team", "string"),
    ("status", "string"),
    ("vacant", "boolean"),
    ("external", "boolean"),
    ("level", "int"),
    ("direct_reports", "int"),
    ("total_reports", "int"),
    ("hierarchical_load", "double"),
    ("hierarchical_share", "double"),
    ("distributed_load", "double"),
    ("distributed_share", "double"),
    ("links_in", "double"),
    ("links_in_share", "double"),
    ("betweenness", "double"),
    ("junior_fte", "double"),
];

/// A person's values for [`NODE_ATTRS`]; `None` leaves the attribute out for them.
fn node_values(p: &Person, f: &crate::analysis::PersonFigures) -> [Option<String>; 17] {
    let num = |x: f64| Some(x.to_string());
    [
        Some(p.display_name().to_owned()),
        Some(p.title.clone()),
        Some(p.team.clone()),
        Some(p.status.word().to_owned()),
        Some(p.vacant.to_string()),
        Some(p.external.to_string()),
        Some(f.level.to_string()),
        Some(f.direct_reports.to_string()),
        Some(f.total_reports.to_string()),
        num(f.hierarchical.load),
        num(f.hierarchical.share),
        num(f.distributed.load),
        num(f.distributed.share),
        num(f.links_in),
        num(f.links_in_share),
        f.betweenness.and_then(num),
        num(f.junior_fte),
    ]
}

/// Every edge orgflow writes: reporting lines first (the person to their manager, kind
/// `reports_to`), then dotted lines (kind `dotted_line`), then the links in file order.
fn all_edges(org: &Org) -> Vec<(&str, &str, &str, f64)> {
    let mut out: Vec<(&str, &str, &str, f64)> = org
        .people
        .iter()
        .filter_map(|p| {
            p.manager
                .as_ref()
                .map(|m| (p.id.as_str(), m.as_str(), "reports_to", 1.0))
        })
        .collect();
    out.extend(org.people.iter().flat_map(|p| {
        p.dotted_managers
            .iter()
            .map(|m| (p.id.as_str(), m.as_str(), "dotted_line", 1.0))
    }));
    out.extend(
        org.links
            .iter()
            .map(|l| (l.from.as_str(), l.to.as_str(), l.kind.as_str(), l.weight)),
    );
    out
}

/// The org as a graph file: people as nodes with their figures, reporting lines (kind
/// `reports_to`) and links as directed edges.
pub fn write_graph(
    org: &Org,
    analysis: &crate::analysis::Analysis,
    format: GraphFormat,
) -> Vec<u8> {
    match format {
        GraphFormat::GraphMl => write_xml(org, analysis, false),
        GraphFormat::Gexf => write_xml(org, analysis, true),
        GraphFormat::Pajek => write_pajek(org),
    }
}

fn write_pajek(org: &Org) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "*Network \"{}\"", org.name.replace('"', "'"));
    let _ = writeln!(out, "*Vertices {}", org.people.len());
    let mut number: HashMap<&str, usize> = HashMap::new();
    for (i, p) in org.people.iter().enumerate() {
        number.insert(p.id.as_str(), i + 1);
        let _ = writeln!(out, "{} \"{}\"", i + 1, p.id.as_str().replace('"', "'"));
    }
    // One relation per kind, reporting lines first: `*Arcs :k "kind"` then `k: a b w` lines.
    let edges = all_edges(org);
    let mut kinds: Vec<&str> = Vec::new();
    for (_, _, kind, _) in &edges {
        if !kinds.contains(kind) {
            kinds.push(kind);
        }
    }
    for (k, kind) in kinds.iter().enumerate() {
        let _ = writeln!(out, "*Arcs :{} \"{}\"", k + 1, kind.replace('"', "'"));
    }
    let _ = writeln!(out, "*Arcs");
    for (from, to, kind, weight) in &edges {
        let (Some(a), Some(b), Some(k)) = (
            number.get(from),
            number.get(to),
            kinds.iter().position(|x| x == kind),
        ) else {
            continue;
        };
        let _ = writeln!(out, "{}: {a} {b} {weight}", k + 1);
    }
    out.into_bytes()
}

fn write_xml(org: &Org, analysis: &crate::analysis::Analysis, gexf: bool) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into memory cannot fail: the results are checked only so nothing panics.
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let edges = all_edges(org);
    let nodes = || org.people.iter().zip(&analysis.persons);
    if gexf {
        let _ = w
            .create_element("gexf")
            .with_attributes([("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])
            .write_inner_content(|w| {
                w.create_element("meta").write_inner_content(|w| {
                    w.create_element("creator")
                        .write_text_content(BytesText::new("orgflow"))?;
                    w.create_element("description")
                        .write_text_content(BytesText::new(&org.name))?;
                    Ok(())
                })?;
                w.create_element("graph")
                    .with_attributes([("defaultedgetype", "directed"), ("mode", "static")])
                    .write_inner_content(|w| {
                        w.create_element("attributes")
                            .with_attribute(("class", "node"))
                            .write_inner_content(|w| {
                                for (name, ty) in NODE_ATTRS {
                                    w.create_element("attribute")
                                        .with_attributes([
                                            ("id", name),
                                            ("title", name),
                                            ("type", ty),
                                        ])
                                        .write_empty()?;
                                }
                                Ok(())
                            })?;
                        w.create_element("attributes")
                            .with_attribute(("class", "edge"))
                            .write_inner_content(|w| {
                                w.create_element("attribute")
                                    .with_attributes([
                                        ("id", "kind"),
                                        ("title", "kind"),
                                        ("type", "string"),
                                    ])
                                    .write_empty()?;
                                Ok(())
                            })?;
                        w.create_element("nodes").write_inner_content(|w| {
                            for (p, f) in nodes() {
                                w.create_element("node")
                                    .with_attributes([
                                        ("id", p.id.as_str()),
                                        ("label", p.display_name()),
                                    ])
                                    .write_inner_content(|w| {
                                        w.create_element("attvalues").write_inner_content(|w| {
                                            for ((name, _), value) in
                                                NODE_ATTRS.iter().zip(node_values(p, f))
                                            {
                                                if let Some(v) = value {
                                                    w.create_element("attvalue")
                                                        .with_attributes([
                                                            ("for", *name),
                                                            ("value", v.as_str()),
                                                        ])
                                                        .write_empty()?;
                                                }
                                            }
                                            Ok(())
                                        })?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                        w.create_element("edges").write_inner_content(|w| {
                            for (i, (from, to, kind, weight)) in edges.iter().enumerate() {
                                let id = i.to_string();
                                let weight = weight.to_string();
                                w.create_element("edge")
                                    .with_attributes([
                                        ("id", id.as_str()),
                                        ("source", from),
                                        ("target", to),
                                        ("weight", weight.as_str()),
                                        ("label", kind),
                                    ])
                                    .write_inner_content(|w| {
                                        w.create_element("attvalues").write_inner_content(|w| {
                                            w.create_element("attvalue")
                                                .with_attributes([
                                                    ("for", "kind"),
                                                    ("value", *kind),
                                                ])
                                                .write_empty()?;
                                            Ok(())
                                        })?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            });
    } else {
        let _ = w
            .create_element("graphml")
            .with_attributes([
                ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ])
            .write_inner_content(|w| {
                for (name, ty) in NODE_ATTRS {
                    w.create_element("key")
                        .with_attributes([
                            ("id", name),
                            ("for", "node"),
                            ("attr.name", name),
                            ("attr.type", ty),
                        ])
                        .write_empty()?;
                }
                for (name, ty) in [("kind", "string"), ("weight", "double")] {
                    w.create_element("key")
                        .with_attributes([
                            ("id", name),
                            ("for", "edge"),
                            ("attr.name", name),
                            ("attr.type", ty),
                        ])
                        .write_empty()?;
                }
                w.create_element("graph")
                    .with_attributes([("id", "G"), ("edgedefault", "directed")])
                    .write_inner_content(|w| {
                        w.create_element("desc")
                            .write_text_content(BytesText::new(&org.name))?;
                        for (p, f) in nodes() {
                            w.create_element("node")
                                .with_attribute(("id", p.id.as_str()))
                                .write_inner_content(|w| {
                                    for ((name, _), value) in
                                        NODE_ATTRS.iter().zip(node_values(p, f))
                                    {
                                        if let Some(v) = value {
                                            w.create_element("data")
                                                .with_attribute(("key", *name))
                                                .write_text_content(BytesText::new(&v))?;
                                        }
                                    }
                                    Ok(())
                                })?;
                        }
                        for (from, to, kind, weight) in &edges {
                            let weight = weight.to_string();
                            w.create_element("edge")
                                .with_attributes([("source", *from), ("target", *to)])
                                .write_inner_content(|w| {
                                    w.create_element("data")
                                        .with_attribute(("key", "kind"))
                                        .write_text_content(BytesText::new(kind))?;
                                    w.create_element("data")
                                        .with_attribute(("key", "weight"))
                                        .write_text_content(BytesText::new(&weight))?;
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            });
    }
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// What a graph file of `format` cannot keep of `org`, for the user ("the 14 decision domains
/// and their rights"); empty when it keeps everything a graph can hold.
pub fn graph_losses(org: &Org, format: GraphFormat) -> Vec<String> {
    let mut lost = Vec::new();
    if !org.decisions.is_empty() {
        lost.push(crate::format::count(
            org.decisions.len(),
            "decision domain and its rights",
            "decision domains and their rights",
        ));
    }
    if !org.junior_posts.is_empty() {
        lost.push(crate::format::count(
            org.junior_posts.len(),
            "row of junior posts",
            "rows of junior posts",
        ));
    }
    let others: usize = org.people.iter().map(|p| p.co_holders.len()).sum();
    if others > 0 {
        lost.push(crate::format::count(
            others,
            "other holder of a shared post (a job share)",
            "other holders of shared posts (job shares)",
        ));
    }
    let held = org
        .people
        .iter()
        .filter(|p| p.holder.is_some() || p.fte.is_some())
        .count();
    if held > 0 {
        lost.push(format!(
            "who holds {} and their FTE",
            crate::format::count(held, "post", "posts")
        ));
    }
    if format == GraphFormat::Pajek {
        lost.push("names, titles, teams and every other field".to_owned());
    }
    lost
}
