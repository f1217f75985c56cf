// Which states (and organizations) proposed which initiatives and
// instruments, and at which meeting?
g.V().Has("<rdf:type>", "<acc:State>")
  .Union(g.V().Has("<rdf:type>", "<acc:Organization>"))
  .Tag("proposer")
  .In("<acc:proposedBy>")
  .Tag("proposal")
  .Save("<rdf:type>", "class")
  .SaveOpt("<acc:proposedAt>", "at")
  .All()
