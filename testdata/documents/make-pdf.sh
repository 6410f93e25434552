#!/usr/bin/env bash
# Regenerates the PDF fixtures in testdata/documents from the sources in
# testdata/documents/src, with real tools from Debian's packages:
#   apt-get install -y chromium qpdf
# Run from the repository root: bash testdata/documents/make-pdf.sh
# The golden files then need `go test ./cmd/ally -run Golden -update`.
set -euo pipefail
cd testdata/documents
src=$PWD/src
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Headless Chromium as the probe on this machine runs it: no sandbox (root),
# no network chatter, a throwaway profile.
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>/dev/null
}

# A multi-page handbook with a running header, page numbers in the footer
# and words hyphenated at line ends.
chrome --no-pdf-header-footer --print-to-pdf=handbook.pdf "file://$src/handbook.html"

# A newsletter page set in two columns.
chrome --no-pdf-header-footer --print-to-pdf=two-column.pdf "file://$src/two-column.html"

# A scanned page: a picture of text with no text layer.
chrome --window-size=800,420 --screenshot="$src/scanned-text.png" "file://$src/scanned-text.html"
chrome --no-pdf-header-footer --print-to-pdf=scanned.pdf "file://$src/scanned-page.html"

# An encrypted copy of the handbook that needs a password to open.
qpdf --encrypt staff-only owner-secret 256 -- handbook.pdf encrypted.pdf

# A copy cut off half way, as an interrupted download leaves it.
head -c "$(( $(stat -c %s handbook.pdf) / 2 ))" handbook.pdf > truncated.pdf

# About a hundred pages for the benchmark: the handbook's body 25 times
# over, each copy a chapter of its own.
body=$(sed -n '/<body>/,/<\/body>/p' "$src/handbook.html" | sed '1d;$d')
{
  sed -n '1,/<body>/p' "$src/handbook.html"
  for i in $(seq 25); do
    printf '<h1 style="page-break-before:always">Part %d</h1>\n' "$i"
    printf '%s\n' "$body"
  done
  printf '</body>\n</html>\n'
} > "$profile/handbook-long.html"
chrome --no-pdf-header-footer --print-to-pdf=handbook-long.pdf "file://$profile/handbook-long.html"
