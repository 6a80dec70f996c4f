# search.sh -- tifa search and tifa count end to end, on the built-in sample corpus and on
# a store made from the seeds; counts are checked against grep over the same files.
. "$(dirname "$0")/lib.sh"

# the sample corpus (no store given, no ./tifa.db)
run "$TIFA" search 高质量发展
expect_rc 0 "search sample"; expect_out "【高质量发展】" "match marked"
nhits=$(grep -c '^ *[0-9]\+  #' <<<"$OUT")
[ "$nhits" -ge 4 ] && pass || fail "高质量发展 in at least 4 seed files: $nhits"
run "$TIFA" search -n 2 发展
expect_eq "$(grep -c '^ *[0-9]\+  #' <<<"$OUT")" "2" "-n limits hits"
run "$TIFA" search 党
expect_rc 0 "one-character query"; expect_out "【党】" "one character marked"
run "$TIFA" search "AI+制造"
expect_rc 0 "operators in user text are not FTS syntax"
run "$TIFA" search '(发展'
expect_rc 2 "malformed query"; expect_err "malformed query: unbalanced parenthesis" "says why"
run "$TIFA" search 不存在的提法组合
expect_rc 0 "no match is not an error"; expect_err "no match for '不存在的提法组合'" "says so"

# count against grep: every occurrence in the stored titles and texts (the layout joins
# broken lines, so the raw files are no oracle; bylines, kickers and series are fields)
"$TIFA" -e 'for a in db:articles() do print(a.id, a.title) print(a.id, (a.text:gsub("\n", "\n" .. a.id .. "\t"))) end' >stored.txt
for phrase in 高质量发展 稳中求进 中国式现代化 内蒙古 习近平; do
  want=$(cut -f2- stored.txt | grep -o "$phrase" | wc -l)
  run "$TIFA" count "$phrase"
  expect_rc 0 "count $phrase"
  expect_out "$want match" "count $phrase equals grep -o ($want)"
done
expect_ne "$(cut -f2- stored.txt | grep -o 高质量发展 | wc -l)" "0" "the oracle finds the phrase"
run "$TIFA" count -n 1 高质量发展
expect_eq "$(sed -n 2p <<<"$OUT" | awk '{print $1}')" "$(awk -F'\t' '{ n[$1] += gsub(/高质量发展/, "") } END { for (k in n) print n[k] }' stored.txt | sort -n | tail -1)" "top article count"
expect_eq "$(wc -l <<<"$OUT")" "2" "-n 1: one article listed"

# a real store from the seeds gives the same answers
"$TIFA" -d t.db ingest -q "$TIFA_SEEDS" >/dev/null
run "$TIFA" -d t.db count 高质量发展
expect_out "$(cut -f2- stored.txt | grep -o 高质量发展 | wc -l) match" "store count equals the sample's"
# ./tifa.db is the default store when present
cp t.db tifa.db
run "$TIFA" -e 'print(db.path)'
expect_eq "$OUT" "tifa.db" "./tifa.db chosen"
TIFA_DB="$WORK/t.db" run "$TIFA" -e 'print(db.path)'
expect_eq "$OUT" "$WORK/t.db" "TIFA_DB chosen"
finish
