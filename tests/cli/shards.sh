# shards.sh -- a corpus of shards (docs/shards.md): 'ingest --shards' routes each file to the
# shard its path's FNV-1a 64 names and fills the shards in parallel; 'part' on one store and
# 'merge --by-doc' give the same bytes as 'part --shard 1..3' on the corpus and the merge;
# the merge refuses parts of different requests, a missing shard and a part cut short.
. "$(dirname "$0")/lib.sh"

F="$TIFA_SEEDS $TIFA_DATA/layout $TIFA_DATA/genres $TIFA_DATA/gongwen"

run "$TIFA" -d one.db ingest -q $F
expect_rc 0 "ingest into one store"
run "$TIFA" -d corp ingest -q --shards 3 $F
expect_rc 0 "ingest --shards 3"
expect_out "stored in 3 shards" "ingest --shards: the summary names the shards"
[ -f corp/tifa-shards.json ] && [ -f corp/s1.db ] && [ -f corp/s2.db ] && [ -f corp/s3.db ] && pass \
  || fail "the corpus has its catalog and three stores"
grep -q '"hash": "fnv1a64"' corp/tifa-shards.json && pass || fail "catalog names its hash"

# the paths of a store, one a line, sorted
paths () { "$TIFA" -d "$1" -e 'for _, r in ipairs(db:sql("SELECT path FROM file")) do print(r.path) end' | LC_ALL=C sort; }
# 1 + FNV-1a 64 of the bytes of $1, mod $2: computed here, apart from the C code (bash wraps
# 64-bit products; the unsigned remainder from the value halved)
route () {
  local h=-3750763034362895579 b
  for b in $(printf '%s' "$1" | od -An -tu1 -v); do
    h=$(( (h ^ b) * 1099511628211 ))
  done
  echo $(( 1 + ( (((h >> 1) & 0x7FFFFFFFFFFFFFFF) % $2) * 2 + (h & 1) ) % $2 ))
}
articles () { "$TIFA" -d "$1" -e 'print(db:sql("SELECT count(*) AS n FROM article")[1].n)'; }

paths one.db > one.paths
: > all.paths
bad=0
for s in 1 2 3; do
  paths corp/s$s.db > s$s.paths
  cat s$s.paths >> all.paths
  while IFS= read -r p; do
    [ "$(route "$p" 3)" = "$s" ] || { bad=1; fail "file '$p' is in shard $s, routed to $(route "$p" 3)"; }
  done < s$s.paths
done
[ $bad = 0 ] && pass
[ -s s1.paths ] && [ -s s2.paths ] && [ -s s3.paths ] && pass || fail "every shard holds files"
LC_ALL=C sort all.paths > all.sorted
cmp -s one.paths all.sorted && pass || fail "each file in exactly one shard: $(diff one.paths all.sorted | head -5)"
expect_eq "$(( $(articles corp/s1.db) + $(articles corp/s2.db) + $(articles corp/s3.db) ))" \
  "$(articles one.db)" "shard articles sum to the store's"

run "$TIFA" -d corp ingest $F
expect_rc 0 "ingest again, --shards not needed"
expect_out "0 added, 0 replaced, $(wc -l < one.paths) unchanged" "ingest again: all unchanged"
expect_out "s2.db: $(wc -l < s2.paths) files" "per-shard lines"
run "$TIFA" -d corp ingest --shards 4 $F
expect_rc 2 "another shard count"; expect_err "has 3 shards; resharding is not supported" "another shard count"
run "$TIFA" -d corp ingest --dry-run $TIFA_SEEDS
expect_rc 2 "--dry-run on a corpus"
run "$TIFA" -d corp ingest - </dev/null
expect_rc 2 "'-' on a corpus"
run "$TIFA" -d corp count 发展
expect_rc 1 "a command on a corpus dir"; expect_err "a corpus of shards" "a command on a corpus dir says what it is"

# the same answers: one store, and three shards, through part and merge --by-doc
same () {
  local s
  "$TIFA" -d one.db part "$@" > one.p && "$TIFA" merge --by-doc one.p > one.out \
    || { fail "part/merge on one store: $*"; return; }
  for s in 1 2 3; do
    "$TIFA" -d corp part "$@" --shard $s > p$s || { fail "part $* --shard $s"; return; }
  done
  "$TIFA" merge --by-doc p1 p2 p3 > three.out || { fail "merge of the shards: $*"; return; }
  [ "$(wc -l < one.out)" -gt 2 ] || fail "$*: the answer has records"
  cmp -s one.out three.out && pass || fail "one store != 3 shards for '$*': $(diff one.out three.out | head -4)"
}
same count 发展 -n 0
same count --words 人才 -n 0
same count 'NEAR(发展 改革, 20)' -n 0
same words
same words -n 20 --min 3
same timeline 发展
same timeline
same timeline 发展 --by year
same kwic 发展
same kwic 发展 --sort left --width 8
same kwic 发展 --sort right -n 10

# the merged count is the store's count; a shard's ids are shard * 10^10 + its own
total=$("$TIFA" -d one.db count 发展 -n 0 | head -1 | cut -d' ' -f1)
"$TIFA" -d corp part count 发展 -n 0 --shard 1 > p1
"$TIFA" -d corp part count 发展 -n 0 --shard 2 > p2
"$TIFA" -d corp part count 发展 -n 0 --shard 3 > p3
run "$TIFA" merge p1 p2 p3
expect_rc 0 "merge with ids"
expect_out "\"total\":$total," "merged total is the store's count"
expect_out '"shards":[1,2,3]' "the merged header names the shards"
id=$(grep -o '"id":2[0-9]\{10\}' p2 | head -1 | cut -d: -f2)
file=$(grep -o "\"id\":$id,\"file\":\"[^\"]*\"" p2 | sed 's/.*"file":"//; s/"$//')
local_id=$((id - 2 * 10000000000))
run "$TIFA" -d corp/s2.db -e "print(db:sql('SELECT f.path AS p FROM article a JOIN file f ON f.id = a.file_id WHERE a.id = ?', $local_id)[1].p)"
expect_eq "$OUT" "$file" "id $id names article $local_id of s2.db"

# the kwic comparator copied into the merge sorts as db:kwic does (one store, no --by-doc;
# Lua offsets count from 1)
"$TIFA" -d one.db part kwic 发展 --sort left --width 8 > k.p
"$TIFA" merge k.p | sed -n 's/^{"id":\([0-9]*\),.*"t":\([01]\),"from":\([0-9]*\),.*/\1 \2 \3/p' > k.merged
"$TIFA" -d one.db -e 'for _, l in ipairs(db:kwic("发展", {sort="left", width=8})) do
  print(l.id, l.field == "title" and 1 or 0, l.from - 1) end' | tr '\t' ' ' > k.lua
[ -s k.lua ] && cmp -s k.merged k.lua && pass || fail "merged kwic --sort left != db:kwic's order: $(diff k.merged k.lua | head -4)"

# errors
"$TIFA" -d corp part count 改革 -n 0 --shard 3 > q3
run "$TIFA" merge p1 p2 q3
expect_rc 1 "parts of different requests"; expect_err "different requests" "parts of different requests"
run "$TIFA" merge p1 p3
expect_rc 1 "a missing shard"; expect_err "missing shard 2" "a missing shard is named"
run "$TIFA" merge --allow-missing p1 p3
expect_rc 0 "--allow-missing"; expect_out '"missing":[2]' "--allow-missing records it"
head -n -1 p2 > cut2
run "$TIFA" merge p1 cut2 p3
expect_rc 1 "a part cut short"; expect_err "part 'cut2' ends early" "a part cut short is named"
run "$TIFA" merge p1 p1 p2 p3
expect_rc 1 "a shard twice"; expect_err "shard 1 given twice" "a shard twice"
"$TIFA" -d one.db part count 发展 -n 0 > one.p
run "$TIFA" merge one.p p1 p2 p3
expect_rc 1 "a store's part with shards' parts"
run "$TIFA" -d corp part count 发展
expect_rc 2 "part on a corpus needs --shard"; expect_err "needs --shard" "part on a corpus needs --shard"
run "$TIFA" -d corp part count 发展 --shard 4
expect_rc 2 "no shard 4"; expect_err "no shard 4" "no shard 4"
run "$TIFA" -d one.db part count 发展 --shard 1
expect_rc 2 "--shard on a store"
run "$TIFA" -d one.db part search 发展
expect_rc 2 "an analytic without a part"; expect_err "unknown analytic 'search'" "unknown analytic"
run "$TIFA" merge --by-doc
expect_rc 2 "merge without parts"

finish
