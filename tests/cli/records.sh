# records.sh -- JSON Lines and CSV records end to end (issue 18): a record left out is named
# with its file, line and reason and the others are stored (exit 1, counted in the summary);
# dates in the common forms; a run-together text cut into paragraphs, one article per record;
# datelines into fields; derived titles marked and not searched.
. "$(dirname "$0")/lib.sh"
DB="$WORK/r.db"
q () { "$TIFA" -d "$DB" -e "$1"; }
F="$TIFA_DATA/formats"

# ragged rows: each bad record named at the line where it starts, the rest stored
run "$TIFA" -d "$DB" ingest "$F/ragged.csv"
expect_rc 1 "a record left out fails the run"
expect_err "ragged.csv:3: record has 4 fields, the header has 3" "extra field"
expect_err "ragged.csv:4: record has 2 fields, the header has 3" "missing field"
expect_err "ragged.csv:5: record has no text" "empty text"
expect_err "ragged.csv:9: record has 4 fields, the header has 3" "a quoted field over two lines keeps the count"
expect_err "ragged.csv:8: unreadable date '2023年5月32日' (the record is stored undated)" "bad date named"
expect_out "ragged.csv (csv, UTF-8, 4 articles)" "the others stored"
expect_out "1 file read: 1 added, 0 replaced, 0 unchanged, 0 skipped, 0 failed; 4 articles stored; 4 records failed" "summary counts records"
got=$(q 'for _, a in ipairs(db:sql("SELECT title, date FROM article ORDER BY id")) do io.write(a.title, "=", tostring(a.date), " ") end print()')
expect_eq "$got" "甲=2023-05-18 戊=2023-05-21 己=nil 辛=2023-05-23 " "stored records, undated where unreadable"

run "$TIFA" -d "$DB" ingest "$F/ragged.jsonl"
expect_rc 1 "JSON Lines: a record left out fails the run"
expect_err "ragged.jsonl:2: invalid JSON (" "bad JSON line"
expect_err "ragged.jsonl:3: no 'text' or 'content' field" "no text field"
expect_err "ragged.jsonl:4: record has no text" "blank text"
expect_err "ragged.jsonl:5: expected a JSON object" "not an object"
expect_err "ragged.jsonl:6: unreadable date '下周一' (the record is stored undated)" "JSONL bad date"
expect_out "3 articles stored; 4 records failed" "JSONL summary"

# clean files: exit 0, no record line in the summary
run "$TIFA" -d "$DB" ingest "$F/speeches.csv" "$F/speeches.jsonl"
expect_rc 0 "speeches"
expect_out "2 files read: 2 added, 0 replaced, 0 unchanged, 0 skipped, 0 failed; 6 articles stored" "speeches summary"
[ -z "$ERR" ] && pass || fail "speeches: nothing on stderr: $ERR"

# dates of any common form, one article per record, paragraphs at the indents, datelines
got=$(q 'for a in db:articles{file = "speeches.csv"} do
  io.write(a.date, " ", a.date_precision, " ", a.place, " ", a.outlet, " ", #a:paragraphs(), "\n") end')
expect_eq "$got" "2023-05-18 day 北京 新华社 3
2023-05-19 day 北京 新华社 3
2023-05-20 day 北京 新华社 3" "speeches.csv: dates, datelines, three paragraphs each"
got=$(q 'for a in db:articles{file = "speeches.jsonl"} do io.write(a.date, " ", #a:paragraphs(), ";") end print()')
expect_eq "$got" "2023-05-18 3;2023-05-19 3;2023-05-20 3;" "speeches.jsonl: the same"
got=$(q 'local a = db:articles{file = "speeches.csv"}(); local p = a:paragraphs()
print(p[1].text:sub(1, 30) == a.text:sub(1, 30), p[2].text, p[2].line_from)')
expect_eq "$got" "true	会议指出，过去一年全社会研发投入持续增长，基础研究取得一批新进展。	2" "the first paragraph stays text; the second cut at its indent"

# a record with no title gets one derived from its text, marked, and not searched as text
got=$(q 'for _, a in ipairs(db:sql("SELECT id FROM article ORDER BY id")) do
  local x = db:article(a.id); io.write(x.title_source, " ") end print()')
expect_eq "$got" "field field field field field field derived derived derived derived derived derived derived " "title_source"
got=$(q 'local a = db:articles{file = "speeches.csv"}(); print(a.title)')
expect_eq "$got" "新华社北京5月18日电国务院总理18日在京出席全国科技工作会…" "derived title: the first 30 characters"
got=$(q 'print((db:count("新华社")))')
expect_eq "$got" "6" "each passage counted once (not again in a derived title)"
got=$(q 'print((db:count("正文辛")), (db:count("甲")))')
expect_eq "$got" "2	4" "field titles are searched (甲), derived ones are not (正文辛。)"
run "$TIFA" -d "$DB" count 新华社
expect_out "6 matches in 6 articles" "tifa count: once per passage"
id=$(q 'print(db:articles{file = "speeches.jsonl"}().id)')
run "$TIFA" -d "$DB" show "$id"
expect_out "(derived from the text)" "tifa show marks a derived title"

# a replaced file takes its derived titles out of the index as they went in (as empty)
cp "$F/speeches.csv" "$WORK/sp.csv"
"$TIFA" -d "$WORK/sp.db" ingest -q "$WORK/sp.csv" >/dev/null
sed -i 's/新华社北京5月20日电/新华社上海5月20日电/' "$WORK/sp.csv"
run "$TIFA" -d "$WORK/sp.db" ingest "$WORK/sp.csv"
expect_out "1 replaced" "replaced"
got=$("$TIFA" -d "$WORK/sp.db" -e 'print((db:count("新华社")), (db:count("上海")), (db:count("北京5月20日")), (db:count("新华社", {words = true})))')
expect_eq "$got" "3	1	0	3" "the index after a replacement"

# db:ingest reports the records too
got=$(q 'local r = db:ingest("'"$F"'/ragged.jsonl")
print(r.records_failed, #r.records, r.unchanged)')
expect_eq "$got" "0	0	1" "an unchanged file is not read again"
cp "$F/ragged.jsonl" "$WORK/r2.jsonl"
got=$(q 'local r = db:ingest("'"$WORK"'/r2.jsonl")
print(r.records_failed, #r.records, r.records[1].line, r.records[1].failed, r.list[1].records_failed, r.records[5].message)')
expect_eq "$got" "4	5	2	true	4	unreadable date '下周一' (the record is stored undated)" "db:ingest: records in the report"

# notes inside a run-together text: each after an indent is a paragraph of its own and goes to
# a field (dateline, byline, source, editor, a closing dateline in brackets), not to the text
NDB="$WORK/n.db"
run "$TIFA" -d "$NDB" ingest "$F/notes.jsonl"
expect_rc 0 "ingest notes.jsonl"
got=$("$TIFA" -d "$NDB" -e 'for a in db:articles() do
  local ps = {}
  for _, p in ipairs(a:paragraphs()) do ps[#ps + 1] = p.text end
  print(a.id, a.author, a.editor, a.outlet, a.place, a.date, #ps, table.concat(ps, "|"))
end')
expect_eq "$(sed -n 1p <<<"$got")" "1	张三、李四	王五	新华社	北京	2020-05-18	2	新华社北京5月18日电（记者张三李四）国务院总理李强18日主持召开国务院常务会议。|会议指出，要做好就业工作。" "dateline, byline, （完）, source and editor out of the text"
expect_eq "$(sed -n 2p <<<"$got")" "2	赵六	nil	nil	北京	2020-05-19	1	今年以来，各地积极推进改革，成效明显。" "opening byline and closing dateline out of the text"
expect_eq "$(sed -n 3p <<<"$got" | cut -f7-)" "2	名单：王五、李四。|（一）加强领导（试行）第二段。" "no cut inside names or after a mid-sentence bracket"
got=$("$TIFA" -d "$NDB" -e 'print(db:article(1).meta, db:article(2).meta, (db:count("人民日报")), (db:count("赵六")))')
expect_eq "$got" '{"note":"（完） （来源：人民日报）"}	{"note":"（本报北京5月19日电）"}	0	0' "the notes kept in meta, in the order of the text, not counted as text"
# derived titles are indexed as empty, and the indexes' content says so: FTS5's check of
# each index against its content passes (it read every derived title as corruption)
got=$("$TIFA" -d "$NDB" -e 'print(db:sql("SELECT count(*) AS n FROM article WHERE title_source = ?", "derived")[1].n)
for _, t in ipairs{"article_fts", "article_words"} do
  print(t, pcall(db.sql, db, "INSERT INTO " .. t .. "(" .. t .. ", rank) VALUES (?, 1)", "integrity-check"))
end' 2>&1)
expect_eq "$(sed -n 1p <<<"$got")" "3" "three derived titles"
grep -q "article_fts	true" <<<"$got" && pass || fail "FTS5 integrity-check of article_fts: $got"
grep -q "article_words	true" <<<"$got" && pass || fail "FTS5 integrity-check of article_words: $got"

finish
