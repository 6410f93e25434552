package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/rules"
)

// SARIF 2.1.0 (OASIS), in the subset GitHub code scanning reads. The
// printer buffers the compact results (never the files) and writes the
// log in Finish, because the log's rules list and its invocation (did
// every file read?) are only known at the end.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the conventional base for paths relative to the root of
	// the checked-out repository.
	srcRoot = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// ColumnKind says columns count Unicode code points, as ally's do (a
	// tab, an "é" or an emoji is one column).
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     *sarifText         `json:"shortDescription,omitempty"`
	FullDescription      *sarifText         `json:"fullDescription,omitempty"`
	Help                 *sarifText         `json:"help,omitempty"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

// sarifResultProps say where a finding in a PDF or DOCX is, in the terms a
// reader of that document uses; the region then counts lines and columns
// of the text ally extracted from it.
type sarifResultProps struct {
	ExtractedText bool   `json:"extractedText"`
	Position      string `json:"position"`
	Page          int    `json:"page,omitempty"`
	Paragraph     int    `json:"paragraph,omitempty"`
	Section       string `json:"section,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion has both line/column (code points, as columnKind says) and
// bytes; the byte range is left out for extracted text, whose bytes are not
// the file's.
type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

type sarifPrinter struct {
	w       io.Writer
	tool    Tool
	rules   []sarifRule
	index   map[string]int // rule id → index in rules
	results []sarifResult
	notes   []sarifNotification
	failed  bool
}

// NewSARIF returns a Printer that writes one SARIF 2.1.0 log for GitHub
// code scanning (upload it with github/codeql-action/upload-sarif) and
// other SARIF viewers. ruleSet is every rule that ran, so the log
// describes them all, not only those that fired; a finding of a rule not
// in ruleSet adds that rule.
func NewSARIF(w io.Writer, tool Tool, ruleSet []*rules.Rule) Printer {
	p := &sarifPrinter{w: w, tool: tool, index: map[string]int{}, results: []sarifResult{}}
	for _, r := range ruleSet {
		p.ruleIndex(r)
	}
	return p
}

// ruleIndex returns the rule's index in the driver's rules, adding it the
// first time.
func (p *sarifPrinter) ruleIndex(r *rules.Rule) int {
	if i, ok := p.index[r.ID]; ok {
		return i
	}
	p.index[r.ID] = len(p.rules)
	p.rules = append(p.rules, sarifRuleOf(r))
	return len(p.rules) - 1
}

func sarifRuleOf(r *rules.Rule) sarifRule {
	sr := sarifRule{
		ID: r.ID, Name: r.ID,
		ShortDescription:     &sarifText{ruleShortText(r)},
		HelpURI:              helpURL(r),
		DefaultConfiguration: sarifConfiguration{sarifLevel(r.Severity)},
		Properties:           sarifRuleProps{Tags: []string{r.Category}},
	}
	if r.Why != "" {
		sr.FullDescription = &sarifText{r.Why}
	}
	if help := withTry(r.Why, r.Suggest, "\n\n"); help != "" {
		sr.Help = &sarifText{strings.TrimPrefix(help, "\n\n")}
	}
	return sr
}

// ruleShortText is a rule's message as a title: with {match} filled in by
// its first term ("“chairman” builds a gender into …"), as it is, or the
// rule id when neither makes sense.
func ruleShortText(r *rules.Rule) string {
	msg := strings.TrimSpace(r.Message)
	switch {
	case msg == "":
		return r.ID
	case strings.Contains(msg, "{match}"):
		if len(r.Terms) == 0 {
			return r.ID
		}
		return strings.ReplaceAll(msg, "{match}", r.Terms[0])
	}
	return msg
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityWarning:
		return "warning"
	}
	return "note"
}

// sarifURI turns a path into a URI reference: relative paths stay relative
// to %SRCROOT% (the repository), absolute ones become file: URIs, and
// characters that may not appear in a URI are percent-encoded.
func sarifURI(p string) sarifArtifact {
	p = repoPath(p)
	switch {
	case strings.HasPrefix(p, "/"):
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	case drivePath.MatchString(p):
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: "/" + p}).String()}
	}
	u := (&url.URL{Path: p}).EscapedPath()
	// A colon in the first segment would read as a scheme ("c:x.md").
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return sarifArtifact{URI: u, URIBaseID: srcRoot}
}

// File implements Printer.
func (p *sarifPrinter) File(r Result) error {
	art := sarifURI(r.Path)
	fileLoc := []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}}
	if r.Err != nil {
		p.failed = true
		p.notes = append(p.notes, sarifNotification{Level: "error", Message: sarifText{r.Err.Error()}, Locations: fileLoc})
		return nil
	}
	for _, n := range r.Notices {
		p.notes = append(p.notes, sarifNotification{Level: "warning", Message: sarifText{n}, Locations: fileLoc})
	}
	if len(r.Findings) == 0 {
		return nil
	}
	fps := Fingerprints(r)
	x := newLineIndex(r.File.Src)
	for i, f := range r.Findings {
		res := sarifResult{
			RuleID: f.Rule.ID, RuleIndex: p.ruleIndex(f.Rule), Level: sarifLevel(f.Severity),
			Message:             sarifText{f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}},
			PartialFingerprints: map[string]string{FingerprintKey: fps[i]},
		}
		if !f.Document {
			sp := spanOf(r.File, x, f.Start, f.End)
			res.Locations[0].PhysicalLocation.Region = sarifRegionOf(sp, f.Start, f.End, !r.File.Extracted)
			if r.File.Extracted {
				res.Properties = &sarifResultProps{ExtractedText: true, Position: sp.start.String(),
					Page: sp.start.Page, Paragraph: sp.start.Paragraph, Section: sp.start.Section}
			}
		}
		if f.Fix != nil && f.Fix.Safe && r.Rewritable() {
			res.Fixes = []sarifFix{sarifFixOf(r, x, art, f)}
		}
		p.results = append(p.results, res)
	}
	return nil
}

func sarifRegionOf(sp span, from, to int, withBytes bool) *sarifRegion {
	reg := &sarifRegion{StartLine: sp.startLine, StartColumn: sp.start.Column, EndLine: sp.endLine, EndColumn: sp.end.Column}
	if withBytes {
		length := to - from
		reg.ByteOffset, reg.ByteLength = &from, &length
	}
	return reg
}

func sarifFixOf(r Result, x lineIndex, art sarifArtifact, f lint.Finding) sarifFix {
	fx := f.Fix
	old := string(r.File.Src[fx.Start:fx.End])
	return sarifFix{
		Description: sarifText{fmt.Sprintf("Replace “%s” with “%s”", old, fx.Replacement)},
		ArtifactChanges: []sarifArtifactChange{{ArtifactLocation: art, Replacements: []sarifReplacement{{
			DeletedRegion:   *sarifRegionOf(spanOf(r.File, x, fx.Start, fx.End), fx.Start, fx.End, true),
			InsertedContent: sarifText{fx.Replacement},
		}}}},
	}
}

// Finish implements Printer: it writes the whole log.
func (p *sarifPrinter) Finish() error {
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "ally", Version: p.tool.Version, InformationURI: projectURL, Rules: p.rules,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: !p.failed, ToolExecutionNotifications: p.notes}},
		ColumnKind:  "unicodeCodePoints",
		Results:     p.results,
	}}}
	if log.Runs[0].Tool.Driver.Rules == nil {
		log.Runs[0].Tool.Driver.Rules = []sarifRule{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err := p.w.Write(buf.Bytes())
	return err
}
