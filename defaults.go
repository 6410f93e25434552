// Package ally holds what the whole program shares: the default rule set,
// embedded in the binary so `ally lint` works with no configuration, and
// the version.
package ally

import (
	_ "embed"

	"github.com/allylint/ally/rules"
)

//go:embed rules.yaml
var defaultRules []byte

// DefaultRulesName is how the embedded rule set is named in messages.
const DefaultRulesName = "rules.yaml (built in)"

// Version is ally's release version.
const Version = "0.1.0"

// DefaultRules returns a copy of the embedded default rules file.
func DefaultRules() []byte { return append([]byte(nil), defaultRules...) }

// DefaultSet parses the embedded rules. It fails only if the file that
// shipped is broken, which the tests rule out.
func DefaultSet() (*rules.Set, error) {
	return rules.Parse(DefaultRulesName, DefaultRules())
}
