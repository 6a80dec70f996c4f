# seal.sh -- 'tifa seal' (docs/scale.md): a store, or every shard of a corpus, folded into one
# file in rollback-journal mode, which answers as before, from readers that open it without
# locks or WAL files; '--undo' returns it to WAL mode for ingest.
. "$(dirname "$0")/lib.sh"

F="$TIFA_SEEDS $TIFA_DATA/layout"
# SQLite's header bytes 18 and 19: 1 1 in rollback mode, 2 2 in WAL mode
mode () { od -An -tu1 -j18 -N2 "$1" | tr -s ' ' | sed 's/^ //'; }

run "$TIFA" -d one.db ingest -q $F
expect_rc 0 "ingest"
expect_eq "$(mode one.db)" "2 2" "a store is in WAL mode"
"$TIFA" -d one.db search 高质量发展 -n 50 > before.out
"$TIFA" -d one.db count 发展 -n 0 > before.count

run "$TIFA" -d one.db seal
expect_rc 0 "seal a store"
expect_out "one.db: sealed" "seal names the store"
expect_eq "$(mode one.db)" "1 1" "a sealed store is in rollback mode"
[ ! -s one.db-wal ] && pass || fail "a sealed store has no write-ahead log"
"$TIFA" -d one.db search 高质量发展 -n 50 > after.out
cmp -s before.out after.out && pass || fail "search on the sealed store answers as before"
"$TIFA" -d one.db count 发展 -n 0 > after.count
cmp -s before.count after.count && pass || fail "count on the sealed store answers as before"
expect_eq "$(mode one.db)" "1 1" "reading a sealed store leaves it sealed"

run "$TIFA" -d one.db seal --undo
expect_rc 0 "seal --undo"
expect_out "one.db: unsealed" "--undo names the store"
expect_eq "$(mode one.db)" "2 2" "an unsealed store is back in WAL mode"

# a corpus: every shard, and its parts merge as before
run "$TIFA" -d corp ingest -q --shards 2 $F
expect_rc 0 "ingest --shards 2"
for s in 1 2; do "$TIFA" -d corp part count 发展 -n 0 --shard $s > p$s; done
"$TIFA" merge --by-doc p1 p2 > before.merged
run "$TIFA" -d corp seal
expect_rc 0 "seal a corpus"
expect_out "2 shards sealed" "seal counts the shards"
expect_eq "$(mode corp/s1.db) $(mode corp/s2.db)" "1 1 1 1" "every shard is sealed"
for s in 1 2; do "$TIFA" -d corp part count 发展 -n 0 --shard $s > q$s; done
"$TIFA" merge --by-doc q1 q2 > after.merged
cmp -s before.merged after.merged && pass || fail "the parts of a sealed corpus merge as before"

# readers of a sealed shard take no locks: a process holding an exclusive lock on every shard
# (a reader of an unsealed or unimmutable store would wait, then fail: "database is locked")
# does not stop the corpus's count
"$TIFA" -d corp count 发展 -n 0 > sealed.count
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sqlite3' 2>/dev/null; then
  mkfifo lockgo
  /usr/bin/python3 -c '
import sqlite3, sys
cs = [sqlite3.connect(p, isolation_level=None) for p in sys.argv[1:]]
for c in cs: c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
' corp/s1.db corp/s2.db < lockgo > locked.out &
  LOCKER=$!
  exec 7> lockgo
  for i in $(seq 50); do grep -q locked locked.out 2>/dev/null && break; sleep 0.1; done
  grep -q locked locked.out && pass || fail "the locker holds the shards"
  run timeout 20 "$TIFA" -d corp count 发展 -n 0
  expect_rc 0 "count on a sealed corpus while another process locks its shards"
  expect_eq "$OUT" "$(cat sealed.count)" "the locked, sealed corpus counts as before"
  exec 7>&-
  wait $LOCKER
fi

run "$TIFA" -d corp ingest -q $TIFA_DATA/genres
expect_rc 1 "ingest into a sealed corpus"
expect_err "is sealed" "ingest into a sealed corpus says why"
run "$TIFA" -d corp seal --undo
expect_rc 0 "unseal a corpus"
run "$TIFA" -d corp ingest -q $TIFA_DATA/genres
expect_rc 0 "ingest after seal --undo"

run "$TIFA" -d nosuch.db seal
expect_rc 1 "seal of a missing store"
expect_err "not a tifa store" "seal of a missing store says so"
run "$TIFA" -d one.db seal --now
expect_rc 2 "seal with an unknown argument"

finish
