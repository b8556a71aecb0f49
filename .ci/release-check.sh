#!/bin/sh
# Checks that a pushed tag may be released, and prints what the release jobs need, as KEY=VALUE lines (for
# $GITHUB_OUTPUT and for a GitLab dotenv report):
#
#   RELEASE_VERSION=0.1.0     the version: the root pom.xml's, which TAG must name as v0.1.0
#   RELEASE_MAJOR=v0          the moving major tag of the action and the images
#   RELEASE_LATEST=true       TAG is the highest release tag vX.Y.Z (sort -V) of the repository: only then do the
#                             moving major tags move and is the GitHub release marked Latest (a patch of an older
#                             line must not move v0 back). Needs git and every tag (a full clone: fetch-depth 0).
#
# Fails, naming what disagrees, unless TAG is "v" + pom.xml's version, that version is a release (MAJOR.MINOR.PATCH,
# no -SNAPSHOT), CHANGELOG.md dates its section ("## [0.1.0] - 2027-01-15") and what users run names that version:
# action.yml's image and every component's image default. ReleaseVersionsTest checks every other version string;
# GitHub's release runs it in its check job, GitLab's in release-jar, both before anything is published.
# POSIX sh, grep and awk (GitHub runner, Debian and Ubuntu job images).
#
#   .ci/release-check.sh v0.1.0
set -eu
cd "$(dirname "$0")/.."

[ $# = 1 ] || { echo "usage: .ci/release-check.sh TAG" >&2; exit 2; }
tag=$1
fail() { echo "release-check.sh: $*" >&2; exit 1; }

# The project's own <version>: the first one outside <parent> (the root pom has no parent, but say so anyway).
version=$(awk '/<parent>/ { p = 1 } /<\/parent>/ { p = 0; next }
  !p && /<version>/ { sub(/.*<version>/, ""); sub(/<\/version>.*/, ""); print; exit }' pom.xml)
[ -n "$version" ] || fail "no <version> in pom.xml"
[ -n "$tag" ] || fail "no tag given (run on a tag's pipeline)"

echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' || fail "pom.xml's version $version is not a release \
version (MAJOR.MINOR.PATCH): set ${version%%-*} in every pom.xml before tagging (DEVELOPERS.md, Releasing)"
[ "$tag" = "v$version" ] || fail "tag $tag does not name pom.xml's version $version: the tag must be v$version"
grep -Eq "^## \[$version\] - [0-9]{4}-[0-9]{2}-[0-9]{2}\$" CHANGELOG.md \
  || fail "CHANGELOG.md has no dated section for $version (\"## [$version] - YYYY-MM-DD\")"
sh .ci/release-notes.sh "$version" >/dev/null
# What a user of this release runs: the action's image and the components' default image, each pinned to it.
exact=$(echo "$version" | sed 's/\./\\./g')
grep -Eq "^ +image: docker://ghcr\.io/schemagate/schemagate:$exact\$" action.yml \
  || fail "action.yml does not run ghcr.io/schemagate/schemagate:$version"
for template in templates/*.yml; do
  grep -Eq "^ +default: registry\.gitlab\.com/schemagate/schemagate:$exact\$" "$template" \
    || fail "$template's image default is not registry.gitlab.com/schemagate/schemagate:$version"
done

# The tag itself counts even where it is not fetched (a test's copy); other tags such as v1 or v2.0.0-rc.1 do not.
command -v git >/dev/null || fail "git is needed: TAG is compared with the repository's release tags"
tags=$(git tag --list 'v*') || fail "cannot list the repository's tags (git tag --list)"
highest=$(printf '%s\n%s\n' "$tags" "$tag" | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1)
latest=false
[ "$highest" != "$tag" ] || latest=true

echo "RELEASE_VERSION=$version"
echo "RELEASE_MAJOR=v${version%%.*}"
echo "RELEASE_LATEST=$latest"
