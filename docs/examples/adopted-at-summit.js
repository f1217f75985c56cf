// What did the summit that issued each declaration adopt?
g.V().Has("<rdf:type>", "<acc:Document>").Tag("document")
  .Out("<acc:issuedAt>").Tag("summit")
  .In("<acc:adoptedAt>").Tag("adopted")
  .All()
