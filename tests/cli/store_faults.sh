# store_faults.sh -- the store under stress: kill -9 during ingest (integrity kept, no
# half-stored file, a re-run completes), a second process reading during an ingest, a
# store locked by another writer, and a generated 200 MB file ingested in bounded memory.
. "$(dirname "$0")/lib.sh"
DB="$WORK/k.db"
q () { "$TIFA" -d "$1" -e "$2"; }

# many files with many articles, so a kill lands inside a file's transaction
mkdir corpus
python3 - "$TIFA_SEEDS" corpus <<'PY'
import os, sys, json
seeds, out = sys.argv[1], sys.argv[2]
paras = []
for name in sorted(os.listdir(seeds)):
    with open(os.path.join(seeds, name), encoding="utf-8") as f:
        paras += [l.strip() for l in f if len(l.strip()) > 20]
for i in range(40):
    with open(os.path.join(out, "part%02d.jsonl" % i), "w", encoding="utf-8") as f:
        for j in range(400):
            body = "\n".join(paras[(i * 7 + j + k) % len(paras)] for k in range(6))
            f.write(json.dumps({"title": "第%d篇 第%d条" % (i, j), "date": "2024-03-%02d" % (j % 28 + 1),
                                "text": body, "source": "测试报"}, ensure_ascii=False) + "\n")
PY

check_store () {  # integrity ok; every stored file has all its articles (400) and its raw bytes
  local out
  out=$(q "$DB" 'print(db:sql("PRAGMA integrity_check")[1].integrity_check)
local bad = db:sql([[SELECT count(*) AS n FROM file f WHERE length(f.raw) <> f.size
  OR (SELECT count(*) FROM article a WHERE a.file_id = f.id) <> 400]])[1].n
print(bad)
print(db:sql("INSERT INTO article_fts(article_fts, rank) VALUES (?, 1)", "integrity-check") and "fts ok")')
  expect_eq "$out" "$(printf 'ok\n0\nfts ok')" "store consistent after kill -9 ($1)"
}

for i in 1 2 3 4 5 6; do
  "$TIFA" -d "$DB" ingest -q corpus >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ -e "$DB" ] && check_store "kill $i"
done
run "$TIFA" -d "$DB" ingest -q corpus
expect_rc 0 "re-run after kills"
expect_eq "$(q "$DB" 'print(db:sql("SELECT count(*) AS n FROM file")[1].n, db:sql("SELECT count(*) AS n FROM article")[1].n)')" "40	16000" "re-run completes the store"
check_store "final"

# a reader while a writer ingests: never 'locked', always a consistent count
rm -f "$DB"*
"$TIFA" -d "$DB" ingest -q corpus/part00.jsonl >/dev/null
"$TIFA" -d "$DB" ingest -q corpus >/dev/null 2>&1 &
pid=$!
reads=0; readfail=0
while kill -0 "$pid" 2>/dev/null && [ $reads -lt 200 ]; do
  if out=$("$TIFA" -d "$DB" count 测试 2>&1); then reads=$((reads + 1)); else readfail=$((readfail + 1)); echo "$out" >&2; break; fi
done
wait "$pid"; wrc=$?
expect_eq "$wrc" "0" "writer finished"
expect_eq "$readfail" "0" "reads during ingest succeed ($reads reads)"
[ "$reads" -ge 1 ] && pass || fail "at least one read happened during the ingest"

# another writer holds the lock: a clear error after the busy timeout, store unchanged
rm -f locked.flag unlock.flag
python3 - "$DB" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open("locked.flag", "w").close()       # the lock is held from here on, until the test is done
for _ in range(1200):                  # (at most 2 minutes: a loaded machine is slow)
    if os.path.exists("unlock.flag"): break
    time.sleep(0.1)
c.execute("ROLLBACK")
PY
lockpid=$!
for _ in $(seq 600); do [ -e locked.flag ] && break; sleep 0.1; done   # wait for the lock
printf '锁\n被锁住的存储。\n' >locked.txt
run "$TIFA" -d "$DB" ingest locked.txt
touch unlock.flag
expect_rc 1 "locked store"; expect_err "database is locked" "says it is locked"
wait $lockpid
expect_eq "$(q "$DB" 'print((db:count("被锁住的存储")))')" "0" "nothing stored while locked"

# a full disk (a file-size limit, with SIGXFSZ ignored so that writes fail with EFBIG): a
# clear error, the files stored before it intact, the store consistent
rm -f full.db*
"$TIFA" -d full.db ingest -q corpus/part00.jsonl >/dev/null
before=$(q full.db 'print(db:sql("SELECT count(*) AS n FROM article")[1].n)')
sz=$(( $(stat -c %s full.db) / 1024 + 3000 ))
run bash -c "trap '' XFSZ; ulimit -f $sz; exec \"$TIFA\" -d full.db ingest -q corpus"
expect_rc 1 "full disk: exit 1"
grep -qiE "disk|full|I/O" <<<"$ERR" && pass || fail "full disk: says so: $ERR"
got=$(q full.db 'print(db:sql("PRAGMA integrity_check")[1].integrity_check,
  db:sql("SELECT count(*) AS n FROM file f WHERE (SELECT count(*) FROM article a WHERE a.file_id = f.id) <> 400")[1].n)')
expect_eq "$got" "ok	0" "full disk: store consistent, no half-stored file"
after=$(q full.db 'print(db:sql("SELECT count(*) AS n FROM article")[1].n)')
[ "$after" -ge "$before" ] && pass || fail "full disk: earlier files kept ($before -> $after)"

# 200 MB of JSON Lines in bounded memory
python3 - big.jsonl <<'PY'
import json, sys
seed = "坚持稳中求进、以进促稳、先立后破，推动高质量发展，加快发展新质生产力。" * 40
with open(sys.argv[1], "w", encoding="utf-8") as f:
    n, size = 0, 0
    while size < 200 * 1024 * 1024:
        line = json.dumps({"title": "第%d篇" % n, "text": seed + "编号%d。" % n}, ensure_ascii=False) + "\n"
        f.write(line); size += len(line.encode()); n += 1
PY
rm -f big.db*
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o rss.txt "$TIFA" -d big.db ingest -q big.jsonl >/dev/null 2>err.txt
  brc=$?
  expect_eq "$brc" "0" "200 MB ingest"
  rss=$(tail -1 rss.txt)
  if [ -z "${TIFA_SANITIZE:-}" ]; then
    [ "$rss" -lt 262144 ] && pass || fail "peak memory of a 200 MB ingest: ${rss} KB (limit 256 MB)"
  fi
else
  "$TIFA" -d big.db ingest -q big.jsonl >/dev/null; expect_eq "$?" "0" "200 MB ingest"
fi
expect_eq "$(q big.db 'print(db:sql("SELECT size = length(raw) AS ok FROM file")[1].ok, (db:count("编号12345。")))')" "1	1" "200 MB stored whole and searchable"
finish
