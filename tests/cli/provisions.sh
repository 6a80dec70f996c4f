# provisions.sh -- tifa show prints the provisions (条) of a law after its paragraphs: label,
# 款 and 项 counts, and the characters in the text; an article with none prints none.
. "$(dirname "$0")/lib.sh"
DB="$WORK/t.db"
LAW="$TIFA_DATA/provisions/某某条例.md"

"$TIFA" -d "$DB" ingest -q "$LAW" >/dev/null
run "$TIFA" -d "$DB" show 1
expect_rc 0 "show a law"
expect_out "provisions: 5" "show: the number of provisions"
grep -qE '^  第二条 +3 款  3 项  [0-9]+-[0-9]+$' <<<"$OUT" && pass || fail "show: 第二条 with 3 款 and 3 项: $OUT"
grep -qE '^  第十条之一 +1 款  0 项  [0-9]+-[0-9]+$' <<<"$OUT" && pass || fail "show: 第十条之一: $OUT"
grep -qE '^  第十二条' <<<"$OUT" && fail "show: a citation is no provision" || pass
"$TIFA" -d "$WORK/n.db" ingest -q "$TIFA_SEEDS" >/dev/null
run "$TIFA" -d "$WORK/n.db" show 1
expect_rc 0 "show a news article"
grep -q "provisions:" <<<"$OUT" && fail "show: a news article has no provisions" || pass
finish
