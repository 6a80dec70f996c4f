# shards.sh -- a corpus of shards (docs/shards.md): 'ingest --shards' routes each file to the
# shard its path's FNV-1a 64 names and fills the shards in parallel; 'part' on one store and
# 'merge --by-doc' give the same bytes as 'part --shard 1..3' on the corpus and the merge;
# the merge refuses parts of different requests, a missing shard and a part cut short.
# Search in two passes (the statistics, then the hits ranked with their sums), dispersion and
# track: the same bytes, and the store's own answers (db:search's scores, db:dispersion's
# measures, db:track's results); a shard that changed between the passes is refused.
. "$(dirname "$0")/lib.sh"

twin "${FIXTURES[@]}"
expect_out "stored in 3 shards" "ingest --shards: the summary names the shards"
[ -f corp/tifa-shards.json ] && [ -f corp/s1.db ] && [ -f corp/s2.db ] && [ -f corp/s3.db ] && pass \
  || fail "the corpus has its catalog and three stores"
grep -q '"hash": "fnv1a64"' corp/tifa-shards.json && pass || fail "catalog names its hash"

# the paths of a store, one a line, sorted
paths () { "$TIFA" -d "$1" -e 'for _, r in ipairs(db:sql("SELECT path FROM file")) do print(r.path) end' | LC_ALL=C sort; }
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

run "$TIFA" -d corp ingest "${FIXTURES[@]}"
expect_rc 0 "ingest again, --shards not needed"
expect_out "0 added, 0 replaced, $(wc -l < one.paths) unchanged" "ingest again: all unchanged"
expect_out "s2.db: $(wc -l < s2.paths) files" "per-shard lines"
run "$TIFA" -d corp ingest --shards 4 "${FIXTURES[@]}"
expect_rc 2 "another shard count"; expect_err "has 3 shards; resharding is not supported" "another shard count"
run "$TIFA" -d corp ingest --dry-run $TIFA_SEEDS
expect_rc 2 "--dry-run on a corpus"
run "$TIFA" -d corp ingest - </dev/null
expect_rc 2 "'-' on a corpus"
run "$TIFA" -d corp count 发展 -n 0
expect_rc 0 "count on a corpus dir (tests/cli/corpus.sh)"
expect_eq "$OUT" "$("$TIFA" -d one.db count 发展 -n 0)" "count on a corpus dir: the store's count"

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
same dispersion 发展
same dispersion --words 人才 --cells 20
same dispersion 'NEAR(发展 改革, 20)' --cells 7
printf '# two formulations\n硬道理 = 发展是硬道理 | 新时代的硬道理\n新质生产力\n高质量发展\n' > lex.txt
same track
same track 稳中求进、以进促稳、先立后破 --by year --matches
same track --lexicon lex.txt --min-articles 1 --matches

# track: the merge gives what db:track gives (one store, ids): the results in its order, then
# each one's totals, first and last, months, counts per article and variants
cat > track.lua <<'EOF2'
for _, r in ipairs(db:track(nil, {matches = false})) do print(r.formulation) end
for _, r in ipairs(db:track(nil, {matches = false})) do
  local m, per = {}, {}
  for _, p in ipairs(r.months) do m[#m + 1] = p.period .. ":" .. p.count end
  for _, p in ipairs(r.per) do per[#per + 1] = p.id .. ":" .. p.count end
  print(table.concat({r.formulation, r.total, r.articles, r.first.id, r.last.id,
                      table.concat(m, ","), table.concat(per, ",")}, "\t"))
  for v, n in pairs(r.variants) do print(r.formulation .. "\tv\t" .. v .. "\t" .. n) end
end
EOF2
"$TIFA" -d one.db run track.lua > t.lua || fail "db:track"
"$TIFA" -d one.db part track > t.p && "$TIFA" merge t.p | python3 -c '
import json, sys
rs = [o for o in map(json.loads, sys.stdin) if "formulation" in o]
for o in rs: print(o["formulation"])
for o in rs:
  print("\t".join(map(str, [o["formulation"], o["total"], o["articles"], o["first"]["id"], o["last"]["id"],
    ",".join("%s:%d" % (p["p"], p["n"]) for p in o["months"]), ",".join("%d:%d" % (p["id"], p["count"]) for p in o["per"])])))
  for v in o["variants"]: print("%s\tv\t%s\t%d" % (o["formulation"], v["v"], v["n"]))' > t.merged
n=$(grep -c . <(head -100 t.lua | grep -v "$(printf '\t')"))
[ "$n" -gt 5 ] && cmp -s <(head -n "$n" t.lua) <(head -n "$n" t.merged) && pass || fail "merged track's results are not db:track's, in its order"
cmp -s <(LC_ALL=C sort t.lua) <(LC_ALL=C sort t.merged) && pass || fail "merged track != db:track: $(diff <(LC_ALL=C sort t.lua) <(LC_ALL=C sort t.merged) | head -4)"
run "$TIFA" -d one.db part track --lexicon lex.txt 新质生产力
expect_rc 2 "track: a lexicon file and a formulation"
run "$TIFA" -d one.db part track '= 发展'
expect_rc 2 "track: a bad lexicon"; expect_err "bad lexicon" "track: a bad lexicon"

# dispersion: the merge's measures are db:dispersion's, to the bit (one store, its order)
"$TIFA" -d one.db part dispersion 发展 --cells 10 > d.p && "$TIFA" merge d.p > d.out
tail -1 d.out | sed 's/.*"parts":\([0-9]*\),"total":\([0-9]*\),"articles":\([0-9]*\),"juilland_d":\([^,]*\),"dp":\([^,]*\),"dp_norm":\([^}]*\)}/\1 \2 \3 \4 \5 \6/' \
  | while read -r a b c d e f; do printf '%s %s %s %.17g %.17g %.17g\n' "$a" "$b" "$c" "$d" "$e" "$f"; done > d.merged
"$TIFA" -d one.db -e 'local r = db:dispersion("发展", {cells = 10})
  print(string.format("%d %d %d %.17g %.17g %.17g", r.parts, r.total, r.articles, r.juilland_d, r.dp, r.dp_norm))' > d.lua
[ -s d.lua ] && cmp -s d.merged d.lua && pass || fail "merged dispersion != db:dispersion: $(cat d.merged d.lua)"
"$TIFA" -d one.db -e 'for _, r in ipairs(db:dispersion("发展", {cells = 10})) do print(r.id, r.count, r.plot) end' | tr '\t' ' ' > d.rows.lua
sed -n 's/^{"id":\([0-9]*\),.*"count":\([0-9]*\),.*"plot":"\([^"]*\)"}$/\1 \2 \3/p' d.out > d.rows
cmp -s d.rows d.rows.lua && pass || fail "merged dispersion rows != db:dispersion's: $(diff d.rows d.rows.lua | head -4)"

# search in two passes: the statistics of each shard, summed by the merge; then each shard's
# best hits ranked with the sums, merged by score. One store through the same two passes
# gives the same bytes (its scores bitwise those of the shards' hits).
# samesearch "QUERY [--words]" "SEARCH OPTIONS"
samesearch () {
  local s q o
  read -ra q <<<"$1"; read -ra o <<<"${2:-}"
  "$TIFA" -d one.db part search-stats "${q[@]}" > st && "$TIFA" merge st > stm \
    && "$TIFA" -d one.db part search "${q[@]}" "${o[@]}" --stats stm > sp \
    && "$TIFA" merge --by-doc sp > one.out || { fail "search passes on one store: $*"; return; }
  for s in 1 2 3; do
    "$TIFA" -d corp part search-stats "${q[@]}" --shard $s > st$s || { fail "search-stats $* --shard $s"; return; }
  done
  "$TIFA" merge st1 st2 st3 > stm3 || { fail "merge of the statistics: $*"; return; }
  for s in 1 2 3; do
    "$TIFA" -d corp part search "${q[@]}" "${o[@]}" --stats stm3 --shard $s > sp$s \
      || { fail "part search $* --shard $s"; return; }
  done
  "$TIFA" merge --by-doc sp1 sp2 sp3 > three.out || { fail "merge of the search parts: $*"; return; }
  [ "$(wc -l < one.out)" -gt 2 ] || fail "search $*: the answer has hits"
  cmp -s one.out three.out && pass || fail "search: one store != 3 shards for '$*': $(diff one.out three.out | head -4)"
}
samesearch 高质量发展
samesearch 'title:发展 OR 改革'
samesearch '--words 人才'
samesearch 党 '-n 1000'
samesearch 发展 '-n 5 --offset 7 --context 10'
# the statistics: summed, they are the store's (--by-doc leaves each shard's rows out)
samesearch '发展 改革'
"$TIFA" merge --by-doc st > st.one && "$TIFA" merge --by-doc st1 st2 st3 > st.three
cmp -s st.one st.three && pass || fail "merged statistics != the store's: $(diff st.one st.three | head -4)"
grep -qF '"phrases":["\"发展\"","\"改革\""]' st.one && pass || fail "the statistics name the phrases: $(cat st.one)"
grep -q '"shard_rows":\[[0-9]*,[0-9]*,[0-9]*\]' stm3 && pass || fail "the merged statistics keep each shard's rows"
# the scores are the store's own search's, in its order; --offset passes over the first hits
"$TIFA" -d one.db -e 'for _, h in ipairs(db:search("发展", {limit = 5})) do print(string.format("%.17g", h.score)) end' > s.lua
samesearch 发展 '-n 5'
sed -n 's/.*"score":\([^,]*\),.*/\1/p' three.out | while read -r x; do printf '%.17g\n' "$x"; done > s.three
[ -s s.lua ] && cmp -s s.lua s.three && pass || fail "merged scores != db:search's: $(diff s.lua s.three | head -4)"
"$TIFA" -d one.db part search 发展 -n 10 > own.p && "$TIFA" merge --by-doc own.p > own.out
sed -n 2,11p own.out > own.10
samesearch 发展 '-n 10'
sed -n 2,11p three.out > three.10
cmp -s own.10 three.10 && pass || fail "a store's own statistics (no --stats) rank as the corpus's: $(diff own.10 three.10 | head -4)"
samesearch 发展 '-n 4 --offset 3'
sed -n 5,8p own.out | cmp -s - <(sed -n 2,5p three.out) && pass || fail "--offset 3 -n 4: hits 4 to 7"
# ties at the cut: a part keeps the hits after its first K+N that score as the last of them,
# as the merge orders ties by provenance, not as FTS5 found them (z.md stored before a.md)
mkdir tie && for f in z a; do printf '# 并列\n\n这是并列得分的检验文字。\n' > tie/$f.md; done
"$TIFA" -d tie.db ingest -q tie/z.md > /dev/null && "$TIFA" -d tie.db ingest -q tie/a.md > /dev/null
"$TIFA" -d tie.db part search 并列得分 -n 1 > tie1.p
expect_eq "$(grep -c '"score"' tie1.p)" 2 "a part keeps the hit that ties its last"
"$TIFA" merge --by-doc tie1.p | sed -n 2p > tie1
"$TIFA" -d tie.db part search 并列得分 -n 10 | "$TIFA" merge --by-doc - | sed -n 2p > tie10
grep -q '/a.md"' tie1 && cmp -s tie1 tie10 && pass || fail "-n 1 of a tie is the first by provenance: $(cat tie1)"

# the statistics of another query; a shard changed between the passes
"$TIFA" -d corp part search-stats 发展 改革 --shard 1 > st1 && "$TIFA" -d corp part search-stats 发展 改革 --shard 2 > st2 \
  && "$TIFA" -d corp part search-stats 发展 改革 --shard 3 > st3 && "$TIFA" merge st1 st2 st3 > stm3
run "$TIFA" -d corp part search 发展 --stats stm3 --shard 1
expect_rc 1 "another query's statistics"; expect_err "statistics for 2 phrases, the query has 1" "another query's statistics"
run "$TIFA" -d corp part search 发展 OR 党 --stats stm3 --shard 1
expect_rc 1 "another query's phrases"; expect_err "statistics of another query" "another query's phrases"
run "$TIFA" -d corp part search 发展 改革 --stats st1 --shard 1
expect_rc 1 "one shard's statistics"; expect_err "merge the parts of all shards first" "one shard's statistics"
run "$TIFA" -d corp part search 发展 --shard 1
expect_rc 2 "part search on a shard without --stats"; expect_err "--stats" "part search needs --stats"
run "$TIFA" merge st1 st2
expect_rc 1 "statistics of a missing shard"; expect_err "missing shard 3" "statistics of a missing shard"
cp -r corp corp2
for s in 1 2 3; do "$TIFA" -d corp2 part search-stats 发展 --shard $s > st$s; done
"$TIFA" merge st1 st2 st3 > stm3
mkdir extra && printf '# 发展的新文件\n\n发展新质生产力，推动高质量发展。\n' > extra/new.md
"$TIFA" -d corp2 ingest -q extra > /dev/null
changed=$(route "$(cd extra && pwd -P)/new.md" 3)
for s in 1 2 3; do "$TIFA" -d corp2 part search 发展 --stats stm3 --shard $s > sp$s; done
run "$TIFA" merge sp1 sp2 sp3
expect_rc 1 "a shard changed between the passes"
expect_err "shard $changed changed between the passes" "the changed shard is named"
expect_err "run again" "says what to do"

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
# a part's top N (a heap of N over all hits) is the first N of all hits sorted, ties by id
nrec=$(($(wc -l <one.p) - 2))
[ "$nrec" -gt 20 ] && pass || fail "count's part: too few records to cut ($nrec)"
for k in 1 7 20 $((nrec - 1)); do
  "$TIFA" -d one.db part count 发展 -n $k > cut.p
  expect_eq "$(sed '1d;$d' cut.p)" "$(sed '1d;$d' one.p | head -$k)" "count's part -n $k: the first $k of all"
done
run "$TIFA" merge one.p p1 p2 p3
expect_rc 1 "a store's part with shards' parts"
run "$TIFA" -d corp part count 发展
expect_rc 2 "part on a corpus needs --shard"; expect_err "needs --shard" "part on a corpus needs --shard"
run "$TIFA" -d corp part count 发展 --shard 4
expect_rc 2 "no shard 4"; expect_err "no shard 4" "no shard 4"
run "$TIFA" -d one.db part count 发展 --shard 1
expect_rc 2 "--shard on a store"
run "$TIFA" -d one.db part collocates 发展
expect_rc 2 "an analytic without a part"; expect_err "unknown analytic 'collocates'" "unknown analytic"
run "$TIFA" merge --by-doc
expect_rc 2 "merge without parts"

finish
