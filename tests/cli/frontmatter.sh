# frontmatter.sh -- Markdown front matter at ingest (host/read/frontmatter.c): YAML and TOML
# blocks become fields and meta, never text; a file of front matter alone is skipped ("no
# text"); a faulty block fails its file naming the line; --meta wins over front matter.
. "$(dirname "$0")/lib.sh"
DB="$WORK/t.db"
F="$TIFA_DATA/formats"
q () { "$TIFA" -d "$DB" -e "$1"; }
mkdir -p "$WORK/in"
cp "$F"/frontmatter_*.md "$WORK/in/"

# dry run: each file's cut, the skip and the failure, and the summary
run "$TIFA" -d "$DB" ingest --dry-run "$WORK/in"
expect_rc 1 "dry run: a faulty block fails its file"
expect_err "frontmatter_only.md: skipped (no text)" "front matter alone: skipped, no text"
expect_err "frontmatter_bad.md: line 4: invalid YAML front matter (did not find expected ',' or ']' while parsing a flow sequence from line 3)" \
  "syntax error named with its line"
expect_out "5 files read: 3 added, 0 replaced, 0 unchanged, 1 skipped, 1 failed; 3 articles found" "dry-run summary"
expect_out "article 1, lines 16-22: 国务院关于加快发展新质生产力的意见" "YAML title, text after the block"
expect_out "author    张三、李四" "YAML author list"
expect_out "date      2024-03-18 (day, field)" "YAML datetime: the day"
expect_out "article 1, lines 18-18: 关于推进数字经济发展的通知" "TOML title; the heading saying it again is the title"
expect_out "meta      {\"tags\":[\"数字经济\",\"AI+制造\"],\"draft\":false,\"weight\":10,\"params.doc_no\":\"国发〔2023〕9号\"}" "TOML meta, tables flattened"
expect_out "heading   title: 这不是前置元数据" "a '---' block not at the top stays Markdown"
grep -q "bookCollapseSection\|draft: \|tags:" <<<"$OUT" && fail "front matter read as text: $OUT" || pass

# ingest: the same, stored
run "$TIFA" -d "$DB" ingest "$WORK/in"
expect_rc 1 "ingest: exit 1 for the faulty file"
expect_out "5 files read: 3 added, 0 replaced, 0 unchanged, 1 skipped, 1 failed; 3 articles stored" "ingest summary"
expect_err "frontmatter_only.md: skipped (no text)" "ingest: skipped, no text"
expect_eq "$(q 'print(db:sql("SELECT count(*) AS n FROM file WHERE path LIKE ?", "%frontmatter_only.md")[1].n)')" "0" \
  "the skipped file is not stored"
got=$(q 'for a in db:articles() do if a.title:find("新质") then print(a.date, a.author, a.meta) end end')
expect_eq "$got" "2024-03-18	张三、李四	{\"tags\":[\"新质生产力\",\"高质量发展\"],\"categories\":[\"政策\"],\"draft\":false,\"weight\":3,\"params.source_id\":\"gf-2024-1\"}" \
  "stored fields and meta"
expect_eq "$(q 'print((db:count("bookCollapseSection")), (db:count("draft")), (db:count("gf-2024-1")))')" "0	0	0" \
  "front matter is not searchable text"
expect_eq "$(q 'print((db:count("认真贯彻执行")))')" "1" "the body is"

# a file that once had text and now holds front matter alone: skipped, its old version gone
printf '# 旧标题\n\n旧正文。\n' > "$WORK/one.md"
run "$TIFA" -d "$DB" ingest "$WORK/one.md"
expect_rc 0 "one.md with text"
printf -- '---\ntitle: 旧标题\n---\n' > "$WORK/one.md"
run "$TIFA" -d "$DB" ingest "$WORK/one.md"
expect_rc 0 "skipped is no failure"
expect_err "one.md: skipped (no text)" "now front matter alone"
expect_eq "$(q 'print((db:count("旧正文")))')" "0" "its old text is gone"

# precedence: --meta > front matter > what the layout guesses
printf -- '---\ntitle: 前置标题\ndate: 2024-01-02\nauthor: 甲\n---\n\n# 正文里的标题\n\n2023年5月6日\n\n第一段正文，讲发展新质生产力。\n' > "$WORK/p.md"
run "$TIFA" -d "$DB" ingest --dry-run "$WORK/p.md"
expect_out "article 1, lines 7-11: 前置标题" "front matter's title wins over the heading"
expect_out "subtitle  正文里的标题" "the heading is kept, as subtitle"
expect_out "date      2024-01-02 (day, field)" "front matter's date wins over the text's"
run "$TIFA" -d "$DB" ingest --dry-run --meta title=命令行标题 --meta date=2025-05-05 --meta author=乙 "$WORK/p.md"
expect_out "article 1, lines 7-11: 命令行标题" "--meta title wins over front matter"
expect_out "date      2025-05-05 (day, field)" "--meta date wins"
expect_out "author    乙" "--meta author wins"

finish
