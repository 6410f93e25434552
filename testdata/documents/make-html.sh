#!/usr/bin/env bash
# Regenerates testdata/documents/job-post.html from its source the way a
# browser saves a page: Chromium parses it, runs its scripts and prints the
# resulting DOM. Run from the repository root.
set -euo pipefail
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$(mktemp -d) --dump-dom file://$PWD/testdata/documents/src/job-post.html > testdata/documents/job-post.html
