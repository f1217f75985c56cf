// Meetings by city and date: where each meeting was held, on which day it
// opened and, for a range, ended.
g.V().Has("<rdf:type>", "<acc:Meeting>")
  .SaveOpt("<acc:heldIn>", "city")
  .SaveOpt("<acc:heldOn>", "date")
  .SaveOpt("<acc:endedOn>", "until")
  .Tag("meeting")
  .All()
