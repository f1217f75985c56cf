// How often does each actor take each stance? One row per actor and
// stance with the number of distinct targets. The actors are the states,
// organizations and groups, each once (Unique); OutPredicates() says which
// stances an actor takes, and Count() counts each stance's targets.
var stances = ["reaffirms", "welcomes", "supports", "commends", "condemns",
  "opposes", "notes", "emphasizes", "advocates", "callsFor", "adheresTo",
  "considers", "expressesConcern", "adopts", "intends"];
var seen = {};
["<acc:State>", "<acc:Organization>", "<acc:Group>"].forEach(function (cls) {
  g.V(cls).In("<rdf:type>").Unique().ForEach(function (a) {
    if (seen[a.id]) return;
    seen[a.id] = true;
    var taken = {};
    g.V(a.id).OutPredicates().ForEach(function (p) {
      taken[p.id.slice(p.id.indexOf("#") + 1, -1)] = true;
    });
    stances.forEach(function (stance) {
      if (!taken[stance]) return;
      var n = g.V(a.id).Out("<acc:" + stance + ">").Unique().Count();
      if (n > 0) g.Emit({ actor: a.id, stance: stance, targets: n });
    });
  });
});
