# dask.sh -- python/tifa-dask on a LocalCluster of 2 worker processes: a 3-shard corpus gives
# the bytes one store gives for the same files (merged --by-doc; search in its two rounds,
# the statistics then the hits), a failing shard is named
# and exits 1, and nothing is left running or on disk afterwards. Skipped (77) without
# Debian's python3-distributed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dask.inc"
TIFA_DASK_MARK=$MARK sleep 30 & sleeper=$!
for i in $(seq 50); do [ -n "$(marked)" ] && break; sleep 0.1; done    # once sleep has started
[ -n "$(marked)" ] && pass || fail "the check for stray processes sees a marked one"
kill "$sleeper"; wait "$sleeper" 2>/dev/null

# single store: its part merged --by-doc (search: ranked with its statistics, merged, as
# tifa-dask ranks the shards in its second round); the corpus: tifa-dask --by-doc
for spec in "count 发展 -n 0" "words" "search 发展 OR title:改革 -n 30 --offset 2"; do
  read -ra a <<<"$spec"
  if [ "${a[0]}" = search ]; then
    "$TIFA" -d one.db part search-stats 发展 OR title:改革 >one.st && "$TIFA" merge one.st >one.stm \
      && "$TIFA" -d one.db part "${a[@]}" --stats one.stm >one.p && "$TIFA" merge --by-doc one.p >one.out
  else
    "$TIFA" -d one.db part "${a[@]}" >one.p && "$TIFA" merge --by-doc one.p >one.out
  fi
  expect_eq "$?" 0 "$spec: one store's part and merge"
  [ "$(wc -l <one.out)" -gt 2 ] && pass || fail "$spec: one store's answer has records"
  dask --by-doc corp "${a[@]}" >dask.out 2>dask.err
  RC=$? ERR=$(cat dask.err)
  expect_rc 0 "$spec: tifa-dask"
  cmp -s one.out dask.out && pass || fail "$spec: tifa-dask differs from one store: $(diff one.out dask.out | head -5)"
  left=$(stray); [ -z "$left" ] && pass || fail "$spec: processes left: $left"
done

# a request every shard refuses: each shard named, exit 1, nothing left behind
run dask corp count 发展 --no-such-option
expect_rc 1 "a bad option"
expect_err "tifa-dask: shard 1:" "names the shard"
expect_err "no-such-option" "passes on tifa's message"
left=$(stray); [ -z "$left" ] && pass || fail "processes left after a failure: $left"
expect_eq "$(ls -A tmp)" "" "temporary files removed"

# a lexicon file is passed to the workers by its absolute path (they may run elsewhere)
got=$(/usr/bin/python3 -c 'import sys; from importlib.machinery import SourceFileLoader
m = SourceFileLoader("tifa_dask", sys.argv[1]).load_module()
print(m.absolute_files(["--lexicon", "lex.txt", "--by", "year"])[1])' "$DASK")
expect_eq "$got" "$(pwd -P)/lex.txt" "--lexicon FILE made absolute"

# usage errors come before any cluster
run dask one.db count 发展
expect_rc 2 "a single store is not a corpus"; expect_err "not a sharded corpus" "says so"
run timeout 20 "$DASK" corp count 发展
expect_rc 2 "no cluster given"; expect_err "--local N and --scheduler ADDR" "says which"
finish
