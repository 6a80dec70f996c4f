# reuse.sh -- text reuse on a store made from real lines: two days of 新闻联播 transcripts
# (tests/data/reuse: the 2024-04-23 summary, a table of contents, and the title-only item on the western
# development symposium; 2024-04-25's report quoting the speech) with the Xinhua report of
# the symposium (seed page 001, stored date "--04-23"); a reprint for db:duplicates; the
# shipped script scripts/reuse.lua with its table, CSV and the reuse graph (dot, SVG).
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
SEED="$TIFA_SEEDS/001_f34ecce1adfb7df6.txt"

run "$TIFA" -d fx.db ingest "$TIFA_DATA/reuse" "$SEED"
expect_rc 0 "ingest the fixture"

cat >q.lua <<'LUA'
local xinhua
for a in db:articles{outlet = "新华社"} do xinhua = a.id end
local function show (p)
  print(string.format("%s %s %s %d-%d > %s %s %s %d-%d %d %s %s", p.source.article.date or "-",
    p.source.article.title, p.source.field, p.source.from, p.source.to, p.target.article.date or "-",
    p.target.article.title, p.target.field, p.target.from, p.target.to, p.chars, tostring(p.directed),
    tostring(p.days)))
end
for _, p in ipairs(db:reuse{self = false}) do
  if p.source.id == xinhua or p.target.id == xinhua then show(p) end
end
local dup = db:duplicates()
print("clusters " .. #dup)
for _, c in ipairs(dup) do print("cluster " .. table.concat(c.ids, " ") .. " canonical " .. dup.canonical[c.ids[2]]) end
LUA
run "$TIFA" -d fx.db run q.lua
expect_rc 0 "reuse on the fixture"
# the day's summary (新闻摘要) lists the headlines: a table of contents, not an article, so
# it pairs with nothing
expect_eq "$(grep -c "新闻摘要" <<<"$OUT")" 0 "the summary is no article"
# the title-only item of that day (its body is only a link) shares the title and kicker
expect_out "2024-04-23 进一步形成大保护大开放高质量发展新格局奋力谱写西部大开发新篇章 title 1-31 > --04-23 进一步形成大保护大开放高质量发展新格局奋力谱写西部大开发新篇章 title 1-31 31 false nil" "title-only item"
# 2024-04-25's report quotes the speech: passages of the report's summary and body, each
# found once per place the report has them
expect_out "2024-04-25 推动西部大开发形成大保护大开放高质量发展新格局——习近平总书记在新时代推动西部大开发座谈会上的重要讲话引发热烈反响 text 196-286 > --04-23 进一步形成大保护大开放高质量发展新格局奋力谱写西部大开发新篇章 text 170-260 86 false nil" "quoted speech (summary)"
expect_out "text 193-286 > --04-23 进一步形成大保护大开放高质量发展新格局奋力谱写西部大开发新篇章 text 1172-1265 88" "quoted speech (body)"
expect_eq "$(grep -c "^2024-04-25 推动西部大开发" <<<"$OUT")" 11 "eleven passages of 04-25 in the report"
expect_out "clusters 0" "no reprints yet"

# a reprint: the 04-25 file again under another name, one character changed
sed 's/热烈反响/强烈反响/' "$TIFA_DATA/reuse/20240425.md" >reprint.md
run "$TIFA" -d fx.db ingest reprint.md
run "$TIFA" -d fx.db run q.lua
expect_out "clusters 2" "the reprint's two items cluster with the originals"
expect_out "canonical 4" "the first printing is the lower id of the same day"
# the reprint's pairs with the report are found too, from the earlier (dated) article on
run "$TIFA" -d fx.db run "$TIFA_SRC/scripts/reuse.lua" --within-days 2 --limit 0 --format csv
expect_rc 0 "the script"
expect_out "source,source_date,source_at,target,target_date,target_at,chars,edits,directed,passage" "csv header"
expect_out ",2024-04-25,text 1-827,756,0,false,央视网消息（新闻联播）：习近平总书记在重庆主持召开新时代推动" "csv row: the reprint"
expect_eq "$(grep -c -- "--04-23" <<<"$OUT")" 0 "within_days leaves out the month-day date"
expect_eq "$(awk -F, 'NR > 1 && $1 == $4' <<<"$OUT" | wc -l)" 0 "no pair within one article by default"
run "$TIFA" -d fx.db run "$TIFA_SRC/scripts/reuse.lua" --within --limit 0 --format csv
expect_rc 0 "the script, --within"
[ "$(awk -F, 'NR > 1 && $1 == $4' <<<"$OUT" | wc -l)" -gt 0 ] && pass || fail "--within: the report's summary over its body"
run "$TIFA" -d fx.db run "$TIFA_SRC/scripts/reuse.lua" --dot g.dot --limit 3
expect_rc 0 "the graph"
expect_out "习近平主持召开新时代推动西部大开发座谈会强调" "the table"
grep -q "digraph" g.dot && pass || fail "dot written"
grep -q -- "-> n" g.dot && pass || fail "dot has edges"
if [ -z "${TIFA_SANITIZE:-}" ]; then        # Graphviz's fontconfig leaks at exit under LSan
  run "$TIFA" -d fx.db run "$TIFA_SRC/scripts/reuse.lua" --svg g.svg --limit 3
  expect_rc 0 "the SVG"
  grep -q "<svg" g.svg && pass || fail "svg written"
fi
run "$TIFA" -d fx.db run "$TIFA_SRC/scripts/reuse.lua" --min-chars 3
expect_rc 2 "bad --min-chars"
expect_err "reuse: --min-chars must be 8 or more" "message"
finish
