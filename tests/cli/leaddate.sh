# leaddate.sh -- a date from the article's first sentence (date_source "text",
# host/read/layout_lead.c, host/text/leaddate.c): an article with no dateline, field or
# file-name date takes the month and day of the event its lead reports, the year from a full
# date on the page or a term heading (2023-2024学年: 9-12 the first year, 1-8 the second),
# no year when the page gives none; a period ("1月至10月") is no date; a file name wins.
. "$(dirname "$0")/lib.sh"
DB="$WORK/t.db"
q () { "$TIFA" -d "$DB" -e "$1"; }

run "$TIFA" -d "$DB" ingest --dry-run "$TIFA_DATA/leaddate"
expect_rc 0 "dry run"
expect_out "6 files read: 6 added, 0 replaced, 0 unchanged, 0 skipped, 0 failed; 6 articles found" "dry-run summary"
grep -A2 "两会速递" <<<"$OUT" | grep -qF "date      2024-03-05 (day, text)" && pass \
  || fail "title line's full date gives the year: $OUT"
grep -A2 "社区召开消防安全培训会" <<<"$OUT" | grep -qF "date      --10-12 (month-day, text)" && pass \
  || fail "no year on the page: month-day: $OUT"
grep -A2 "工业生产稳中有升" <<<"$OUT" | grep -qF "date " && fail "a period '1月至10月' is no date: $OUT" || pass
grep -A2 "全国人大代表分组审议" <<<"$OUT" | grep -qF "date      2024-03-06 (day, filename)" && pass \
  || fail "the file name's date wins over the lead's: $OUT"
expect_out "date      2023-10-12 (day, text)" "term heading, October: the first year"
expect_out "date      2024-01-08 (day, text)" "term heading, January: the second year"

run "$TIFA" -d "$DB" ingest "$TIFA_DATA/leaddate"
expect_rc 0 "ingest"
got=$(q 'local t = {} for a in db:articles() do t[#t + 1] = (a.date or "-") .. " " .. a.date_source end
         table.sort(t) print(table.concat(t, ","))')
expect_eq "$got" "- none,--10-12 text,2023-10-12 text,2024-01-08 text,2024-03-05 text,2024-03-06 filename" \
  "stored dates and sources"

finish
