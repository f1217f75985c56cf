// How often does each actor take each stance? One row per actor and
// stance with the number of distinct targets.
var stances = ["reaffirms", "welcomes", "supports", "commends", "condemns",
  "opposes", "notes", "emphasizes", "advocates", "callsFor", "adheresTo",
  "considers", "expressesConcern", "adopts", "intends"];
g.V().Has("<rdf:type>", "<acc:Statement>").Out("<acc:actor>").Unique().ToArray()
  .forEach(function (actor) {
    stances.forEach(function (stance) {
      var n = g.V(actor).Out("<acc:" + stance + ">").Unique().Count();
      if (n > 0) g.Emit({ actor: actor, stance: stance, targets: n });
    });
  });
