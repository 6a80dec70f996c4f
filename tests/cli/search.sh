# search.sh -- tifa search and tifa count end to end, on the built-in sample corpus and on
# a store made from the seeds; counts are checked against grep over the same files.
. "$(dirname "$0")/lib.sh"

# the sample corpus (no store given, no ./tifa.db)
run "$TIFA" search 高质量发展
expect_rc 0 "search sample"; expect_out "«高质量发展»" "match marked"
nhits=$(grep -c '^ *[0-9]\+  #' <<<"$OUT")
[ "$nhits" -ge 4 ] && pass || fail "高质量发展 in at least 4 seed files: $nhits"
run "$TIFA" search -n 2 发展
expect_eq "$(grep -c '^ *[0-9]\+  #' <<<"$OUT")" "2" "-n limits hits"
run "$TIFA" search 党
expect_rc 0 "one-character query"; expect_out "«党»" "one character marked"
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

# whole words: count --words agrees with the Lua API, and is at most the character count
run "$TIFA" count --words -n 0 人才
expect_rc 0 "count --words"
expect_out "$("$TIFA" -e 'print((db:count("人才", {words = true})))') match" "count --words as db:count{words=true}"
words_n=$(awk 'NR == 1 {print $1}' <<<"$OUT")
chars_n=$("$TIFA" count -n 0 人才 | awk 'NR == 1 {print $1}')
[ "$words_n" -le "$chars_n" ] && pass || fail "words $words_n > characters $chars_n"
run "$TIFA" search --words -n 1 一带一路
expect_rc 0 "search --words"
expect_out "«一带一路»" "the word marked in the snippet"
run "$TIFA" search --words ，
expect_rc 2 "nothing to search for is a usage error"
expect_err "a query needs a word" "and says so"

# the corpus's words: count, articles, word; limits and stopwords
run "$TIFA" words -n 3
expect_rc 0 "words"
expect_eq "$(wc -l <<<"$OUT")" "3" "-n 3: three words"
expect_eq "$(awk '{print $3}' <<<"$OUT" | paste -sd' ')" "$("$TIFA" -e 'local t = {} for _, x in ipairs(db:words{top = 3}) do t[#t + 1] = x.word end print(table.concat(t, " "))')" "the words of db:words"
expect_eq "$(awk '{print $1}' <<<"$OUT" | sort -rn | paste -sd' ')" "$(awk '{print $1}' <<<"$OUT" | paste -sd' ')" "most frequent first"
run "$TIFA" words -n 0 --stopwords function,punct
expect_eq "$(awk '$3 == "的" || $3 == "和"' <<<"$OUT")" "" "--stopwords leaves function words out"
expect_eq "$(awk '$3 == "新质生产力" {print $1}' <<<"$OUT")" "$("$TIFA" count --words -n 0 新质生产力 | awk 'NR == 1 {print $1}')" "a word's count as count --words gives it"
run "$TIFA" words --min 100
awk '$1 < 100 {exit 1}' <<<"$OUT" && pass || fail "--min 100: a word counted less"
run "$TIFA" words --stopwords nope
expect_rc 2 "unknown stopword list"
expect_err "unknown stopword list 'nope'" "named"
run "$TIFA" -d t.db words -n 1
expect_eq "$OUT" "$("$TIFA" words -n 1)" "a real store of the seeds has the sample's words"
finish
