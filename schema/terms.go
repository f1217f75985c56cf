package schema

import (
	"fmt"
	"sort"
	"strings"
)

// Class describes one entity class: its short name, IRI and IRI path.
type Class struct {
	Name string // Name is the short name used in rule files and gold files ("State").
	IRI  string // IRI is the class IRI (acc:State).
	Path string // Path is the IRI path segment of its entities ("state").
	// Actor says whether entities of the class can be the subject of a stance.
	Actor bool
}

// Classes lists the scored entity classes in a fixed order.
var Classes = []Class{
	{"State", State, "state", true},
	{"Organization", Organization, "org", true},
	{"Group", Group, "group", true},
	{"Instrument", Instrument, "instrument", false},
	{"Meeting", Meeting, "meeting", false},
	{"Initiative", Initiative, "initiative", false},
	{"City", City, "city", false},
}

// ClassByName returns the class with the given short name.
func ClassByName(name string) (Class, bool) {
	for _, c := range Classes {
		if c.Name == name {
			return c, true
		}
	}
	return Class{}, false
}

// ClassByIRI returns the class with the given IRI.
func ClassByIRI(iri string) (Class, bool) {
	for _, c := range Classes {
		if c.IRI == iri {
			return c, true
		}
	}
	return Class{}, false
}

// ClassNames returns the short names of all classes, for messages.
func ClassNames() []string {
	out := make([]string, len(Classes))
	for i, c := range Classes {
		out[i] = c.Name
	}
	return out
}

// StancePredicates are the predicates of what an actor says about a target,
// by short name.
var StancePredicates = map[string]string{
	"reaffirms": Reaffirms, "welcomes": Welcomes, "supports": Supports,
	"commends": Commends, "condemns": Condemns, "opposes": Opposes,
	"notes": Notes, "emphasizes": Emphasizes, "advocates": Advocates,
	"callsFor": CallsFor, "adheresTo": AdheresTo, "considers": Considers,
	"expressesConcern": ExpressesConcern, "adopts": Adopts, "intends": Intends,
}

// FactPredicates are the predicates of facts about entities, by short name.
var FactPredicates = map[string]string{
	"signedIn": SignedIn, "signedOn": SignedOn, "heldIn": HeldIn,
	"heldOn": HeldOn, "endedOn": EndedOn, "proposedBy": ProposedBy,
	"proposedAt": ProposedAt, "adoptedAt": AdoptedAt, "memberOf": MemberOf,
	"locatedIn": LocatedIn,
}

// PredicateByName returns the IRI of a stance or fact predicate by short name.
func PredicateByName(name string) (string, error) {
	if p, ok := StancePredicates[name]; ok {
		return p, nil
	}
	if p, ok := FactPredicates[name]; ok {
		return p, nil
	}
	return "", fmt.Errorf("unknown predicate %q (known: %s)", name, strings.Join(PredicateNames(), ", "))
}

// PredicateNames returns the sorted short names of all scored predicates.
func PredicateNames() []string {
	var out []string
	for k := range StancePredicates {
		out = append(out, k)
	}
	for k := range FactPredicates {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// IsScoredPredicate reports whether iri is a stance or fact predicate.
func IsScoredPredicate(iri string) bool {
	name, ok := strings.CutPrefix(iri, NS)
	if !ok {
		return false
	}
	_, s := StancePredicates[name]
	_, f := FactPredicates[name]
	return s || f
}

// ShortName returns the part of an acc: IRI after the namespace, or the IRI.
func ShortName(iri string) string {
	if s, ok := strings.CutPrefix(iri, NS); ok {
		return s
	}
	return iri
}

// ExpandIRI turns a prefixed name of a registered namespace (xsd:date) into
// the full IRI; other strings are returned as they are. Cayley hands some
// IRIs back in prefixed form.
func ExpandIRI(s string) string {
	for _, p := range Prefixes {
		if rest, ok := strings.CutPrefix(s, p.Prefix); ok && !strings.HasPrefix(rest, "//") {
			return p.IRI + rest
		}
	}
	return s
}
