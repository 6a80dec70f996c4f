# nothing_lost.sh -- 'tifa ingest --check': every character of a file's body (what its reader
# hands over, white space aside) ends up in an article's text, a field, or a block dropped
# with its reason. Runs the check over every fixture, shows that it catches text that went
# missing, and checks the rules it keeps honest: a repeat is only the block right before
# (never a clause of another 条), a law's "# title" line and its headings are never lost.
. "$(dirname "$0")/lib.sh"
L="$TIFA_DATA/layout"

# every fixture: nothing missing
for d in "$L" "$TIFA_SEEDS"; do
  run "$TIFA" ingest -q --dry-run --check "$d"
  expect_rc 0 "check $d"
  expect_out "missing 0 (in 0 files)" "check $d: nothing missing"
done
run "$TIFA" ingest -q --dry-run --check "$TIFA_DATA/formats"   # holds files that must fail
expect_out "missing 0 (in 0 files)" "check formats: nothing missing"
grep -q "^lost text" <<<"$OUT" && fail "check formats: no file lost text" || pass

# per file: kept, fields and dropped by reason, adding up to the body
run "$TIFA" ingest --dry-run --check "$TIFA_SEEDS/003_e65765651145426b.txt"
expect_rc 0 "check one file"
expect_out "check   body 6447: kept 6205, fields 118 (collection header 17, page field 32, title 69), dropped 124 (site furniture 124), missing 0" "check: the page header 合集|… is accounted as the series"
grep -q "article 1, lines" <<<"$OUT" && fail "check prints the accounting, not the cut" || pass
run "$TIFA" ingest --dry-run --check "$TIFA_SEEDS/001_f34ecce1adfb7df6.txt"
expect_out "list bullet 4" "check: list bullets (- ) become item kinds, counted"
expect_out "dropped 58 (repeat 58)" "check: the paragraph printed twice in a row is the one repeat"

# the check fails a file whose text went missing, naming the lines
cat >lose.lua <<'LUA'
return function (page)            -- the rules' cut, less the second paragraph of the page
  local a = page.articles[1]
  local keep = {}
  for i, p in ipairs(a.paragraphs) do if i ~= 2 then keep[#keep + 1] = p end end
  return {{title = a.title, paragraphs = keep}}
end
LUA
run "$TIFA" ingest -q --dry-run --check --split lose.lua "$L/law_header.md"
expect_rc 1 "check: text missing fails"
expect_out "lost text" "check: the file is named"
expect_out "missing L5 (" "check: the lines of the missing text"
expect_out "(in 1 file)" "check: summary"

# laws: the title line is the title, a clause repeated in another 条 is its text, a repeat
# is the block right before; a clause starting 承办单位 is no furniture; headings stay
run "$TIFA" ingest --dry-run "$L/law_noheader.md"
expect_out "article 1, lines 5-33: 某市社区服务条例" "law without header events: title from '# title'"
expect_out "L5        heading   第一章总则" "law: the first chapter is a section"
expect_out "L13       item      （二）不履行本条例规定的其他职责的。" "law: clause of 第二条"
expect_out "L19       item      （二）不履行本条例规定的其他职责的。" "law: the same clause of 第三条 is kept"
expect_out "L29       item      （二）不履行本条例规定的其他职责的。" "law: kept once more after 第五条"
expect_out "L31       -repeat   （二）" "law: the copy right after it is the repeat"
expect_out "L25       text      承办单位应当自交办之日起" "law: a 款 starting 承办单位 is no site furniture"
expect_out "L33       heading   附件名录" "law: a last heading with nothing under it stays"
run "$TIFA" ingest --dry-run "$L/law_header.md"
expect_out "article 1, lines 3-13: 某市社区服务条例" "law with header events: title"
run "$TIFA" ingest --dry-run "$L/law_part.md"
expect_out "article 1, lines 3-11: 中华人民共和国某某法典" "law part: the code's title"
expect_out "subtitle  继承编" "law part: the second '#' heading is the subtitle"
for f in law_noheader law_header law_part; do
  run "$TIFA" ingest --dry-run --check "$L/$f.md"
  expect_rc 0 "check $f"
  expect_out "page title" "check $f: the title line is accounted"
done

finish
