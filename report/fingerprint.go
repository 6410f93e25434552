package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// FingerprintKey is the name SARIF output gives Fingerprint's value under
// partialFingerprints. The version changes if the recipe ever does, so old
// and new fingerprints are never compared as if they were the same kind.
const FingerprintKey = "allyFindingHash/v1"

// Fingerprint identifies r.Findings[i] across runs, so code scanning, a
// GitLab merge request or a baseline file can tell a finding that was
// already there from a new one. It is the hex SHA-256 of:
//
//   - the rule id;
//   - the matched text, lower-cased, with runs of white space made one
//     space;
//   - the line the match starts on, trimmed, with runs of white space made
//     one space;
//   - how many earlier findings of the file have the same three, so a
//     second identical occurrence on an identical line differs from the
//     first.
//
// No line number or offset goes in: lines inserted above a finding do not
// change it, while editing the line it is on does. A document-level
// finding has no line; its fingerprint is the rule id, "document" and the
// occurrence. The path is not part of it either (SARIF consumers combine
// it with the file themselves); formats whose fingerprints must be unique
// across files add it (see the GitLab printer).
//
// Fingerprint looks at the findings before i to count occurrences; to
// fingerprint every finding of a file, Fingerprints does it in one pass.
func Fingerprint(r Result, i int) string {
	key := fingerprintInput(r, i)
	occ := 0
	for j := range i {
		// Only the same rule can match; skip the others cheaply.
		if r.Findings[j].Rule.ID == r.Findings[i].Rule.ID && fingerprintInput(r, j) == key {
			occ++
		}
	}
	return hashFingerprint(key, occ)
}

// Fingerprints returns Fingerprint(r, i) for every finding of r, in order,
// in one pass over them.
func Fingerprints(r Result) []string {
	seen := make(map[string]int, len(r.Findings))
	out := make([]string, len(r.Findings))
	for i := range r.Findings {
		key := fingerprintInput(r, i)
		out[i] = hashFingerprint(key, seen[key])
		seen[key]++
	}
	return out
}

// fingerprintInput is what identifies a finding, before the occurrence
// count; the parts are joined with NUL, which none of them contains in
// any meaningful text, so two different triples never join the same.
func fingerprintInput(r Result, i int) string {
	f := r.Findings[i]
	if f.Document || r.File == nil {
		return f.Rule.ID + "\x00document"
	}
	return f.Rule.ID + "\x00" + normalizeSpace(strings.ToLower(f.Match)) + "\x00" + normalizeSpace(string(r.File.LineAt(f.Start)))
}

func hashFingerprint(key string, occurrence int) string {
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(occurrence)))
	return hex.EncodeToString(sum[:])
}

// normalizeSpace trims s and makes every run of white space one space.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
