# track.sh -- the scripts of the track family on the sample corpus: kwic (rewritten on
# db:kwic, --sort), timeline and track (sparklines, variants, top articles, --svg, --lexicon).
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
export TIFA_PATH="$TIFA_SRC/scripts"

# {====== kwic ======
run "$TIFA" run kwic 高质量发展 --limit 0 --format csv
expect_rc 0 "kwic"
expect_eq "$(($(wc -l <<<"$OUT") - 1))" "$("$TIFA" -e 'print((db:count("高质量发展")))')" "kwic: a line per match"
run "$TIFA" run kwic 先立后破 --sort left --width 4 --format csv
OUT=$(tr -d '\r' <<<"$OUT")
expect_rc 0 "kwic --sort left"
expect_eq "$(sed -n 2p <<<"$OUT")" "3,2023-12-11,进促稳、,先立后破," "kwic --sort left: 、 first, ties by the right context (the title's is empty)"
expect_eq "$(tail -1 <<<"$OUT")" '9,2024-03-18,"际,坚持",先立后破,、因地制' "kwic --sort left: then 。, then 持 (U+6301) last"
run "$TIFA" run kwic 先立后破 --sort up
expect_rc 2 "kwic --sort: only article, left, right"; expect_err "one of article, left or right" "kwic --sort: says which"
run "$TIFA" run kwic "(先立后破"
expect_rc 2 "kwic: a malformed query"; expect_err "malformed query" "kwic: says why"
# }======

# {====== timeline ======
run "$TIFA" run timeline 稳中求进 --by month --svg tl.svg
expect_rc 0 "timeline"
expect_out "2024-01   0" "timeline: empty months shown"
expect_out "2023-12 █▁▁▅ 2024-03" "timeline: the sparkline"
expect_out "undated: 5 matches in 1 articles" "timeline: article 1 has no date"
grep -q '<svg' tl.svg && xmllint --noout tl.svg 2>/dev/null && pass || fail "timeline --svg: valid SVG"
# }======

# {====== track ======
run "$TIFA" run track 稳中求进、以进促稳、先立后破 "硬道理 = 发展是硬道理 | 新时代的硬道理"
expect_rc 0 "track"
expect_out "稳中求进、以进促稳、先立后破: 4 matches in 2 articles" "track: the formulation in parts"
expect_out "first 2023-12-11 (article 3)" "track: first use"
expect_out "硬道理: 31 matches in 3 articles" "track: aliases grouped"
expect_out "      4  发展是硬道理" "track: variants counted"
printf '# lexicon\n新质生产力\n' >lex.txt
run "$TIFA" run track --lexicon lex.txt --svg track.svg
expect_rc 0 "track --lexicon"; expect_out "新质生产力: 19 matches in 5 articles" "track --lexicon: its line"
xmllint --noout track.svg 2>/dev/null && pass || fail "track --svg: valid SVG"
run "$TIFA" run track
expect_rc 0 "track: the built-in lexicon"
expect_eq "$(head -1 <<<"$OUT")" "高质量发展: 127 matches in 10 articles" "track: the most shared first"
expect_out "稳中求进、以进促稳、先立后破: 4 matches in 2 articles" "track: the built-in lexicon has it"
run "$TIFA" run track --lexicon missing.txt
expect_rc 2 "track: a missing lexicon"; expect_err "cannot open lexicon" "track: says so"
# }======
finish
