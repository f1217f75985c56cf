// Where and when was each instrument signed? An instrument the text gives
// only a place or only a date for still has its row. The instruments come
// from their class, each read once (Unique), and their places and dates
// from each instrument in turn: no query scans every quad for a predicate.
var columns = ["instrument", "city", "date"];
g.V("<acc:Instrument>").In("<rdf:type>").Unique().ForEach(function (i) {
  var cities = g.V(i.id).Out("<acc:signedIn>").Unique().ToArray();
  var dates = g.V(i.id).Out("<acc:signedOn>").Unique().ToArray();
  if (cities.length === 0 && dates.length === 0) return;
  (cities.length ? cities : [null]).forEach(function (city) {
    (dates.length ? dates : [null]).forEach(function (date) {
      g.Emit({ instrument: i.id, city: city, date: date });
    });
  });
});
