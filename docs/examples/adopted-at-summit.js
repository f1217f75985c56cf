// What did the summit that issued each declaration adopt? From the
// documents (each once) to the meetings that issued them, each once, kept
// when they adopted something (HasR: the object of an acc:adoptedAt edge);
// then from each such meeting, what it adopted and the documents it issued.
g.V("<acc:Document>").In("<rdf:type>").Unique()
  .Out("<acc:issuedAt>").Unique()
  .HasR("<acc:adoptedAt>").Unique()
  .ForEach(function (s) {
    var adopted = g.V(s.id).In("<acc:adoptedAt>").Unique().ToArray();
    g.V(s.id).In("<acc:issuedAt>").Unique().ForEach(function (d) {
      adopted.forEach(function (a) {
        g.Emit({ document: d.id, summit: s.id, adopted: a });
      });
    });
  });
