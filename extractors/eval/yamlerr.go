package eval

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/accordkg/accord/schema"
)

// goldTypes are the types a gold file decodes into, for the messages
// about unknown keys.
var goldTypes = []reflect.Type{reflect.TypeOf(goldFile{}), reflect.TypeOf(goldEntityFile{})}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

var lineRE = regexp.MustCompile(`line (\d+): (.*)`)

// shifted is a yaml error whose line numbers are relative to a sub-node.
type shifted struct {
	msgs  []string
	delta int
}

func (s *shifted) Error() string { return s.msgs[0] }

func lineShift(err error, delta int) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return &shifted{msgs: te.Errors, delta: delta}
	}
	return &shifted{msgs: []string{err.Error()}, delta: delta}
}

// yamlErr turns yaml's messages into GoldErrors with path, line and, when
// the document's tree root is known (not for a syntax error), column.
func yamlErr(path string, root *yaml.Node, err error) error {
	var msgs []string
	delta := 0
	var s *shifted
	var te *yaml.TypeError
	switch {
	case errors.As(err, &s):
		msgs, delta = s.msgs, s.delta
	case errors.As(err, &te):
		msgs = te.Errors
	default:
		msgs = []string{err.Error()}
	}
	var errs []error
	for _, m := range msgs {
		if g := lineRE.FindStringSubmatch(m); g != nil {
			n, _ := strconv.Atoi(g[1])
			errs = append(errs, &GoldError{Path: path, Line: n + delta, Column: schema.YAMLColumn(root, n+delta, g[2]), Msg: schema.UnknownKey(g[2], goldTypes...)})
			continue
		}
		errs = append(errs, &GoldError{Path: path, Msg: m})
	}
	return errors.Join(errs...)
}
