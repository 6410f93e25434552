#!/usr/bin/env bash
# Regenerates testdata/documents/handbook.docx from the hand-written Flat ODT
# source, with LibreOffice as Debian packages it:
#   apt-get install -y libreoffice-writer-nogui
# Run from the repository root: bash testdata/documents/make-docx.sh
set -euo pipefail
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# A throwaway profile, so the conversion neither reads nor changes the
# user's LibreOffice settings and can run beside an open LibreOffice.
soffice -env:UserInstallation="file://$profile" --headless \
  --convert-to docx --outdir testdata/documents testdata/documents/src/handbook.fodt
