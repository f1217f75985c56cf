// Package schema is accord's data model: the vocabulary (classes and
// predicates) as documented constants, the minting of stable IRIs, and the
// embedded rule data (gazetteers and lexicons) that the extractors compile.
//
// It sits between the extractors, which find mentions and relations in text,
// and the graph package, which stores quads: schema is the only place that
// knows IRI strings. The contract it implements is ../shared/spec/schema.md.
package schema

// Namespaces of the vocabularies accord writes.
const (
	// NS is accord's own vocabulary.
	NS = "https://w3id.org/accord/ns#"
	// RDF is the RDF core vocabulary.
	RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	// RDFS is RDF Schema.
	RDFS = "http://www.w3.org/2000/01/rdf-schema#"
	// SKOS is the Simple Knowledge Organization System.
	SKOS = "http://www.w3.org/2004/02/skos/core#"
	// XSD is XML Schema datatypes.
	XSD = "http://www.w3.org/2001/XMLSchema#"
	// OWL is the Web Ontology Language.
	OWL = "http://www.w3.org/2002/07/owl#"
	// PROV is the W3C provenance ontology.
	PROV = "http://www.w3.org/ns/prov#"
	// SchemaOrg is schema.org.
	SchemaOrg = "https://schema.org/"
	// Wikidata is the namespace of Wikidata items (owl:sameAs targets).
	Wikidata = "http://www.wikidata.org/entity/"
	// Base is the root of every IRI accord mints.
	Base = "https://w3id.org/accord/"
)

// Prefix pairs a short prefix with its namespace, for Gizmo and exports.
type Prefix struct {
	Prefix string // Prefix is the short name with its colon, e.g. "acc:".
	IRI    string // IRI is the namespace it stands for.
}

// Prefixes lists the namespaces accord registers, in a fixed order.
var Prefixes = []Prefix{
	{"acc:", NS}, {"rdf:", RDF}, {"rdfs:", RDFS}, {"skos:", SKOS},
	{"xsd:", XSD}, {"owl:", OWL}, {"prov:", PROV}, {"schema:", SchemaOrg},
	{"wd:", Wikidata},
}

// Classes of entities (schema.md, "Entity classes").
const (
	// State is a sovereign state.
	State = NS + "State"
	// Organization is an international organization or one of its bodies.
	Organization = NS + "Organization"
	// Group is a collective actor that is not an organization (成员国, 国际社会).
	Group = NS + "Group"
	// Instrument is a named written instrument: treaty, convention, charter,
	// agreement, protocol, resolution, strategy, programme, concept, appeal.
	Instrument = NS + "Instrument"
	// Meeting is one occurrence of a summit, conference, session, named event
	// or exercise.
	Meeting = NS + "Meeting"
	// Initiative is a proposal put forward by an actor that is not (yet) an
	// instrument.
	Initiative = NS + "Initiative"
	// City is a city.
	City = NS + "City"
	// Document is a text accord has read (the declaration itself).
	Document = NS + "Document"
	// Statement is one stance relation reified with its evidence.
	Statement = NS + "Statement"
	// FactStatement is one fact (signedIn, heldOn…) reified with its
	// evidence and the rule that found it.
	FactStatement = NS + "FactStatement"
)

// Stance predicates: what an actor says about a target (schema.md).
const (
	// Reaffirms is 重申 / reaffirm.
	Reaffirms = NS + "reaffirms"
	// Welcomes is 欢迎 / welcome.
	Welcomes = NS + "welcomes"
	// Supports is 支持, 坚定支持, 赞同 / support.
	Supports = NS + "supports"
	// Commends is 高度评价, 积极评价, 肯定, 赞赏 / commend, appreciate.
	Commends = NS + "commends"
	// Condemns is 谴责 / condemn.
	Condemns = NS + "condemns"
	// Opposes is 反对 / oppose.
	Opposes = NS + "opposes"
	// Notes is 注意到, 指出 / note, take note.
	Notes = NS + "notes"
	// Emphasizes is 强调 / emphasize, stress, underline.
	Emphasizes = NS + "emphasizes"
	// Advocates is 主张 / advocate, stand for.
	Advocates = NS + "advocates"
	// CallsFor is 呼吁 / call for, call upon.
	CallsFor = NS + "callsFor"
	// AdheresTo is 恪守, 遵循, 遵守 as the main verb / adhere to, abide by.
	AdheresTo = NS + "adheresTo"
	// Considers is 认为 / believe, consider.
	Considers = NS + "considers"
	// ExpressesConcern is 表示担忧 / express concern.
	ExpressesConcern = NS + "expressesConcern"
	// Adopts is 通过 with an instrument as object / adopt.
	Adopts = NS + "adopts"
	// Intends is 将, 将继续, 愿 with a named target / will, intend.
	Intends = NS + "intends"
)

// Fact predicates: what the text states about entities (schema.md).
const (
	// SignedIn links an instrument to the city where it was signed.
	SignedIn = NS + "signedIn"
	// SignedOn links an instrument to the date it was signed.
	SignedOn = NS + "signedOn"
	// HeldIn links a meeting to the city where it was held.
	HeldIn = NS + "heldIn"
	// HeldOn links a meeting to its (first) day.
	HeldOn = NS + "heldOn"
	// EndedOn links a meeting to the last day of a date range.
	EndedOn = NS + "endedOn"
	// ProposedBy links an initiative or instrument to its proposer.
	ProposedBy = NS + "proposedBy"
	// ProposedAt links an initiative or instrument to the meeting where it was proposed.
	ProposedAt = NS + "proposedAt"
	// AdoptedAt links an instrument to the meeting that adopted it.
	AdoptedAt = NS + "adoptedAt"
	// MemberOf links a state to an organization it belongs to.
	MemberOf = NS + "memberOf"
	// LocatedIn links a city to its state.
	LocatedIn = NS + "locatedIn"
)

// Statement and document properties (schema.md, "Provenance").
const (
	// Actor is a statement's subject (who says it).
	Actor = NS + "actor"
	// PredicateP is a statement's predicate (the stance IRI).
	PredicateP = NS + "predicate"
	// Target is a statement's object (what it is about).
	Target = NS + "target"
	// SubjectP is a fact statement's subject.
	SubjectP = NS + "subject"
	// ObjectP is a fact statement's object (an entity or a date).
	ObjectP = NS + "object"
	// SubjectStart is the rune offset of a fact's subject mention.
	SubjectStart = NS + "subjectStart"
	// SubjectEnd is the rune offset where a fact's subject mention ends
	// (exclusive).
	SubjectEnd = NS + "subjectEnd"
	// Sentence is the text of the sentence a statement comes from.
	Sentence = NS + "sentence"
	// Paragraph is the 1-based number of the paragraph a statement comes from.
	Paragraph = NS + "paragraph"
	// CharStart is the rune offset in the normalized text where the
	// statement's sentence starts.
	CharStart = NS + "charStart"
	// CharEnd is the rune offset where the statement's sentence ends (exclusive).
	CharEnd = NS + "charEnd"
	// Negated is true where the text negates the statement (不允许, 不能…).
	Negated = NS + "negated"
	// TriggerP is the surface form of the word that triggered the statement.
	TriggerP = NS + "trigger"
	// TriggerStart is the rune offset of the trigger in the normalized text.
	TriggerStart = NS + "triggerStart"
	// TriggerEnd is the rune offset where the trigger ends (exclusive).
	TriggerEnd = NS + "triggerEnd"
	// TargetStart is the rune offset of the target's mention (of a fact's
	// object: the entity's mention or the date's words).
	TargetStart = NS + "targetStart"
	// TargetEnd is the rune offset where the target's mention ends (exclusive).
	TargetEnd = NS + "targetEnd"
	// Rule names the rule that produced a statement or fact.
	Rule = NS + "rule"
	// InDocument links a statement to the document it was read from.
	InDocument = NS + "inDocument"
	// Language is a document's language code ("zh", "en").
	Language = NS + "language"
	// IssuedAt links a document to the meeting that issued it.
	IssuedAt = NS + "issuedAt"
	// ContentHash is the SHA-256 of a document's bytes as read.
	ContentHash = NS + "contentHash"
	// SourceFile is the base name of the file a document was read from.
	SourceFile = NS + "sourceFile"
	// Fingerprint is the hash of a document's bytes, the rules and the
	// extractor that built it: a build skips a document whose fingerprint
	// is unchanged.
	Fingerprint = NS + "buildFingerprint"
	// TranslationOf links a document to the document it translates (or
	// that translates it): the same declaration in another language.
	TranslationOf = NS + "translationOf"
	// TitleEntity links a document to an entity its title names; two
	// documents in different languages issued at the same meeting whose
	// titles name the same entities are translations of each other.
	TitleEntity = NS + "titleEntity"
)

// Event coding (schema/events.go): CAMEO and PLOVER codes of the stance
// predicates, and the modes of a statement.
const (
	// CAMEO is the CAMEO event code of a stance predicate or a statement
	// ("051" praise or endorse).
	CAMEO = NS + "cameo"
	// PLOVER is the PLOVER event category of a stance predicate or a
	// statement ("SUPPORT"); absent where PLOVER has none (010 statements).
	PLOVER = NS + "plover"
	// Mode is a PLOVER-style mode of a statement: negated, future,
	// reaffirmed, hypothetical.
	Mode = NS + "mode"
	// VocabGraph labels the quads about the vocabulary itself (the codes
	// of the predicates), written once per store.
	VocabGraph = Base + "vocab"
)

// Terms of other vocabularies that accord uses.
const (
	// Type is rdf:type.
	Type = RDF + "type"
	// Label is rdfs:label, an entity's canonical name per language.
	Label = RDFS + "label"
	// SubClassOf is rdfs:subClassOf.
	SubClassOf = RDFS + "subClassOf"
	// AltLabel is skos:altLabel, every other surface form met in a text.
	AltLabel = SKOS + "altLabel"
	// SameAs is owl:sameAs, to a public identifier (Wikidata).
	SameAs = OWL + "sameAs"
	// WasDerivedFrom is prov:wasDerivedFrom.
	WasDerivedFrom = PROV + "wasDerivedFrom"
	// DatePublished is schema:datePublished, a document's date.
	DatePublished = SchemaOrg + "datePublished"
	// XSDDate is xsd:date.
	XSDDate = XSD + "date"
	// XSDGYearMonth is xsd:gYearMonth.
	XSDGYearMonth = XSD + "gYearMonth"
	// XSDGYear is xsd:gYear.
	XSDGYear = XSD + "gYear"
	// XSDInteger is xsd:integer.
	XSDInteger = XSD + "integer"
	// XSDBoolean is xsd:boolean.
	XSDBoolean = XSD + "boolean"
)
