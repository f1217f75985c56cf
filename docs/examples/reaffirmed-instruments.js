// Which instruments, organizations and states do the SCO member states
// reaffirm, and under which names? (Run: accord query -f this-file)
g.V("<https://w3id.org/accord/id/group/sco-member-states>")
  .Out("<acc:reaffirms>").Tag("target")
  .Out("<rdfs:label>").Tag("label")
  .All()
