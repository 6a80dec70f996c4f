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
expect_out "8 files read: 8 added" "every fixture read"
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
  "document law law law law law news speech" "a.genre"
expect_eq "$(q 'for a in db:articles() do if a.file:find("law_events.md", 1, true) then
  local k = {} for _, e in ipairs(a.events) do k[#k + 1] = e.date .. e.kind end
  print(a.date, a.date_source, a.effective, table.concat(k, " "), a.events[1].text) end end')" \
  "$(printf '2020-11-27\tfield\t2021-01-01\t2001-03-30通过 2001-04-02公布 2010-07-30修正 2016-09-29修正 2020-11-27修正 2021-01-01施行\t2001年3月30日 某省第九届人民代表大会常务委员会第二十二次会议通过')" \
  "a.events, a.effective, a.date of the version"
expect_eq "$(q 'local t = {} for a in db:articles() do t[#t + 1] = a.date_source end table.sort(t) print(table.concat(t, " "))')" \
  "field field field field filename filename none none" "a.date_source for every article"
ID=$(q 'for a in db:articles() do if a.file:find("regulation_order", 1, true) then print(a.id) end end')
run "$TIFA" -d "$DB" show "$ID"
expect_out "genre        law" "show: genre"
expect_out "date source  field" "show: date source"
expect_out "effective    2019-01-01" "show: effective"

# --genre forces a genre and its rules; a bad one is a usage error
run "$TIFA" -d "$DB" ingest --dry-run --genre news "$G/law_events.md"
expect_rc 0 "--genre news"
expect_out "genre     news" "forced genre shown"
grep -q "header event" <<<"$OUT" && fail "--genre news still read header events: $OUT" || pass
run "$TIFA" -d "$DB" ingest --dry-run --genre law "$G/speech.txt"
expect_out "genre     law" "--genre law on a speech"
run "$TIFA" -d "$DB" ingest --dry-run --genre novel "$G"
expect_rc 2 "--genre: unknown name"
expect_err "unknown genre 'novel' (news, law, document, speech)" "--genre: the names allowed"

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

finish
