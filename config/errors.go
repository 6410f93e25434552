package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/allylint/ally/rules"
	"gopkg.in/yaml.v3"
)

// These mirror the unexported helpers of package rules, so a config file's
// errors read like a rules file's.

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlErrorLine digs the line number out of a yaml.v3 syntax error, which
// carries it only in its text.
func yamlErrorLine(err error) int {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func trimYAMLError(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// didYouMean suggests the known name closest to a misspelt one, within two
// edits.
func didYouMean(name string, known []string) string {
	if best := rules.Closest(name, known); best != "" {
		return fmt.Sprintf(", did you mean %q?", best)
	}
	return ""
}
