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

# --self: the articles that name themselves; two records of one file resolve apart
cat > laws.jsonl <<'EOF2'
{"title": "中华人民共和国行政许可法", "text": "第一条　为了规范行政许可的设定和实施，制定本法。\n第二条　本法所称行政许可……本法院不算。"}
{"title": "读书", "text": "《纲要》提出，依照《行政许可法》。"}
{"title": "规划", "text": "《长江经济带发展规划纲要》（以下简称《纲要》）。"}
EOF2
run "$TIFA" -d laws.db ingest laws.jsonl
expect_rc 0 "ingest records"
run "$TIFA" -d laws.db run "$S/citations.lua" --self --format csv
expect_rc 0 "citations --self"
expect_out "id,count,kind,title,as_written,where" "citations --self: its header"
expect_out "1,2,法,中华人民共和国行政许可法,本法,1:21 2:28" "citations --self: 本法 twice, not 本法院"
run "$TIFA" -d laws.db run "$S/citations.lua" --format csv
expect_out "1,2,纲要,长江经济带发展规划纲要,纲要,3x2" "citations: the 纲要 is cited by record 3 alone"
expect_out "1,1,纲要,纲要,,2" "citations: 《纲要》 of record 2 is not resolved from record 3"
finish
