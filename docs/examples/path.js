// The shortest path between two entities, over stance and fact edges
// followed either way: how is Uzbekistan connected to New York?
var from = "<https://w3id.org/accord/id/state/UZB>";
var to = "<https://w3id.org/accord/id/city/new-york>";
var preds = ["reaffirms", "welcomes", "supports", "commends", "condemns",
  "opposes", "notes", "emphasizes", "advocates", "callsFor", "adheresTo",
  "considers", "expressesConcern", "adopts", "intends", "signedIn",
  "heldIn", "proposedBy", "proposedAt", "adoptedAt", "memberOf", "locatedIn"
].map(function (p) { return "<acc:" + p + ">"; });

function short(iri) { return iri.slice(iri.indexOf("#") + 1, -1); }

// Breadth first, neighbours in a fixed order, so that the path found is
// the same whatever order the store returns edges in.
var parent = {}; // node → [previous node, relation]
parent[from] = null;
var frontier = [from];
while (frontier.length > 0 && !(to in parent)) {
  var next = [];
  frontier.forEach(function (n) {
    var hops = [];
    g.V(n).Out(preds, "p").TagArray().forEach(function (r) {
      hops.push([r.id, r.p, "-" + short(r.p) + "->"]);
    });
    g.V(n).In(preds, "p").TagArray().forEach(function (r) {
      hops.push([r.id, r.p, "<-" + short(r.p) + "-"]);
    });
    hops.sort().forEach(function (h) {
      if (!(h[0] in parent)) {
        parent[h[0]] = [n, h[2]];
        next.push(h[0]);
      }
    });
  });
  frontier = next.sort();
}

var hops = [];
for (var n = to; parent[n]; n = parent[n][0]) {
  hops.unshift([parent[n][0], parent[n][1], n]);
}
hops.forEach(function (h, i) {
  g.Emit({ step: i + 1, from: h[0], relation: h[1], to: h[2] });
});
