#!/usr/bin/env bash
# Writes Sources/recall/StartupOrder.txt: the functions of the release `recall` that the start
# of a review runs, which the release link places side by side (see `startupLinkerFlags` in
# Package.swift). Run it again after large changes to what a review does at start; a stale list
# only makes the start touch more pages, never changes what the program does.
#
#   scripts/startup-order.sh [DATABASE NOW]
#
# DATABASE (copied, never changed) and NOW (ISO 8601) pick the collection the review runs on,
# for instance one kept by `recall-bench scale`; without them, the notes bundled with Recall.
# Needs valgrind (its callgrind tool lists every function a run enters).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "startup-order.sh needs valgrind (apt-get install valgrind)" >&2; exit 1; }

swift build -c release --static-swift-stdlib --product recall
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Valgrind cannot read the toolchain's DWARF 5: trace a copy without the debug sections.
objcopy --strip-debug .build/release/recall "$work/recall"

database="$work/recall.sqlite"
if [ $# -ge 2 ]; then
  cp "$1" "$database"
  now=$2
else
  now=2026-01-05T09:00:00Z
  # The first run imports the bundled notes; the traced runs start from the second.
  "$work/recall" review --db "$database" --now "$now" --json --limit 1 </dev/null >/dev/null 2>&1
fi
# Run once untraced, so that a migration of an older database is not what is traced.
"$work/recall" review --db "$database" --now "$now" --json --limit 1 </dev/null >/dev/null 2>&1

trace() {
  valgrind --tool=callgrind --callgrind-out-file="$work/trace.$1" --demangle=no \
    --compress-strings=no --compress-pos=no "$work/recall" "${@:2}" </dev/null >/dev/null 2>&1
}
trace json review --db "$database" --now "$now" --json --limit 1
trace text review --db "$database" --now "$now" --limit 1
trace plain review --db "$database" --json --limit 1

# Every function entered, kept if the binary defines it (the list names no library's).
nm --defined-only "$work/recall" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u >"$work/defined"
cat "$work"/trace.* | sed -n 's/^fn=\([^ ]*\).*/\1/p' | sed "s/'[0-9]*\$//" | sort -u >"$work/entered"
comm -12 "$work/defined" "$work/entered" >Sources/recall/StartupOrder.txt
echo "Sources/recall/StartupOrder.txt: $(wc -l <Sources/recall/StartupOrder.txt) functions"
