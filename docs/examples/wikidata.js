// Which entities are linked to Wikidata (owl:sameAs), by class?
g.V().Has("<owl:sameAs>")
  .Save("<rdf:type>", "class")
  .Tag("entity")
  .Save("<owl:sameAs>", "wikidata")
  .All()
