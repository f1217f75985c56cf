// Which states (and organizations) proposed which initiatives and
// instruments, and at which meeting? The proposers come from their
// classes, each once (Unique); the rest is read node by node.
var columns = ["proposer", "proposal", "class", "at"];
["<acc:State>", "<acc:Organization>"].forEach(function (cls) {
  g.V(cls).In("<rdf:type>").Unique().ForEach(function (p) {
    g.V(p.id).In("<acc:proposedBy>").Unique().ForEach(function (x) {
      var ats = g.V(x.id).Out("<acc:proposedAt>").Unique().ToArray();
      g.V(x.id).Out("<rdf:type>").Unique().ForEach(function (c) {
        (ats.length ? ats : [null]).forEach(function (at) {
          g.Emit({ proposer: p.id, proposal: x.id, class: c.id, at: at });
        });
      });
    });
  });
});
