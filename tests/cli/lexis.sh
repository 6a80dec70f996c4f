# lexis.sh -- the lexis scripts (scripts/freq.lua, keywords.lua, compare.lua, summarize.lua)
# on the sample corpus: --help, their rows in each format, filters and usage errors.
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
export TIFA_PATH="$TIFA_SRC/scripts"

for s in freq keywords compare summarize; do
  run "$TIFA" run $s --help
  expect_rc 0 "$s --help"; expect_out "usage: tifa run $s" "$s --help prints its usage"
done

run "$TIFA" run freq --top 3 --stopwords function,punct --format csv
expect_rc 0 "freq"; expect_eq "$(sed -n 2p <<<"$OUT" | tr -d '\r')" "发展,348,11" "freq: 发展 first without function words"
expect_eq "$(wc -l <<<"$OUT")" "4" "freq: header and three rows"
run "$TIFA" run freq --by month --top 1 --format csv
expect_out "2024-03,的,137,6" "freq --by month: one row per month"
run "$TIFA" run freq --unit ngram --top 2 --outlet 内蒙古日报 --format json
expect_rc 0 "freq ngram json"; expect_out '"item":' "json rows"

run "$TIFA" run keywords --id 1 --top 3 --format csv
expect_rc 0 "keywords --id"; expect_out "高质量发展," "keywords of article 1"
run "$TIFA" run keywords --top 2
expect_out "以进促稳" "keywords of each article: article 3's"
run "$TIFA" run keywords --id 99
expect_rc 2 "keywords of a missing article"; expect_err "no article 99" "says so"

run "$TIFA" run compare --target outlet=内蒙古日报 --top 1 --format csv
expect_rc 0 "compare"; expect_eq "$(sed -n 2p <<<"$OUT" | tr -d '\r')" "两会,20,0,54.62,6.87,****,over" "两会 first"
run "$TIFA" run compare --target id=6,7 --reference outlet=新华社 --direction under --top 3 --format csv
expect_rc 0 "compare by ids"; expect_out ",under" "under-used only"
run "$TIFA" run compare --target outlet
expect_rc 2 "a bad filter"; expect_err "FIELD=VALUE expected" "says what is expected"
run "$TIFA" run compare
expect_rc 2 "compare needs --target"

run "$TIFA" run summarize 4 --sentences 2 --format csv
expect_rc 0 "summarize"; expect_out "2,81,168,要一以贯之" "the sentence of paragraph 2, characters 81-168"
run "$TIFA" run summarize 999
expect_rc 1 "summarize a missing article"; expect_err "no article 999" "says so"
finish
