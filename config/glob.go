package config

import (
	"errors"
	"path"
	"strings"
)

// Match reports whether a slash-separated path matches a path pattern:
// each segment is matched with path.Match, so "*" never crosses a "/", and
// a segment that is exactly "**" matches any number of segments, none
// included ("jobs/**" matches jobs, jobs/a.md and jobs/x/y.md;
// "**/CHANGELOG.md" matches CHANGELOG.md and docs/old/CHANGELOG.md). A
// malformed pattern matches nothing.
func Match(pattern, name string) bool {
	pat := strings.Split(pattern, "/")
	segs := strings.Split(name, "/")
	// ok[j] says whether pat[i:] matches segs[j:], computed from the last
	// pattern segment back, so no pattern costs more than
	// len(pat)×len(segs) segment matches.
	ok := make([]bool, len(segs)+1)
	ok[len(segs)] = true
	for i := len(pat) - 1; i >= 0; i-- {
		next := ok
		ok = make([]bool, len(segs)+1)
		if pat[i] == "**" {
			// ** takes zero segments (next[j]) or one more (ok[j+1]).
			ok[len(segs)] = next[len(segs)]
			for j := len(segs) - 1; j >= 0; j-- {
				ok[j] = next[j] || ok[j+1]
			}
			continue
		}
		for j := range segs {
			if next[j+1] {
				m, err := path.Match(pat[i], segs[j])
				ok[j] = m && err == nil
			}
		}
	}
	return ok[0]
}

// matchUnder reports whether the pattern matches the path or one of the
// directories it is in, so that a pattern for a directory covers its files.
func matchUnder(pattern, name string) bool {
	for {
		if Match(pattern, name) {
			return true
		}
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			return false
		}
		name = name[:i]
	}
}

// cleanGlob checks a path pattern: relative, slash-separated, each segment
// a valid path.Match pattern. It drops a leading "./" and a trailing "/".
func cleanGlob(g string) (string, error) {
	g = strings.TrimSuffix(strings.TrimPrefix(g, "./"), "/")
	switch {
	case g == "":
		return "", errors.New("it names no file")
	case strings.HasPrefix(g, "/"):
		return "", errors.New("paths are relative to the config file's directory; drop the leading /")
	case strings.Contains(g, `\`):
		return "", errors.New(`use / to separate directories; \ is not allowed`)
	}
	for _, seg := range strings.Split(g, "/") {
		switch seg {
		case "":
			return "", errors.New("empty directory name (//)")
		case ".", "..":
			return "", errors.New("\".\" and \"..\" are not allowed; paths are relative to the config file's directory")
		}
		if _, err := path.Match(seg, ""); err != nil {
			return "", err
		}
	}
	return g, nil
}
