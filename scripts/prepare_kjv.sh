#!/usr/bin/env bash
# Writes the King James Bible as plain UTF-8 text, one verse per line without its reference, to
# data/kjv.txt (or the file given as the first argument), for the text configs in configs/text/.
# Does nothing when the file already exists. The text comes from Debian's bible-kjv package, which is
# installed when missing.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
output=${1:-$repo_root/data/kjv.txt}

if [[ -s $output ]]; then
  echo "prepare_kjv: $output already exists; delete it to write it again" >&2
  exit 0
fi

if ! command -v bible >/dev/null; then
  echo "prepare_kjv: installing the Debian package bible-kjv" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "prepare_kjv: run as root or install sudo to install bible-kjv" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends bible-kjv >/dev/null
fi

# `bible -f` turns pretty-printing off: one verse per line, each after its reference, as in
# "Ge1:1 In the beginning God created the heaven and the earth." The sed expression deletes the
# reference (an optional digit, the book's abbreviation, chapter:verse and one space).
mkdir -p "$(dirname "$output")"
temporary=$(mktemp "$output.XXXXXX")
trap 'rm -f "$temporary"' EXIT
bible -f "gen1:1-rev22:21" | sed -E 's/^[1-3]?[A-Za-z]+[0-9]+:[0-9]+ //' >"$temporary"

verses=$(wc -l <"$temporary")
if ((verses != 31102)) || grep -qE '^[1-3]?[A-Za-z]+[0-9]+:[0-9]+ ' "$temporary"; then
  echo "prepare_kjv: expected 31102 verses without references from bible -f, got $verses lines; is bible-kjv" \
    "a different version?" >&2
  exit 1
fi
mv "$temporary" "$output"
trap - EXIT
echo "prepare_kjv: wrote $verses verses ($(wc -c <"$output") bytes) to $output" >&2
