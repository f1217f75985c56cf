// Which instruments, organizations and states do the SCO member states
// reaffirm, and under which names? (Run: accord query -f this-file)
g.V("<https://w3id.org/accord/id/group/sco-member-states>")
  .Out("<https://w3id.org/accord/ns#reaffirms>").Tag("target")
  .Out("<http://www.w3.org/2000/01/rdf-schema#label>").Tag("label")
  .All()
