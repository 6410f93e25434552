#!/usr/bin/env bash
# Regenerates testdata/documents/handbook.docx (and handbook-libreoffice.pdf)
# from the hand-written Flat ODT
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

# The same handbook printed to PDF by LibreOffice, whose PDFs use simple
# TrueType fonts with their own widths, where Chromium's use composite
# fonts: the PDF parser is tested on both kinds of producer.
soffice -env:UserInstallation="file://$profile" --headless \
  --convert-to pdf --outdir "$profile/out" testdata/documents/src/handbook.fodt
cp "$profile/out/handbook.pdf" testdata/documents/handbook-libreoffice.pdf
