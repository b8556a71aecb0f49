#!/bin/sh
# Prints the notes of one release from CHANGELOG.md: the lines under its "## [VERSION] - DATE" heading, up to the
# next "## " heading or the link definitions at the end ("[0.1.0]: https://…"), without the heading itself and
# without leading or trailing blank lines. Exits 1, saying so,
# when CHANGELOG.md has no section for VERSION. POSIX sh and awk: GitHub's runner and GitLab's job images run it.
#
#   .ci/release-notes.sh 0.1.0 > release-notes.md
set -eu
cd "$(dirname "$0")/.."

[ $# = 1 ] || { echo "usage: .ci/release-notes.sh VERSION" >&2; exit 2; }
version=$1

awk -v heading="## [$version]" '
  index($0, "## ") == 1 { if (found) exit; if (index($0, heading) == 1) { found = 1; next } }
  found && /^\[[^]]+\]: / { exit }
  found && /[^[:space:]]/ { while (blank > 0) { print ""; blank-- } ; print; started = 1; next }
  found && started { blank++ }
  END { if (!found) exit 1 }
' CHANGELOG.md || { echo "release-notes.sh: CHANGELOG.md has no \"## [$version]\" section" >&2; exit 1; }
