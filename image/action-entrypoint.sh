#!/usr/bin/env bash
# The GitHub Action's entrypoint (action.yml's runs.entrypoint); every other use of the image goes through
# entrypoint.sh, which this hands over to. With no arguments and GITHUB_ACTIONS=true the CLI takes its command line
# from the INPUT_* variables (bash, not sh: dash drops INPUT_DEV-URL and the like before exec).
#
# GitHub starts container actions as root, with the workspace and the files it hands the step owned by the runner's
# user, and gives no way to choose the user. So the CLI runs as the workspace's owner: the report, outputs and
# summary then belong to the runner's user, and the embedded PostgreSQL starts (it refuses root). Only where the
# workspace is root's (a self-hosted runner running as root) does it stay root, as any container action would.
set -eu
# entrypoint.sh takes root by name only and refuses group 0.
if [ -z "${SCHEMAGATE_USER:-}" ]; then
  owner=$(stat -c %u:%g "${GITHUB_WORKSPACE:-$PWD}" 2>/dev/null || echo 0:0)
  case $owner in
    0:*) SCHEMAGATE_USER=root ;;
    *:0) SCHEMAGATE_USER=${owner%%:*} ;; # the owner, with the group of its own number
    *) SCHEMAGATE_USER=$owner ;;
  esac
  export SCHEMAGATE_USER
fi
exec /usr/local/bin/schemagate "$@"
