// The shortest path between two entities, over stance and fact edges
// followed either way: how is Uzbekistan connected to New York?
var from = "<https://w3id.org/accord/id/state/UZB>";
var to = "<https://w3id.org/accord/id/city/new-york>";
var preds = ["reaffirms", "welcomes", "supports", "commends", "condemns",
  "opposes", "notes", "emphasizes", "advocates", "callsFor", "adheresTo",
  "considers", "expressesConcern", "adopts", "intends", "signedIn",
  "heldIn", "proposedBy", "proposedAt", "adoptedAt", "memberOf", "locatedIn"];

function short(iri) { return iri.slice(iri.indexOf("#") + 1, -1); }

// The neighbours of n over those relations, either way (a node may come
// more than once): OutPredicates() and InPredicates() say which relations
// n has, and each is followed with Unique() (every document restates the
// edges it shares with others). Remembered per node.
var seen = {};
function relations(n) {
  var out = {}, inn = {};
  g.V(n).OutPredicates().ToArray().forEach(function (p) { out[short(p)] = true; });
  g.V(n).InPredicates().ToArray().forEach(function (p) { inn[short(p)] = true; });
  return [out, inn];
}
function neighbours(n) {
  if (seen[n]) return seen[n];
  var r = relations(n), ids = [];
  preds.forEach(function (p) {
    if (r[0][p]) ids.push(g.V(n).Out("<acc:" + p + ">").Unique().ToArray());
    if (r[1][p]) ids.push(g.V(n).In("<acc:" + p + ">").Unique().ToArray());
  });
  return (seen[n] = [].concat.apply([], ids));
}

// The neighbours of a few thousand nodes at once, each once (a node of
// them may come back): one hop per relation, from the nodes that have it.
var isRelation = {};
preds.forEach(function (p) { isRelation[p] = true; });
function around(nodes) {
  var from = [{}, {}]; // relation → the nodes with it, out and in
  nodes.forEach(function (n) {
    var r = relations(n);
    for (var side = 0; side < 2; side++) {
      for (var p in r[side]) {
        if (isRelation[p]) (from[side][p] = from[side][p] || []).push(n);
      }
    }
  });
  var found = [];
  preds.forEach(function (p) {
    if (from[0][p]) found.push(g.V.apply(g, from[0][p]).Out("<acc:" + p + ">").Unique().ToArray());
    if (from[1][p]) found.push(g.V.apply(g, from[1][p]).In("<acc:" + p + ">").Unique().ToArray());
  });
  return [].concat.apply([], found);
}

// A breadth-first search from both ends, one whole level at a time on the
// side whose frontier is smaller, until the two meet: d steps apart.
var dist = [{}, {}]; // from each end: node → steps
var levels = [[[from]], [[to]]];
dist[0][from] = 0;
dist[1][to] = 0;
var d = from === to ? 0 : -1;
while (d < 0) {
  var f0 = levels[0][levels[0].length - 1], f1 = levels[1][levels[1].length - 1];
  if (f0.length === 0 || f1.length === 0) break; // no path
  var side = f0.length <= f1.length ? 0 : 1;
  var level = levels[side].length, next = [], here = dist[side];
  var last = levels[side][level - 1];
  for (var i = 0; i < last.length; i += 2000) {
    var ns = around(last.slice(i, i + 2000));
    for (var j = 0; j < ns.length; j++) {
      if (!(ns[j] in here)) {
        here[ns[j]] = level;
        next.push(ns[j]);
      }
    }
  }
  next.forEach(function (n) {
    if (n in dist[1 - side] && (d < 0 || level + dist[1 - side][n] < d)) {
      d = level + dist[1 - side][n];
    }
  });
  levels[side].push(next);
}

// The nodes on shortest paths, by their distance from the start: where the
// searches met (a steps from the start), then outwards, each step the
// neighbours of the last whose distance from the end searched fits.
var on = [];
var a = levels[0].length - 1;
function nearer(ns, side, steps) {
  var set = {}, out = [];
  ns.forEach(function (n) {
    neighbours(n).forEach(function (m) {
      if (dist[side][m] === steps && !set[m]) { set[m] = true; out.push(m); }
    });
  });
  return out;
}
if (d > 0) {
  on[a] = levels[0][a].filter(function (n) { return dist[1][n] === d - a; });
  for (var k = a - 1; k >= 0; k--) on[k] = nearer(on[k + 1], 0, k);
  for (var k = a + 1; k <= d; k++) on[k] = nearer(on[k - 1], 1, d - k);
}

// The first relation (by name, then direction: "-p->" before "<-p-") by
// which node a reaches node b.
function relation(a, b) {
  var r = relations(a), found = [];
  preds.forEach(function (p) {
    if (r[0][p] && g.V(a).Out("<acc:" + p + ">").Unique().ToArray().indexOf(b) >= 0) {
      found.push(p + ",-" + p + "->");
    }
    if (r[1][p] && g.V(a).In("<acc:" + p + ">").Unique().ToArray().indexOf(b) >= 0) {
      found.push(p + ",<-" + p + "-");
    }
  });
  var f = found.sort()[0];
  return f.slice(f.indexOf(",") + 1);
}

// The path a breadth-first search from the start alone, in IRI order,
// would find: each node's predecessor is the first (by IRI) node one step
// nearer the start that has an edge to it, by the first of those edges.
var hops = [];
for (var k = d, n = to; k > 0; k--) {
  var before = {};
  on[k - 1].forEach(function (m) { before[m] = true; });
  var prev = neighbours(n).filter(function (m) { return before[m]; }).sort()[0];
  hops.unshift([prev, relation(prev, n), n]);
  n = prev;
}
hops.forEach(function (h, i) {
  g.Emit({ step: i + 1, from: h[0], relation: h[1], to: h[2] });
});
