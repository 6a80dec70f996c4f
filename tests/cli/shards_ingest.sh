# shards_ingest.sh -- the ingest of a corpus of shards (docs/shards.md): one walk, each file
# read and reported once, in the shard its path's hash names; --shard-by year|month|outlet:
# a file's key from a date in its path, else from its text (or its outlet field), each
# value in the catalog's "assign", new values to the shard with the fewest files, files
# without a key by hash under "(none)"; a corpus made with one key is not extended by
# another.
. "$(dirname "$0")/lib.sh"

mkdir -p in/2019 in/2020/03 in/flat in/plain
printf '# 二〇一九年的文件\n\n推动高质量发展。\n' > in/2019/a.md
printf '# 三月的文件\n\n坚持改革开放。\n' > in/2020/03/b.md
printf '# 文件名有日期\n\n深化改革。\n' > in/flat/20210405.md
printf '# 带连字符的日期\n\n扩大开放。\n' > in/flat/2022-06-01-notice.md
printf '# 正文有日期\n\n2018年7月9日\n\n正文写明了日期。\n' > in/plain/dated.md
printf '# 没有日期\n\n这篇文章没有日期。\n' > in/plain/undated.md
printf '' > in/plain/empty.md
N=7                                                  # files; empty.md is skipped

# the shard holding the file named $2 in corpus $1 (0: none)
where () {
  local s
  for s in 1 2 3; do
    [ -f "$1/s$s.db" ] || continue
    "$TIFA" -d "$1/s$s.db" -e "for _, r in ipairs(db:sql(\"SELECT path FROM file\")) do print(r.path) end" \
      | grep -q "/$2\$" && { echo "$s"; return; }
  done
  echo 0
}
assigned () { grep -o "\"$2\": [0-9]*" "$1/tifa-shards.json" | grep -o '[0-9]*$'; }   # CORPUS VALUE

# by path: every file reported once, in its routed shard
run "$TIFA" -d bypath ingest --shards 2 in
expect_rc 0 "ingest --shards 2"
expect_eq "$(grep -c '^added ' <<<"$OUT")" "$((N - 1))" "each stored file reported once"
expect_eq "$(grep -c 'empty.md: skipped (empty file)' <<<"$ERR")" 1 "the empty file reported once"
expect_out "$N files read: $((N - 1)) added, 0 replaced, 0 unchanged, 1 skipped, 0 failed" "summary"
bad=0
for f in 2019/a.md 2020/03/b.md flat/20210405.md plain/undated.md; do
  [ "$(where bypath "$f")" = "$(route "$WORK/in/$f" 2)" ] || { bad=1; fail "$f not in its hash's shard"; }
done
[ $bad = 0 ] && pass
grep -q '"key": "path"' bypath/tifa-shards.json && pass || fail "catalog: key path"
grep -q '"assign"' bypath/tifa-shards.json && fail "a corpus by path has no assign" || pass
run "$TIFA" -d bypath ingest --shard-by year in
expect_rc 2 "a corpus by path extended by year"
expect_err "corpus 'bypath' is sharded by path; it cannot be extended by year" "the message"

# by year: keys from paths (2019/, 2020/03/, 20210405, 2022-06-01) and from the text (2018)
run "$TIFA" -d byyear ingest --shards 2 --shard-by year in
expect_rc 0 "ingest --shard-by year"
grep -q '"key": "year"' byyear/tifa-shards.json && pass || fail "catalog: key year"
# walk order (sorted): 2019/a 2020/03/b flat/20210405 flat/2022-06-01 plain/dated plain/empty
# plain/undated; each new value to the shard with the fewest files, the lowest on ties:
# 2019 -> 1, 2020 -> 2, 2021 -> 1, 2022 -> 2, 2018 -> 1
expect_eq "$(assigned byyear 2019) $(assigned byyear 2020) $(assigned byyear 2021) $(assigned byyear 2022) $(assigned byyear 2018)" \
  "1 2 1 2 1" "new values to the shard with the fewest files"
expect_eq "$(where byyear 2019/a.md)$(where byyear 2020/03/b.md)$(where byyear flat/20210405.md)$(where byyear flat/2022-06-01-notice.md)$(where byyear plain/dated.md)" \
  "12121" "each file in its value's shard"
expect_eq "$(where byyear plain/undated.md)" "$(route "$WORK/in/plain/undated.md" 2)" "no key: by hash"
expect_out "year 2018: s1.db, 1 file" "a key from the text"
expect_out "year (none): 2 files (by hash)" "files without a key counted under (none)"
expect_eq "$(grep -c '^added ' <<<"$OUT")" "$((N - 1))" "by year: each file reported once"
ls byyear | grep -q tmp && fail "a temporary catalog left: $(ls byyear)" || pass

# extend: a new value goes to the shard with the fewest files (s1 has 4 files with the
# undated one or 3 without; s2 2 or 3): computed from the stores, not remembered
cp byyear/tifa-shards.json before.json
mkdir -p more/2023
printf '# 新的一年\n\n继续推进。\n' > more/2023/c.md
u=$(route "$WORK/in/plain/undated.md" 2); e=$(route "$WORK/in/plain/empty.md" 2)
run "$TIFA" -d byyear ingest in more
expect_rc 0 "extend a corpus by year, no --shard-by needed"
expect_out "1 added, 0 replaced, $((N - 1)) unchanged" "extend: the old files unchanged"
s1=$((3 + (u == 1 ? 1 : 0))); s2=$((2 + (u == 2 ? 1 : 0)))
expect_eq "$(assigned byyear 2023)" "$([ $s2 -lt $s1 ] && echo 2 || echo 1)" "2023 to the shard with the fewest files"
expect_eq "$(assigned byyear 2019) $(assigned byyear 2018)" "1 1" "old values keep their shards"
run "$TIFA" -d byyear ingest in more
cp byyear/tifa-shards.json after.json
run "$TIFA" -d byyear ingest in more
cmp -s byyear/tifa-shards.json after.json && pass || fail "nothing new: the catalog is not rewritten"
run "$TIFA" -d byyear ingest --shard-by month in
expect_rc 2 "a corpus by year extended by month"
expect_err "corpus 'byyear' is sharded by year; it cannot be extended by month" "the message"

# by month: 2020/03/ and 20210405 and 2022-06-01 from paths, 2018-07 from the text; 2019/
# alone has no month and its text no date: no key
run "$TIFA" -d bymonth ingest -q --shards 2 --shard-by month in
expect_rc 0 "ingest --shard-by month"
for v in 2020-03 2021-04 2022-06 2018-07; do
  [ -n "$(assigned bymonth $v)" ] && pass || fail "month $v not assigned: $(cat bymonth/tifa-shards.json)"
done
grep -q '"2019' bymonth/tifa-shards.json && fail "a year alone taken as a month" || pass
expect_eq "$(where bymonth 2019/a.md)" "$(route "$WORK/in/2019/a.md" 2)" "no month: by hash"

# by outlet: front matter, a sidecar, and a file with neither
mkdir -p out
printf -- '---\noutlet: 人民日报\n---\n# 评论\n\n正文一。\n' > out/a.md
printf '# 报道\n\n正文二。\n' > out/b.md
printf '{"outlet": "新华社"}' > out/b.md.meta.json
printf '# 无来源\n\n正文三。\n' > out/c.md
run "$TIFA" -d byoutlet ingest --shards 2 --shard-by outlet out
expect_rc 0 "ingest --shard-by outlet"
expect_eq "$(assigned byoutlet 人民日报) $(assigned byoutlet 新华社)" "1 2" "outlets from front matter and sidecar"
expect_out "outlet (none): 1 file (by hash)" "no outlet: (none)"
expect_eq "$(where byoutlet out/b.md)" 2 "the sidecar's outlet decides"

# usage
run "$TIFA" -d x ingest --shards 2 --shard-by weekday in
expect_rc 2 "an unknown key"
expect_err "unknown shard key 'weekday' (year, month, outlet)" "the message"
run "$TIFA" -d x.db ingest --shard-by year in
expect_rc 2 "--shard-by on a store"
[ -e x ] || [ -e x.db ] && fail "a refused ingest left a corpus or store" || pass
finish
