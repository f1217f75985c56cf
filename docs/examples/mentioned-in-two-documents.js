// Instruments named in at least two documents, with each document that
// names them. Every quad is labelled with its document, so Labels() gives
// the documents whose quads name a node; the query needs no change as
// documents are added. (The instruments come from their class, each once.)
g.V("<acc:Instrument>").In("<rdf:type>").Unique().ForEach(function (i) {
  var docs = g.V(i.id).Labels().ToArray();
  if (docs.length < 2) return;
  docs.forEach(function (doc) {
    g.Emit({ instrument: i.id, documents: docs.length, document: doc });
  });
});
