// Which entities are linked to Wikidata (owl:sameAs), by class? The
// entities are read class by class, each once (Unique): the classes whose
// gazetteers give Wikidata items. (g.V().Has("<owl:sameAs>") would read
// every quad of a bbolt store: it has no index by predicate alone.)
var columns = ["class", "entity", "wikidata"];
var seen = {};
["<acc:State>", "<acc:Organization>", "<acc:Group>", "<acc:Instrument>",
  "<acc:City>"].forEach(function (cls) {
  g.V(cls).In("<rdf:type>").Unique().ForEach(function (e) {
    if (seen[e.id]) return;
    seen[e.id] = true;
    g.V(e.id).Out("<owl:sameAs>").Unique().ForEach(function (w) {
      g.V(e.id).Out("<rdf:type>").Unique().ForEach(function (c) {
        g.Emit({ class: c.id, entity: e.id, wikidata: w.id });
      });
    });
  });
});
