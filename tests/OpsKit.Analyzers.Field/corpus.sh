#!/usr/bin/env bash
# Re-creates the field corpus from fetched repository snapshots.
#
#   tests/OpsKit.Analyzers.Field/corpus.sh            extract every labelled repository at its labelled commit
#   tests/OpsKit.Analyzers.Field/corpus.sh --list     print the repositories (owner/name commit) the labels use
#
# The snapshots come from the search tool's `fetch github:owner/name` (a bare git directory under
# $OPSKIT_MIRROR, default /work/.mirror/owner+name/repo). Each labelled commit is extracted with
# `git archive` into $OPSKIT_FIELD_CORPUS (default /work/field-corpus)/owner+name/, outside the repository.
# Nothing here touches the network.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${OPSKIT_MIRROR:-/work/.mirror}
corpus=${OPSKIT_FIELD_CORPUS:-/work/field-corpus}

pairs() {
  python3 - "$here/labels" <<'PY'
import json, pathlib, sys
seen = set()
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    for site in json.loads(f.read_text())["sites"]:
        seen.add((site["repo"], site["commit"]))
for repo, commit in sorted(seen):
    print(repo, commit)
PY
}

if [ "${1:-}" = "--list" ]; then pairs; exit 0; fi

missing=0
mkdir -p "$corpus"
while read -r repo commit; do
  name=${repo/\//+}
  git_dir="$mirror/$name/repo"
  target="$corpus/$name"
  if [ ! -d "$git_dir" ]; then
    echo "missing snapshot: fetch github:$repo (expected $git_dir)" >&2
    missing=$((missing + 1))
    continue
  fi
  if [ -f "$target/.field-commit" ] && [ "$(cat "$target/.field-commit")" = "$commit" ]; then continue; fi
  if ! git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "snapshot of $repo lacks commit $commit" >&2
    missing=$((missing + 1))
    continue
  fi
  rm -rf "$target" && mkdir -p "$target"
  # A snapshot lacks files of 4 MiB and more: archive everything else (those are never C# sources).
  excludes=()
  while read -r path; do excludes+=(":(exclude,literal)$path"); done < <(
    git --git-dir="$git_dir" ls-tree -r --format='%(objectname) %(path)' "$commit" > "$target/.tree"
    cut -d' ' -f1 "$target/.tree" | git --git-dir="$git_dir" cat-file --batch-check 2>/dev/null |
      awk 'NR == FNR { if ($2 == "missing") gone[$1] = 1; next } ($1 in gone) { sub(/^[^ ]+ /, ""); print }' - "$target/.tree"
    rm -f "$target/.tree")
  # git 2.39 still names each excluded missing blob on stderr while it archives the rest.
  git --git-dir="$git_dir" archive "$commit" -- . "${excludes[@]}" 2>/dev/null | tar -x -C "$target"
  echo "$commit" > "$target/.field-commit"
  echo "extracted $repo@${commit:0:12} -> $target"
done < <(pairs)
[ "$missing" -eq 0 ] || { echo "$missing repositories missing" >&2; exit 1; }
