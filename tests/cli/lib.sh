# lib.sh -- helpers for the command-line tests (sourced, not run): each test runs the tifa
# binary in $TIFA on data in $TIFA_DATA / $TIFA_SEEDS and checks exit codes and output.
set -u
: "${TIFA:?TIFA not set}" "${TIFA_DATA:?TIFA_DATA not set}" "${TIFA_SEEDS:?TIFA_SEEDS not set}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tifa-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
FAILS=0
PASSES=0

fail () { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass () { PASSES=$((PASSES + 1)); }

# run CMD...: captures $OUT, $ERR and $RC
run () {
  "$@" >"$WORK/.out" 2>"$WORK/.err"
  RC=$?
  OUT=$(cat "$WORK/.out")
  ERR=$(cat "$WORK/.err")
}

expect_rc () { [ "$RC" = "$1" ] && pass || fail "$2: exit $RC, expected $1 (stderr: $ERR)"; }
expect_out () { grep -qF -- "$1" <<<"$OUT" && pass || fail "$2: stdout lacks '$1': $OUT"; }
expect_err () { grep -qF -- "$1" <<<"$ERR" && pass || fail "$2: stderr lacks '$1': $ERR"; }
expect_eq () { [ "$1" = "$2" ] && pass || fail "$3: got '$1', expected '$2'"; }
expect_ne () { [ "$1" != "$2" ] && pass || fail "$3: got '$1', expected something else"; }

# route PATH N: the shard (1..N) of a corpus that holds the file stored as PATH, 1 + FNV-1a 64
# of its bytes mod N (docs/shards.md), computed here apart from the C code (bash wraps 64-bit
# products; the unsigned remainder comes from the value halved)
route () {
  local h=-3750763034362895579 b
  for b in $(printf '%s' "$1" | od -An -tu1 -v); do
    h=$(( (h ^ b) * 1099511628211 ))
  done
  echo $(( 1 + ( (((h >> 1) & 0x7FFFFFFFFFFFFFFF) % $2) * 2 + (h & 1) ) % $2 ))
}

# The files the corpus tests hold in a store and in shards alike; twin PATH... ingests PATHs
# into one store (one.db) and into a corpus of 3 shards (corp), each checked (OUT: the corpus's)
FIXTURES=("$TIFA_SEEDS" "$TIFA_DATA/layout" "$TIFA_DATA/genres" "$TIFA_DATA/gongwen")
twin () {
  run "$TIFA" -d one.db ingest -q "$@"
  expect_rc 0 "ingest into one store"
  run "$TIFA" -d corp ingest -q --shards 3 "$@"
  expect_rc 0 "ingest --shards 3"
}

finish () {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" = 0 ]
  exit $?
}
