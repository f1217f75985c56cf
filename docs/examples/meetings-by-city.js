// Meetings by city and date: where each meeting was held, on which day it
// opened and, for a range, ended. Each meeting is read once (Unique), its
// facts from the meeting node; a fact the text does not give stays empty.
var columns = ["city", "date", "until", "meeting"];
function all(node, p) {
  var vs = g.V(node).Out(p).Unique().ToArray();
  return vs.length ? vs : [null];
}
g.V("<acc:Meeting>").In("<rdf:type>").Unique().ForEach(function (m) {
  all(m.id, "<acc:heldIn>").forEach(function (city) {
    all(m.id, "<acc:heldOn>").forEach(function (date) {
      all(m.id, "<acc:endedOn>").forEach(function (until) {
        g.Emit({ city: city, date: date, until: until, meeting: m.id });
      });
    });
  });
});
