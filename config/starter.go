package config

// starter is the file `ally init` writes. Every key is present, set to its
// default (an empty key sets nothing); the indented "# " lines under a key
// are examples that become valid settings when uncommented.
const starter = `# ally's settings for this project. ally lint reads the nearest .ally.yaml in
# the directory of each file it lints or a parent, up to the repository root.
# Command-line flags win over this file; --no-config ignores it.
#
# Rule patterns are rule ids or categories, as globs (gender.*) or dotted
# prefixes (plain-language selects every plain-language rule); a pattern that
# matches no rule is an error. "ally rules list" shows them all.
# Path patterns are relative to this file's directory: * stays within one
# directory, ** matches any number of them.

# Extra rules files, relative to this file; a rule with the id of a built-in
# rule replaces it ("ally rules test FILE" checks one).
rules:
  # - team-terms.yaml

# Rules to turn off, as --disable.
disable:
  # - plain-language.wordy
  # - jargon

# Rules to run even though a disable pattern matches them.
enable:
  # - jargon.culture-fit

# A new severity (error, warning or info) for the rules a pattern matches;
# when several match a rule, the last one wins.
severity:
  # sensory.*: info
  # gender.chairman: error

# Thresholds of the check rules, as --limit RULE=N.
limits:
  # plain-language.long-sentence: 30
  # job-post.years-experience: 8

# Exit with status 1 when a finding is at least this severe: error, warning,
# info, or none to never fail.
fail-on: warning

# Document profile: auto (detected per file), job-post, policy or general.
profile: auto

# Files and directories never linted.
ignore:
  # - vendor/**
  # - "**/CHANGELOG.md"
  # - archive

# Settings for some paths, laid over the ones above in order: a later
# profile or limit replaces an earlier one, patterns add up.
overrides:
  # - paths: [jobs/**, careers/*.md]
  #   profile: job-post
  #   disable: [plain-language.reading-grade]
  #   enable: [wordy.utilize]
  #   severity:
  #     gender-coded.*: warning
  #   limits:
  #     job-post.too-many-requirements: 12
`

// Starter returns the commented starter config that `ally init` writes.
func Starter() []byte { return []byte(starter) }
