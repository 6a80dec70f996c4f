# cite.sh -- the scripts quotes and citations on the sample corpus: tables, CSV, JSON, the
# citation graph as dot and SVG, --help and usage errors.
. "$(dirname "$0")/lib.sh"
S="$TIFA_SRC/scripts"

run "$TIFA" run "$S/quotes.lua" --speaker 习近平 --min-articles 2
expect_rc 0 "quotes --speaker"
expect_out "习近平" "quotes: the speaker"
expect_out "1:21:5954-5994 13:1:72-200" "quotes: where (article:paragraph:from-to)"

run "$TIFA" run "$S/quotes.lua" --unattributed --min-articles 2 --format csv
expect_rc 0 "quotes csv"
expect_out "speaker,articles,count,first,date,text,where" "quotes csv header"
expect_out "时时放心不下" "quotes --unattributed"

run "$TIFA" run "$S/quotes.lua" --speaker 李强 --format json
expect_rc 0 "quotes json"
expect_out '"speaker_as_written": "李强"' "quotes json has the quotations"

run "$TIFA" run "$S/quotes.lua" --help
expect_rc 0 "quotes --help"
expect_out "--min-articles" "quotes --help lists its options"

run "$TIFA" run "$S/quotes.lua" --limit x
expect_rc 2 "quotes bad value"

run "$TIFA" run "$S/citations.lua" --dot g.dot --format csv
expect_rc 0 "citations --dot"
expect_out "3,11,意见,国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见" "citations csv: the opinion first"
expect_out "2x6 5x4 8" "citations: cited by 2, 5 and 8"
grep -q "digraph G" g.dot && pass || fail "citations --dot writes dot"

if [ -z "${TIFA_SANITIZE:-}" ]; then
  run "$TIFA" run "$S/citations.lua" --top 3 --svg g.svg --layout neato
  expect_rc 0 "citations --svg"
  grep -q "<svg" g.svg && pass || fail "citations --svg writes SVG"
fi

run "$TIFA" run "$S/citations.lua" --layout nope
expect_rc 2 "citations bad layout"
finish
