// Every statement about one instrument, with the sentence it was read
// from: the evidence behind its edges. A stance statement names the
// instrument as its acc:target (and has an acc:actor); a fact statement
// names it as its acc:subject (and has an acc:object). The first line
// names the columns in the order the table shows them.
var columns = ["paragraph", "actor", "predicate", "object", "sentence"];
g.V("<https://w3id.org/accord/id/instrument/sco-treaty-good-neighbourliness>")
  .In(["<acc:target>", "<acc:subject>"])
  .Save("<acc:paragraph>", "paragraph")
  .Save("<acc:predicate>", "predicate")
  .Save("<acc:sentence>", "sentence")
  // optional tags last: Cayley drops a SaveOpt that follows a Save
  // which follows another SaveOpt
  .SaveOpt("<acc:actor>", "actor")
  .SaveOpt("<acc:object>", "object")
  .All()
