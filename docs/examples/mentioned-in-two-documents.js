// Instruments named in at least two documents, with each document that
// names them. Every quad is labelled with its document, so LabelContext
// keeps one document's quads; the query needs no change as documents are
// added.
var named = {};
g.V().Has("<rdf:type>", "<acc:Document>").ToArray().forEach(function (doc) {
  g.V().LabelContext(doc).Has("<rdf:type>", "<acc:Instrument>").ToArray().forEach(function (i) {
    (named[i] = named[i] || []).push(doc);
  });
});
Object.keys(named).forEach(function (i) {
  var docs = named[i];
  if (docs.length < 2) return;
  docs.forEach(function (doc) {
    g.Emit({ instrument: i, documents: docs.length, document: doc });
  });
});
