# ingest.sh -- tifa ingest end to end: the seeds, every encoding and bad-input fixture,
# re-ingest, changed files, stdin, dry runs, formats, exit codes and the report.
. "$(dirname "$0")/lib.sh"
DB="$WORK/t.db"
q () { "$TIFA" -d "$DB" -e "$1"; }

run "$TIFA" -d "$DB" ingest "$TIFA_SEEDS"
expect_rc 0 "seeds"; expect_out "5 files read: 5 added, 0 replaced, 0 unchanged, 0 skipped, 0 failed; 13 articles stored" "seeds report"
run "$TIFA" -d "$DB" ingest "$TIFA_SEEDS"
expect_rc 0 "seeds again"; expect_out "5 unchanged" "unchanged files are a no-op"
expect_eq "$(q 'print(db:sql("SELECT count(*) AS n FROM file")[1].n)')" "5" "no duplicate files"

# the store keeps the raw bytes, hash, size and encoding of each file
f="$TIFA_SEEDS/002_41f0111f64e2b8b0.txt"
want=$(sha256sum "$f" | cut -d' ' -f1)
got=$(q "local r = db:sql('SELECT sha256, size, encoding, format, length(raw) AS n FROM file WHERE path LIKE ?', '%002_41f0%')[1]
print(r.sha256, r.size, r.n, r.encoding, r.format)")
expect_eq "$got" "$want	$(stat -c %s "$f")	$(stat -c %s "$f")	UTF-8	text" "file row"
raw=$(q "io.write(db:sql('SELECT raw FROM file WHERE path LIKE ?', '%002_41f0%')[1].raw)" | sha256sum | cut -d' ' -f1)
expect_eq "$raw" "$want" "raw bytes kept as they were"
# paragraphs map back to their bytes: each paragraph's raw byte range holds its text (UTF-8 seeds)
got=$(q "local bad = 0
for a in db:articles() do
  local raw = db:sql('SELECT raw FROM file JOIN article ON article.file_id = file.id WHERE article.id = ?', a.id)[1].raw
  for _, p in ipairs(a:paragraphs()) do
    local src = raw:sub(p.byte_from, p.byte_to):gsub('[%s\u{3000}]', '')
    local txt = p.text:gsub('[%s\u{3000}]', '')
    if src ~= txt and not src:find(txt, 1, true) then bad = bad + 1 end
  end
end
print(bad)")
expect_eq "$got" "0" "paragraph byte ranges hold the paragraph"

# every encoding and bad-input fixture
run "$TIFA" -d "$DB" ingest "$TIFA_DATA/enc"
expect_rc 1 "bad inputs: exit 1"
expect_err "invalid_utf8.txt: invalid UTF-8 at byte" "invalid UTF-8 named with offset"
expect_err "truncated_utf8.txt:" "truncated UTF-8 named"
expect_err "binary.bin: skipped (binary file (NUL byte at byte" "binary skipped with reason"
expect_err "empty.txt: skipped (empty file)" "empty skipped"
expect_out "gb18030.txt (text, GB18030" "GB18030 detected"
expect_out "utf16le_bom.txt (text, UTF-16LE" "UTF-16LE detected"
expect_out "utf16be_bom.txt (text, UTF-16BE" "UTF-16BE detected"
expect_out "utf8_bom.txt (text, UTF-8-BOM" "UTF-8 BOM detected"
expect_err "latin1.txt: invalid UTF-8 at byte 3 (nor GB18030)" "neither UTF-8 nor GB18030"
expect_out "3 failed" "report counts failures"
# the failed files left nothing behind; the others are kept
expect_eq "$(q 'print(db:sql("SELECT count(*) AS n FROM file WHERE path LIKE ?", "%utf8.txt")[1].n)')" "0" "failed files not stored"
expect_eq "$(q 'print(db:sql("SELECT count(*) AS n FROM file WHERE encoding = ?", "GB18030")[1].n)')" "1" "GB18030 file stored"
# CR and CRLF line ends give the same paragraphs as LF
got=$(q 'for a in db:articles{file = "/cr.txt"} do io.write(#a:paragraphs(), " ", a.text:find("\r") and "CR" or "clean", ";") end')
expect_eq "$got" "$(q 'for a in db:articles{file = "/crlf.txt"} do io.write(#a:paragraphs(), " ", a.text:find("\r") and "CR" or "clean", ";") end')" "CR like CRLF"

# standard input, named and unnamed; again is unchanged
run bash -c "printf '标准输入的标题\n新质生产力来自标准输入。\n' | \"$TIFA\" -d \"$DB\" ingest --name from-stdin -"
expect_rc 0 "stdin"; expect_out "added     from-stdin" "stdin stored under its name"
run bash -c "printf '标准输入的标题\n新质生产力来自标准输入。\n' | \"$TIFA\" -d \"$DB\" ingest --name from-stdin -"
expect_out "unchanged from-stdin" "stdin again unchanged"
expect_eq "$(q 'print((db:count("来自标准输入")))')" "1" "stdin text searchable"

# dry run stores nothing, on a new store too
run "$TIFA" -d "$WORK/dry.db" ingest --dry-run "$TIFA_SEEDS"
expect_rc 0 "dry run"; expect_out "13 articles found (dry run: nothing stored)" "dry run report"
[ ! -e "$WORK/dry.db" ] && pass || fail "dry run created no store"

# formats
run "$TIFA" -d "$DB" ingest "$TIFA_DATA/formats"
expect_out "articles.jsonl (jsonl" "jsonl read"; expect_out "articles.csv (csv" "csv read"
expect_out "article.html (html" "html read"; expect_out "article.md (markdown" "markdown read"
expect_err "bad.jsonl:2: invalid JSON" "bad JSON line named, with its line"
expect_rc 1 "a record left out fails the run"
got=$(q 'local n = 0; for a in db:articles{file = "articles.jsonl"} do n = n + 1 end; print(n)')
expect_eq "$got" "3" "three JSON Lines articles"
got=$(q 'local n = 0; for a in db:articles{file = "articles.csv"} do n = n + 1 end; print(n)')
expect_eq "$got" "3" "three CSV articles"
got=$(q 'for a in db:articles{file = "article.html"} do print(a.text:find("<", 1, true) == nil, a.text:find("function", 1, true) == nil) end')
expect_eq "$got" "true	true" "html: no tags, no script"
got=$(q 'for a in db:articles{file = "articles.jsonl"} do if a.meta then print("meta") break end end')
expect_eq "$got" "meta" "unknown JSON fields kept as metadata"
run "$TIFA" -d "$DB" ingest --format jsonl "$TIFA_DATA/enc/crlf.txt"
expect_rc 1 "forced format applies"

# normalization of the cleaned text (raw bytes kept as they were)
printf '标题\n　　习近平 10 月 12 日在南昌主持召开座谈会。\n全角ＡＢＣ１２３和零宽\xe2\x80\x8b字符。\nHello   world 与 要 求\n' >norm.txt
"$TIFA" -d "$DB" ingest -q norm.txt >/dev/null
got=$(q 'for a in db:articles{file = "norm.txt"} do print(a.text) end')
expect_eq "$got" "$(printf '习近平10月12日在南昌主持召开座谈会。\n全角ABC123和零宽字符。\nHello world 与要求')" "ingest folding"

# a progress bar on a terminal (a pseudo-terminal through script(1)), none otherwise
mkdir -p many
python3 - many <<'PY'
import sys
line = "推动高质量发展，加快发展新质生产力，坚持稳中求进、以进促稳、先立后破。" * 50 + "\n"
for i in range(12):
    with open(f"{sys.argv[1]}/p{i:02d}.txt", "w", encoding="utf-8") as f:
        f.write("标题%d\n" % i); f.write(line * 300)
PY
if command -v script >/dev/null; then
  run script -qec "\"$TIFA\" -d \"$WORK/pb.db\" ingest -q many" /dev/null
  expect_out "] 100%" "progress bar reaches 100% on a terminal"
fi
run "$TIFA" -d "$WORK/pb2.db" ingest -q many
expect_rc 0 "many files"
grep -q "100%" <<<"$ERR" && fail "no progress bar when stderr is not a terminal" || pass

# a folder again after one file changed: that one replaced, the others unchanged (the worker
# looks them up before reading them), and the new text found, the old gone
cp -r many again
"$TIFA" -d "$WORK/again.db" ingest -q again >/dev/null
printf '改过的标题\n这篇文章已经改过，提到数字经济。\n' >again/p05.txt
run "$TIFA" -d "$WORK/again.db" ingest -q again
expect_out "12 files read: 0 added, 1 replaced, 11 unchanged" "one changed file of twelve"
expect_eq "$("$TIFA" -d "$WORK/again.db" count -n 0 这篇文章已经改过)" "1 match in 1 article" "new text found"
expect_eq "$("$TIFA" -d "$WORK/again.db" count -n 0 标题5)" "0 matches in 0 articles" "old title gone"

# usage errors
run "$TIFA" -d "$DB" ingest
expect_rc 2 "ingest without a path"
run "$TIFA" -d "$DB" ingest --format pdf x
expect_rc 2 "unknown format"
run "$TIFA" -d "$DB" ingest "$WORK/does-not-exist"
expect_rc 1 "missing path"; expect_err "does-not-exist" "missing path named"
# a read-only store file
cp "$DB" ro.db; chmod 444 ro.db
if [ "$(id -u)" != 0 ]; then
  run "$TIFA" -d ro.db ingest norm.txt
  expect_rc 1 "read-only store"
fi
finish
