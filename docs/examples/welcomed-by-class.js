// Everything the SCO member states welcome, grouped by class.
g.V("<https://w3id.org/accord/id/group/sco-member-states>")
  .Out("<acc:welcomes>")
  .Save("<rdf:type>", "class")
  .Tag("welcomed")
  .All()
