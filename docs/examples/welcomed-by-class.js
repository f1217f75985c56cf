// Everything the SCO member states welcome, grouped by class.
var columns = ["class", "welcomed"];
g.V("<https://w3id.org/accord/id/group/sco-member-states>")
  .Out("<acc:welcomes>").Unique()
  .ForEach(function (w) {
    g.V(w.id).Out("<rdf:type>").Unique().ForEach(function (c) {
      g.Emit({ class: c.id, welcomed: w.id });
    });
  });
