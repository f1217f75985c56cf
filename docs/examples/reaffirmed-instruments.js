// Which instruments, organizations and states do the SCO member states
// reaffirm, and under which names? (Run: accord query -f this-file)
// Every document restates what it shares with others, so a hop finds a
// target once per document: Unique() keeps one, and each target's names
// are read from that node (a hop from a fixed node stays fast).
g.V("<https://w3id.org/accord/id/group/sco-member-states>")
  .Out("<acc:reaffirms>").Unique()
  .ForEach(function (t) {
    g.V(t.id).Out("<rdfs:label>").Unique().ForEach(function (l) {
      g.Emit({ target: t.id, label: l.id });
    });
  });
