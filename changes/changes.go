// Package changes knows which lines of which files a change touched, from
// a unified diff or from git, so ally can report only the findings a pull
// request brings in.
package changes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
)

// Set is what a change touched, by absolute file path.
type Set struct {
	files map[string]*File
}

// File is the change to one file.
type File struct {
	// New is true for a file the change adds.
	New bool
	// Whole is true when the change cannot be told line by line (a binary
	// file such as a PDF): every finding in it counts.
	Whole bool
	// Lines are the line numbers, in the new file, that were added or
	// changed.
	Lines map[int]bool
}

// Parse reads a unified diff (git diff, diff -u). File names are taken
// from the "+++" lines without their "b/" prefix and resolved against
// base, the directory the diff's paths are relative to.
func Parse(r io.Reader, base string) (*Set, error) {
	s := &Set{files: map[string]*File{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var cur *File
	newFile := false
	// Inside a hunk, oldLeft and newLeft count the lines still to come
	// on each side, so a removed line that reads "-- x" is never taken
	// for a "--- " file header.
	line, oldLeft, newLeft := 0, 0, 0
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		if oldLeft > 0 || newLeft > 0 {
			switch {
			case strings.HasPrefix(text, "+"):
				if cur != nil {
					cur.Lines[line] = true
				}
				line++
				newLeft--
			case strings.HasPrefix(text, "-"):
				oldLeft--
			case strings.HasPrefix(text, `\`):
				// "\ No newline at end of file"
			default: // context: " " or an empty line some tools write
				line++
				oldLeft--
				newLeft--
			}
			continue
		}
		switch {
		case strings.HasPrefix(text, "diff --git "):
			cur, newFile = nil, false
		case strings.HasPrefix(text, "new file mode"):
			newFile = true
		case strings.HasPrefix(text, "--- "):
			newFile = newFile || diffName(text[4:]) == "/dev/null"
		case strings.HasPrefix(text, "+++ "):
			name := diffName(text[4:])
			if name == "/dev/null" {
				cur = nil // a deleted file has no findings
				continue
			}
			cur = s.add(filepath.Join(base, stripPrefix(name)))
			cur.New = cur.New || newFile
		case strings.HasPrefix(text, "Binary files ") && strings.HasSuffix(text, " differ"):
			if i := strings.LastIndex(text, " and "); i >= 0 {
				name := stripPrefix(strings.TrimSuffix(text[i+len(" and "):], " differ"))
				if name != "/dev/null" {
					f := s.add(filepath.Join(base, name))
					f.Whole, f.New = true, f.New || newFile
				}
			}
		case strings.HasPrefix(text, "@@ "):
			var err error
			if line, oldLeft, newLeft, err = hunkHeader(text); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Set) add(path string) *File {
	path = canonical(path)
	f := s.files[path]
	if f == nil {
		f = &File{Lines: map[int]bool{}}
		s.files[path] = f
	}
	return f
}

// canonical makes a path absolute with symbolic links in its directory
// resolved, so the same file named two ways (a symlinked temp or home
// directory, git's real path) is one key.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// diffName takes the file name from the rest of a "---" or "+++" line,
// which may end in a tab and a timestamp (diff -u) and may be quoted by
// git when it holds unusual characters.
func diffName(s string) string {
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	return s
}

// stripPrefix drops git's a/ or b/.
func stripPrefix(name string) string {
	for _, p := range []string{"a/", "b/"} {
		if strings.HasPrefix(name, p) {
			return name[len(p):]
		}
	}
	return name
}

// hunkHeader reads "@@ -a,b +c,d @@": the new file's first line and how
// many lines each side has (1 when the count is left out). An empty new
// side ("+c,0") names the line before it.
func hunkHeader(h string) (start, oldN, newN int, err error) {
	fields := strings.Fields(h)
	if len(fields) < 3 || !strings.HasPrefix(fields[1], "-") || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, 0, fmt.Errorf("malformed hunk header %q", h)
	}
	_, oldN, err1 := rangeOf(fields[1][1:])
	start, newN, err2 := rangeOf(fields[2][1:])
	if err1 != nil || err2 != nil {
		return 0, 0, 0, fmt.Errorf("malformed hunk header %q", h)
	}
	if newN == 0 {
		start++
	}
	return max(start, 1), oldN, newN, nil
}

func rangeOf(s string) (start, n int, err error) {
	num, count, hasCount := strings.Cut(s, ",")
	if start, err = strconv.Atoi(num); err != nil {
		return 0, 0, err
	}
	n = 1
	if hasCount {
		n, err = strconv.Atoi(count)
	}
	if n < 0 || start < 0 {
		return 0, 0, fmt.Errorf("negative range")
	}
	return start, n, err
}

// FromGit asks git which lines changed between ref and the working tree,
// for the repository holding dir. It runs the real git binary.
func FromGit(dir, ref string) (*Set, error) {
	root, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--diff-base needs a git repository: %w", err)
	}
	top := strings.TrimSpace(string(root))
	if _, err := git(top, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--diff-base %s: no such commit, branch or tag in %s (in CI, fetch it first: git fetch origin %s)", ref, top, ref)
	}
	out, err := git(top, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--unified=0", ref, "--")
	if err != nil {
		return nil, fmt.Errorf("git diff %s: %w", ref, err)
	}
	return Parse(bytes.NewReader(out), top)
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			return nil, errors.New(strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	return out, nil
}

// Filter keeps the findings on lines the change added or changed. A
// finding that spans lines is kept when any of them changed. Findings
// about the whole document are kept only for a new file, or when docs is
// set. A file the change did not touch keeps nothing.
func (s *Set) Filter(path string, file *parsers.File, findings []lint.Finding, docs bool) []lint.Finding {
	ch := s.files[canonical(path)]
	if ch == nil {
		return nil
	}
	var out []lint.Finding
	for _, f := range findings {
		switch {
		case f.Document:
			if ch.New || docs {
				out = append(out, f)
			}
		case ch.Whole || file.Extracted:
			// Lines of extracted text are not lines of the file.
			out = append(out, f)
		default:
			first, last := file.Position(f.Start).Line, file.Position(max(f.Start, f.End-1)).Line
			for l := first; l <= last; l++ {
				if ch.Lines[l] {
					out = append(out, f)
					break
				}
			}
		}
	}
	return out
}
