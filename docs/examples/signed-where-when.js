// Where and when was each instrument signed? An instrument the text gives
// only a place or only a date for still has its row.
g.V().Has("<acc:signedIn>")
  .Union(g.V().Has("<acc:signedOn>"))
  .Unique()
  .Tag("instrument")
  .SaveOpt("<acc:signedIn>", "city")
  .SaveOpt("<acc:signedOn>", "date")
  .All()
