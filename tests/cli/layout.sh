# layout.sh -- cutting pages into articles from the command line: the cut printed by
# --dry-run, tifa show, fields given with --meta and in NAME.meta.json sidecars, --split
# hooks in Lua, --no-layout, re-cutting when the way of cutting changes, and the migration
# of a store made by schema 1.
. "$(dirname "$0")/lib.sh"
DB="$WORK/t.db"
q () { "$TIFA" -d "$DB" -e "$1"; }
S000="$TIFA_SEEDS/000_5f02c2555ca2acf2.txt"
S001="$TIFA_SEEDS/001_f34ecce1adfb7df6.txt"

# --dry-run prints the cut: articles, fields, paragraphs with lines, lines taken out
run "$TIFA" -d "$DB" ingest --dry-run "$S000"
expect_rc 0 "dry run"
expect_out "article 1, lines 3-67: 必须把坚持高质量发展作为新时代的硬道理" "dry run: first article and its lines"
expect_out "article 2, lines 69-91: 聚焦资源开发转化关键领域深化体制机制改革" "dry run: second article"
expect_out "-byline   □ 任理轩" "dry run: the byline line is shown as taken out"
expect_out "-series   深入学习贯彻习近平新时代中国特色社会主义思想" "dry run: the column banner is the series"
expect_out "-heading with no text after it 加快落实" "dry run: the lone banner at the end is dropped, and says why"
expect_out "L19-21    text      从发展环境看" "dry run: a paragraph joined across a page break spans its lines"
expect_out "L9        heading   一脉相承又与时俱进的战略思想" "dry run: a section heading"
expect_out "author    任理轩" "dry run: fields"
expect_out "2 articles found (dry run: nothing stored)" "dry run summary"
[ ! -e "$DB" ] && pass || fail "dry run: no store created"
run "$TIFA" -d "$DB" ingest --dry-run -q "$S000"
expect_rc 0 "quiet dry run"
grep -q "article 1" <<<"$OUT" && fail "quiet dry run prints no cut" || pass

# show: fields, sections and paragraphs with their lines
"$TIFA" -d "$DB" ingest -q "$TIFA_SEEDS" >/dev/null
id=$(q 'for a in db:articles{title = "西部大开发新篇章"} do print(a.id) end')
run "$TIFA" -d "$DB" show "$id"
expect_rc 0 "show"
expect_out "001_f34ecce1adfb7df6.txt, article 2 of the file, lines 10-61" "show: file and lines"
expect_out "kicker       习近平主持召开新时代推动西部大开发座谈会强调" "show: kicker"
expect_out "subtitle     李强蔡奇丁薛祥出席" "show: subtitle"
expect_out "date         --04-23 (month-day)" "show: a date without a year stays month-day"
expect_out "place        重庆" "show: the dateline's place"
expect_out "L37-39    习近平强调" "show: a joined paragraph with its lines"
expect_out "L24       • 西部地区在全国改革发展稳定大局中举足轻重" "show: a list item"
expect_eq "$(grep -c "4月23日下午，中共中央总书记" <<<"$OUT")" "1" "show: the repeated caption once"
id2=$(q 'for a in db:articles{title = "必须把坚持"} do print(a.id) end')
run "$TIFA" -d "$DB" show "$id2"
expect_out "## 一脉相承又与时俱进的战略思想" "show: section headings"
run "$TIFA" -d "$DB" show 9999
expect_rc 1 "show of a missing id"; expect_err "no article 9999" "says so"
run "$TIFA" -d "$DB" show abc
expect_rc 2 "show of a bad id"; expect_err "whole numbers" "says why"

# --meta: fields for every article; the date parsed; other keys into meta
run "$TIFA" -d "$WORK/m.db" ingest --meta outlet=人民日报 --meta date=2024年4月24日 --meta topic=西部 "$S001"
expect_rc 0 "--meta"
got=$("$TIFA" -d "$WORK/m.db" -e 'for a in db:articles() do print(a.outlet, a.date, a.date_precision, a.meta:find("\"topic\":\"西部\"", 1, true) ~= nil) end')
expect_eq "$got" "$(printf '人民日报\t2024-04-24\tday\ttrue\n人民日报\t2024-04-24\tday\ttrue')" "--meta fields on every article"
run "$TIFA" -d "$WORK/m.db" ingest "$S001"
expect_rc 0 "re-ingest without --meta"; expect_out "replaced" "a file cut another way is cut again"
got=$("$TIFA" -d "$WORK/m.db" -e 'for a in db:articles{title = "西部大开发"} do print(a.outlet) end')
expect_eq "$got" "新华社" "without --meta the dateline's outlet again"
run "$TIFA" -d "$WORK/m.db" ingest "$S001"
expect_out "unchanged" "the same cut again is a no-op"
run "$TIFA" ingest --meta novalue x.txt
expect_rc 2 "--meta without ="; expect_err "KEY=VALUE" "says so"

# sidecar NAME.meta.json: fields for that file's articles; itself never ingested
mkdir side
cp "$S001" side/page.txt
printf '{"outlet": "人民日报", "date": "2024-04-24", "author": "记者甲", "pages": 2}\n' >side/page.txt.meta.json
run "$TIFA" -d "$WORK/s.db" ingest side
expect_rc 0 "sidecar"; expect_out "1 file read" "the sidecar is not ingested as a file"
got=$("$TIFA" -d "$WORK/s.db" -e 'for a in db:articles() do print(a.outlet, a.date, a.author, a.meta:find("\"pages\":\"2\"", 1, true) ~= nil) end' | tail -1)
expect_eq "$got" "$(printf '人民日报\t2024-04-24\t记者甲\ttrue')" "sidecar fields"
run "$TIFA" -d "$WORK/s.db" ingest --meta author=记者乙 side
got=$("$TIFA" -d "$WORK/s.db" -e 'for a in db:articles() do print(a.author, a.outlet) end' | tail -1)
expect_eq "$got" "$(printf '记者乙\t人民日报')" "--meta wins over the sidecar, the sidecar's other fields stay"
printf '{"outlet": ' >side/page.txt.meta.json
run "$TIFA" -d "$WORK/s.db" ingest side
expect_rc 1 "a broken sidecar fails its file"
expect_err "page.txt.meta.json: invalid JSON" "names the sidecar and the problem"
got=$("$TIFA" -d "$WORK/s.db" -e 'print(db:sql("SELECT count(*) AS n FROM article")[1].n)')
expect_eq "$got" "2" "the stored version is kept"
run "$TIFA" -d "$WORK/s.db" ingest side/page.txt.meta.json
expect_rc 0 "a sidecar named alone"; expect_err "metadata sidecar" "is skipped, and says why"

# --split: a Lua function cuts the pages
cat >rules.lua <<'LUA'
-- keep the rules' cut, but one article per page for the study material, titled by its series
return function (page)
  if page.path:find("004_") then
    local a = page.articles[1]
    return {{title = a.series, series = "学习材料", paragraphs = a.paragraphs}}
  end
  if page.path:find("002_") then   -- by hand: two articles from page paragraphs by index
    return {{title = "第一部分", paragraphs = {1, 2}}, {title = "附录", paragraphs = {"手写的段落"}}}
  end
  return page.articles
end
LUA
run "$TIFA" -d "$WORK/h.db" ingest --split rules.lua "$TIFA_SEEDS"
expect_rc 0 "--split"; expect_out "14 articles stored" "--split: the hook's cut, and the rules' for the other pages"
got=$("$TIFA" -d "$WORK/h.db" -e 'for a in db:articles{file = "004_"} do print(a.title, a.series, #a:paragraphs()) end')
expect_eq "$got" "$(printf '2023-2024学年第一学期第11周教职工政治学习材料\t学习材料\t8')" "--split: the hook's fields and paragraphs"
got=$("$TIFA" -d "$WORK/h.db" -e 'for a in db:articles{file = "002_"} do local p = a:paragraphs()[1]; print(a.title, p.line_from, p.line_to, #a:paragraphs()) end')
expect_eq "$got" "$(printf '第一部分\t1\t1\t2\n附录\t0\t0\t1')" "--split: page paragraphs by index keep their lines"
printf 'return function (page) return {{title = 1}} end\n' >bad.lua
run "$TIFA" -d "$WORK/h2.db" ingest --split bad.lua "$S000"
expect_rc 1 "a failing hook fails the file"; expect_err "split hook: article 1" "says where"
printf 'x = 1\n' >none.lua
run "$TIFA" -d "$WORK/h2.db" ingest --split none.lua "$S000"
expect_rc 2 "--split without a function"; expect_err "returns no function" "says so"
run "$TIFA" -d "$WORK/h2.db" ingest --split missing.lua "$S000"
expect_rc 2 "--split of a missing file"; expect_err "missing.lua" "names it"

# --no-layout: each page one article, every line a paragraph
run "$TIFA" -d "$WORK/n.db" ingest --no-layout "$TIFA_SEEDS"
expect_rc 0 "--no-layout"; expect_out "5 articles stored" "--no-layout: a page is an article"
got=$("$TIFA" -d "$WORK/n.db" -e 'for a in db:articles{file = "000_"} do print(a.text:find("□ 任理轩", 1, true) ~= nil) end')
expect_eq "$got" "true" "--no-layout: bylines stay in the text"
run "$TIFA" -d "$WORK/n.db" ingest "$TIFA_SEEDS"
expect_out "5 replaced" "cutting with the rules after --no-layout re-cuts every file"

# a store of schema 1 (made by tifa 0.1.0: tests/data/store/README.md) migrates, keeps its
# articles, and its file is cut again on the next ingest
cp "$TIFA_DATA/store/schema1.db" old.db
S002="$TIFA_SEEDS/002_41f0111f64e2b8b0.txt"
run "$TIFA" -d old.db -e 'local a = db:article(1); print(db:sql("PRAGMA user_version")[1].user_version, a.title, a.series)'
expect_rc 0 "schema 1 store opens"
expect_eq "$OUT" "$(printf '7\t专家解读之二｜扎实推进内蒙古绿色低碳高质量发展\tnil')" "migrated to schema 7, its article as it was"
expect_eq "$("$TIFA" -d old.db -e 'print(#db:sql("SELECT * FROM file_cut"), db:sql("PRAGMA integrity_check")[1].integrity_check)')" "$(printf '0\tok')" "migration 2 in place"
# migration 3 built the word index over the old article: word search finds 绿色低碳 (two
# words) as often as the characters do, and the vocabulary counts 低碳 as word search does
expect_eq "$("$TIFA" -d old.db -e 'local w = db:count("绿色低碳", {words = true}); local c = db:count("绿色低碳"); local v; for _, x in ipairs(db:words()) do if x.word == "低碳" then v = x.count end end; print(w > 0, w == c, v == db:count("低碳", {words = true}))')" "$(printf 'true\ttrue\ttrue')" "migration 3: the word index holds the old article"
run "$TIFA" -d old.db ingest --name seed002.txt - <"$S002"
expect_out "1 replaced" "a file cut by schema 1 is cut again"
expect_eq "$("$TIFA" -d old.db -e 'for a in db:articles() do print(a.title, a.series, a.author) end')" "$(printf '扎实推进内蒙古绿色低碳高质量发展\t专家解读之二\t周毅仁')" "now cut by the rules"
run "$TIFA" -d old.db ingest --name seed002.txt - <"$S002"
expect_out "1 unchanged" "and then left alone"

finish
