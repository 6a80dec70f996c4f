# genres.sh -- each page's genre from its text (host/read/layout_genre.c), shown by --dry-run
# and 'tifa show', stored (a.genre) and forced by --genre; a law's dated header lines as
# fields (layout_law.c): events, the date of the version (latest 公布/修正/修订), the 施行
# date, else the date in the file's name; a.date_source says where each date came from.
. "$(dirname "$0")/lib.sh"
DB="$WORK/t.db"
mkdir -p "$WORK/in"
cp "$TIFA_DATA"/genres/* "$WORK/in/" && rm "$WORK/in/README.md"   # the fixtures alone
G="$WORK/in"
q () { "$TIFA" -d "$DB" -e "$1"; }

# dry run: genres, dates and where they came from, header lines as fields
run "$TIFA" -d "$DB" ingest --dry-run "$G"
expect_rc 0 "dry run of the genre fixtures"
expect_out "9 files read: 9 added" "every fixture read"
expect_eq "$(grep -c '^    genre     case$' <<<"$OUT")" 2 "two court cases by their headings (基本案情 and one more), though one quotes a 第七条"
expect_eq "$(grep -c '^    genre     law$' <<<"$OUT")" 5 "five laws (Markdown and text, with and without header)"
expect_out "genre     document" "a 公文 by its 发文字号"
expect_out "genre     speech" "a speech by its salutation"
expect_out "date      2020-11-27 (day, field)" "a law's date: its latest 修正"
expect_out "effective 2021-01-01" "its 施行 date"
expect_out "date      2018-11-06 (day, filename)" "no header: the date in the file's name"
expect_out "-header event 根据2010年7月30日" "a 根据… line is an event too"
expect_out "-header event 2018年11月6日 中华人民共和国国务院令第706号公布" "国务院令 line: an event, not text"
grep -q "text      2021年1月1日施行\|text      2018年11月6日" <<<"$OUT" && fail "a header event left as text: $OUT" || pass
grep -q "article 1, lines [0-9-]*: 第一章" <<<"$OUT" && fail "a 章 heading taken as a law's title: $OUT" || pass
expect_out "L3        text      同志们：" "the salutation stays text under the speech's title"
expect_out "L7        -date     2022-03-15" "a date alone under a Markdown page's title: the page's date"
expect_out "date      2022-03-15 (day, field)" "... a field"

# nothing lost: header events count as fields
run "$TIFA" -d "$DB" ingest -q --dry-run --check "$G"
expect_rc 0 "check: nothing missing"
expect_out "missing 0 (in 0 files)" "check totals"
expect_out "field    header event" "header events are fields"

# stored: a.genre, a.events, a.effective, a.date_source
run "$TIFA" -d "$DB" ingest -q "$G"
expect_rc 0 "ingest"
expect_eq "$(q 'local t = {} for a in db:articles() do t[#t + 1] = a.genre end table.sort(t) print(table.concat(t, " "))')" \
  "case case document law law law law law speech" "a.genre"
expect_eq "$(q 'for a in db:articles() do if a.file:find("law_events.md", 1, true) then
  local k = {} for _, e in ipairs(a.events) do k[#k + 1] = e.date .. e.kind end
  print(a.date, a.date_source, a.effective, table.concat(k, " "), a.events[1].text) end end')" \
  "$(printf '2020-11-27\tfield\t2021-01-01\t2001-03-30通过 2001-04-02公布 2010-07-30修正 2016-09-29修正 2020-11-27修正 2021-01-01施行\t2001年3月30日 某省第九届人民代表大会常务委员会第二十二次会议通过')" \
  "a.events, a.effective, a.date of the version"
expect_eq "$(q 'local t = {} for a in db:articles() do t[#t + 1] = a.date_source end table.sort(t) print(table.concat(t, " "))')" \
  "field field field field field filename filename none none" "a.date_source for every article (a 公文's 成文日期 too)"
ID=$(q 'for a in db:articles() do if a.file:find("regulation_order", 1, true) then print(a.id) end end')
run "$TIFA" -d "$DB" show "$ID"
expect_out "genre        law" "show: genre"
expect_out "date source  field" "show: date source"
expect_out "effective    2019-01-01" "show: effective"
ID=$(q 'for a in db:articles() do if a.file:find("law_events.md", 1, true) then print(a.id) end end')
run "$TIFA" -d "$DB" show "$ID"
expect_out "  events       2001-03-30 通过  2001年3月30日 某省第九届人民代表大会常务委员会第二十二次会议通过" "show: the first event, on the label's line"
expect_out "               2021-01-01 施行  " "show: one event a line"
grep -q '"kind"' <<<"$OUT" && fail "show printed the events' JSON: $OUT" || pass

# --genre forces a genre and its rules; a bad one is a usage error
run "$TIFA" -d "$DB" ingest --dry-run --genre news "$G/law_events.md"
expect_rc 0 "--genre news"
expect_out "genre     news" "forced genre shown"
grep -q "header event" <<<"$OUT" && fail "--genre news still read header events: $OUT" || pass
run "$TIFA" -d "$DB" ingest --dry-run --genre law "$G/speech.txt"
expect_out "genre     law" "--genre law on a speech"
run "$TIFA" -d "$DB" ingest --dry-run --genre novel "$G"
expect_rc 2 "--genre: unknown name"
expect_err "unknown genre 'novel' (news, law, document, speech, case)" "--genre: the names allowed"

# a header line that ends open (2018年…的决定》修正, no stop) right above <!-- INFO END -->
# and the first 条: 第一条 is the law's text, never joined onto the event (a page break joins
# a block that ends open only to one that does not open a provision)
mkdir -p "$WORK/open"
printf '%s\n' '# 中华人民共和国城市居民委员会组织法' '' \
  '1989年12月26日 第七届全国人民代表大会常务委员会第十一次会议通过' '' \
  '2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国村民委员会组织法〉〈中华人民共和国城市居民委员会组织法〉的决定》修正' \
  '' '<!-- INFO END -->' '' '第一条 为了加强城市居民委员会的建设，制定本法。' '' \
  '第二条 居民委员会是基层群众性自治组织。' >"$WORK/open/组织法(2018-12-29).md"
run "$TIFA" ingest --dry-run "$WORK/open"
expect_rc 0 "a law whose header ends open"
expect_out "text      第一条为了加强城市居民委员会的建设，制定本法。" "第一条 stays text"
grep -q '"text":"[^"]*第一条' <<<"$OUT" && fail "第一条 joined onto a header event: $OUT" || pass

# official documents (公文, layout_doc.c): the GB/T 9704 elements are fields (meta), not
# text; the title lines joined are the title, the 成文日期 the date; a 附件 stays text
GW="$TIFA_DATA/gongwen"
run "$TIFA" ingest --dry-run "$GW/notice_full.txt"
expect_rc 0 "a 公文 with every element"
expect_out "article 1, lines 1-31: 国务院关于推进山区小型水利设施管护机制改革的通知" "title: its two lines joined"
expect_out "genre     document" "notice: a document"
expect_out "date      2031-03-20 (day, field)" "the 成文日期 is the date, not the 印发 date"
expect_out '"docno":"国发〔2031〕7号","docno_organ":"国发","docno_year":2031,"docno_number":7,"organ":"国务院"' "meta: docno, its parts, organ"
expect_out '"addressees":["各省、自治区、直辖市人民政府","国务院各部委","各直属机构"]' "meta: addressees"
expect_out '"attachments":["山区小型水利设施管护责任清单","管护经费测算参考标准"]' "meta: attachments"
expect_out '"cc":["党中央各部门","全国人大常委会办公厅","最高人民法院"],"issued_by":"国务院办公厅","issued_date":"2031-03-22"' "meta: cc, issued"
expect_out '"marks":{"copy":"000128","secrecy":"机密★1年","urgency":"特急"}' "meta: marks"
expect_out "L12       -document addressee 各省" "主送机关: a field"
expect_out "L26       heading   附件1" "the 附件 after the date: text, a section of its own"
expect_out "L28       item      一、县级水行政主管部门负责指导监督。" "... and its text"
for e in 000128 国务院文件 国发〔2031〕7号 各省、 附件：1. "2. 管护" 国务院 2031年3月20日 （此件公开发布） 抄送： 国务院办公厅; do
  grep -qE "^    L[0-9-]+ +(text|heading|item) +$e" <<<"$OUT" && fail "element '$e' left as text: $OUT" || pass
done
run "$TIFA" ingest --dry-run "$GW/letter_scraped.txt"
expect_out "article 1, lines 1-8: 水利部办公厅关于同意开展河湖巡查试点的复函" "a scraped 复函: title above its 文号"
expect_out "date      2030-09-14 (day, field)" "二〇三〇年九月十四日"
expect_out '"docno":"水办函[2030]48号","docno_organ":"水办函","docno_year":2030,"docno_number":48' "meta: a 文号 in []"
expect_out "L6        text      此复。" "the body stays text"
grep -q "series" <<<"$OUT" && fail "the title taken as a series: $OUT" || pass
# a 命令（令）: no 标题; its 发文机关标志 and 令号 name it, the post and name over the date sign it
run "$TIFA" ingest --dry-run "$GW/order.txt"
expect_out "article 1, lines 1-9: 中华人民共和国国务院令第777号" "a 令: titled by its mark and number"
expect_out "genre     document" "a 令: a document"
expect_out "date      2024-03-10 (day, field)" "a 令: its 成文日期"
expect_out '"docno":"第777号","docno_organ":"中华人民共和国国务院令","docno_number":777,"organ":"中华人民共和国国务院","signatures":["总理　李强"]' "a 令: number, organ, signature"
grep -q "heading with no text" <<<"$OUT" && fail "a 令's signature dropped as a heading: $OUT" || pass
# 署名 and 成文日期 on one line; a wrapped 抄送
run "$TIFA" ingest --dry-run "$GW/notice_oneline.txt"
expect_out "date      2024-02-01 (day, field)" "署名 and date on one line: the date"
expect_out '"signatures":["国务院办公厅"],"notes":["（此件公开发布）"],"cc":["党中央各部门","中央军委办公厅","全国人大常委会办公厅","全国政协办公厅","最高人民法院","最高人民检察院"]' "... the 署名, the 附注, the 抄送 over two lines"
# a 公告's number by year
run "$TIFA" ingest --dry-run "$GW/announcement.txt"
expect_out '"docno":"2024年第3号","docno_year":2024,"docno_number":3' "a 公告's 2024年第3号"
expect_out "L3        -document number 2024年第3号" "... a field, not text"
run "$TIFA" ingest -q --dry-run --check "$GW"
expect_rc 0 "check over the 公文 fixtures"
expect_out "missing 0 (in 0 files)" "公文: nothing missing"
expect_out "field    document number" "the elements are fields"
run "$TIFA" ingest --dry-run "$GW/news_quote.txt" "$GW/speech.txt"
expect_eq "$(grep -c '^    genre     document$' <<<"$OUT")" 0 "a news story quoting a 文号 and a speech are no 公文"
expect_out "L3        text      国发〔2031〕7号" "the news story's 文号 line stays text"
expect_out "L4        text      同志们：" "the speech's salutation stays text"
grep -q "meta " <<<"$OUT" && fail "meta from a page that is no 公文: $OUT" || pass
run "$TIFA" -d "$WORK/gw.db" ingest -q "$GW/notice_full.txt"
expect_eq "$("$TIFA" -d "$WORK/gw.db" -e 'for a in db:articles() do print(a.genre, a.date, a.date_source, a.meta:match("\"docno\":\"([^\"]+)\"")) end')" \
  "$(printf 'document\t2031-03-20\tfield\t国发〔2031〕7号')" "stored: genre, date, date_source, meta"

finish
