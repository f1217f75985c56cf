// The shortest path between two entities, over stance and fact edges
// followed either way: how is Uzbekistan connected to New York?
var from = "<https://w3id.org/accord/id/state/UZB>";
var to = "<https://w3id.org/accord/id/city/new-york>";
var preds = ["reaffirms", "welcomes", "supports", "commends", "condemns",
  "opposes", "notes", "emphasizes", "advocates", "callsFor", "adheresTo",
  "considers", "expressesConcern", "adopts", "intends", "signedIn",
  "heldIn", "proposedBy", "proposedAt", "adoptedAt", "memberOf", "locatedIn"];

function short(iri) { return iri.slice(iri.indexOf("#") + 1, -1); }

// The relations n has, out and in: OutPredicates() and InPredicates()
// (remembered per node, as every hop ending in Unique()).
function relations(n) {
  var out = {}, inn = {};
  g.V(n).OutPredicates().ToArray().forEach(function (p) { out[short(p)] = true; });
  g.V(n).InPredicates().ToArray().forEach(function (p) { inn[short(p)] = true; });
  return [out, inn];
}

// The hops from a few thousand nodes along the relations they have, one
// per relation and direction, each from the nodes that have it (its
// answer each once: Unique()).
var isRelation = {};
preds.forEach(function (p) { isRelation[p] = true; });
function hops(nodes) {
  var from = [{}, {}]; // relation → the nodes with it, out and in
  nodes.forEach(function (n) {
    var r = relations(n);
    for (var side = 0; side < 2; side++) {
      for (var p in r[side]) {
        if (isRelation[p]) (from[side][p] = from[side][p] || []).push(n);
      }
    }
  });
  var out = [];
  preds.forEach(function (p) {
    if (from[0][p]) out.push(g.V.apply(g, from[0][p]).Out("<acc:" + p + ">").Unique());
    if (from[1][p]) out.push(g.V.apply(g, from[1][p]).In("<acc:" + p + ">").Unique());
  });
  return out;
}

// The neighbours of a few thousand nodes, each once per relation (a
// node may come back).
function around(nodes) {
  return [].concat.apply([], hops(nodes).map(function (h) { return h.ToArray(); }));
}

// The nodes of other that a node of nodes has an edge to, each once: the
// store intersects each hop with them, so a level that would meet the
// other side is never listed here (it can be tens of thousands of nodes).
function meeting(nodes, other) {
  var seen = {}, out = [];
  for (var i = 0; i < nodes.length; i += 2000) {
    var hs = hops(nodes.slice(i, i + 2000));
    for (var k = 0; k < other.length; k += 10000) {
      var there = other.slice(k, k + 10000);
      hs.forEach(function (h) {
        h.Intersect(g.V.apply(g, there)).ToArray().forEach(function (n) {
          if (!seen[n]) { seen[n] = true; out.push(n); }
        });
      });
    }
  }
  return out;
}

// A breadth-first search from both ends, one whole level at a time on the
// side whose frontier is smaller, until the two meet: d steps apart. The
// nodes where they meet are on[a], a steps from the start.
var dist = [{}, {}]; // from each end: node → steps
var levels = [[[from]], [[to]]];
dist[0][from] = 0;
dist[1][to] = 0;
var d = from === to ? 0 : -1;
var on = [], a = 0;
while (d < 0) {
  var f0 = levels[0][levels[0].length - 1], f1 = levels[1][levels[1].length - 1];
  if (f0.length === 0 || f1.length === 0) break; // no path
  var side = f0.length <= f1.length ? 0 : 1;
  var last = side === 0 ? f0 : f1;
  var meet = meeting(last, side === 0 ? f1 : f0);
  if (meet.length > 0) {
    // the next level of this side holds nodes of the other's frontier
    d = levels[0].length + levels[1].length - 1;
    a = side === 0 ? levels[0].length : levels[0].length - 1;
    on[a] = meet;
    break;
  }
  var level = levels[side].length, next = [], here = dist[side];
  for (var i = 0; i < last.length; i += 2000) {
    var ns = around(last.slice(i, i + 2000));
    for (var j = 0; j < ns.length; j++) {
      if (!(ns[j] in here)) {
        here[ns[j]] = level;
        next.push(ns[j]);
      }
    }
  }
  levels[side].push(next);
}

// The nodes on shortest paths, by their distance from the start: where the
// searches met, then outwards, each step the nodes of the level one step
// further that a node of the last has an edge to.
if (d > 0) {
  for (var k = a - 1; k >= 0; k--) on[k] = meeting(on[k + 1], levels[0][k]);
  for (var k = a + 1; k <= d; k++) on[k] = meeting(on[k - 1], levels[1][d - k]);
}

// The first relation (by name, then direction: "-p->" before "<-p-") by
// which node a reaches node b.
function relation(a, b) {
  var r = relations(a), found = [];
  preds.forEach(function (p) {
    if (r[0][p] && g.V(a).Out("<acc:" + p + ">").Unique().Intersect(g.V(b)).ToArray().length > 0) {
      found.push(p + ",-" + p + "->");
    }
    if (r[1][p] && g.V(a).In("<acc:" + p + ">").Unique().Intersect(g.V(b)).ToArray().length > 0) {
      found.push(p + ",<-" + p + "-");
    }
  });
  var f = found.sort()[0];
  return f.slice(f.indexOf(",") + 1);
}

// The path a breadth-first search from the start alone, in IRI order,
// would find: each node's predecessor is the first (by IRI) node one step
// nearer the start that has an edge to it, by the first of those edges.
var path = [];
for (var k = d, n = to; k > 0; k--) {
  var prev = meeting([n], on[k - 1]).sort()[0];
  path.unshift([prev, relation(prev, n), n]);
  n = prev;
}
path.forEach(function (h, i) {
  g.Emit({ step: i + 1, from: h[0], relation: h[1], to: h[2] });
});
