# corpus.sh -- search, count, words and show on a corpus of shards (-d DIR): each prints what
# the same command prints on one store holding the same files, the ids aside (a corpus's are
# shard * 10^10 + the shard's own; here both are replaced by the article's file and seq);
# 'show' of a corpus's id is 'show' of the shard's id on the shard; a shard that cannot be
# read fails the command (exit 1) with "shard N: ...".
. "$(dirname "$0")/lib.sh"

twin "${FIXTURES[@]}"

# id -> file:seq for the store (one.map) and the corpus (corp.map), ids as each names them
provenance () {   # STORE BASE: "BASE + id<TAB>path:seq" per article
  "$TIFA" -d "$1" -e "for _, r in ipairs(db:sql('SELECT a.id AS id, f.path AS p, a.seq AS s FROM article AS a JOIN file AS f ON f.id = a.file_id')) do
    print(string.format('%d\t%s:%d', $2 + r.id, r.p, r.s)) end"
}
provenance one.db 0 > one.map
: > corp.map
for s in 1 2 3; do provenance corp/s$s.db "$s * 10000000000" >> corp.map; done
[ "$(wc -l < one.map)" -gt 50 ] && [ "$(wc -l < corp.map)" = "$(wc -l < one.map)" ] && pass \
  || fail "provenance maps: $(wc -l < one.map) and $(wc -l < corp.map) articles"
grep -q '^3[0-9]\{10\}	' corp.map && pass || fail "shard 3's articles have ids 3 * 10^10 + id"

# Each "#ID" and the spaces after it become "@file:seq " (a corpus's ids are wider: its
# column is too).
norm () {
  awk -v map="$1" 'BEGIN { FS = "\t"; while ((getline l < map) > 0) { split(l, f, "\t"); m[f[1]] = f[2] } FS = " " }
    { out = ""; s = $0
      while (match(s, /#[0-9]+ */)) {
        id = substr(s, RSTART + 1, RLENGTH - 1); sub(/ +$/, "", id)
        out = out substr(s, 1, RSTART - 1) "@" (id in m ? m[id] : "?" id) " "
        s = substr(s, RSTART + RLENGTH)
      }
      print out s }'
}

# same CMD...: the command's output on one.db and on corp, ids replaced, byte for byte
same () {
  "$TIFA" -d one.db "$@" > one.raw 2> one.err; local r1=$?
  "$TIFA" -d corp "$@" > corp.raw 2> corp.err; local r2=$?
  [ $r1 = $r2 ] || { fail "'$*': exit $r1 on a store, $r2 on a corpus: $(cat corp.err)"; return; }
  norm one.map < one.raw > one.out
  norm corp.map < corp.raw > corp.out
  [ -s one.out ] || [ -s one.err ] || fail "'$*': no output"
  grep -q '@?' one.out corp.out && fail "'$*': an id not in the maps"
  cmp -s one.out corp.out && pass || fail "'$*': store != corpus: $(diff one.out corp.out | head -6)"
  cmp -s one.err corp.err || { sed "s|'corp'|'one.db'|; s|in corp$|in one.db|" corp.err | cmp -s one.err - \
    && pass || fail "'$*': stderr differs: $(cat one.err) / $(cat corp.err)"; }
}

# samecount CMD...: the same, where articles with as many matches (or hits with the same
# score) may come in another order (ties go by id, and ids differ): the first line, the
# sequence of counts and the set of lines are equal
samecount () {
  "$TIFA" -d one.db "$@" | norm one.map > one.out
  "$TIFA" -d corp "$@" | norm corp.map > corp.out
  [ "$(wc -l < one.out)" -gt 1 ] || fail "'$*': no articles listed"
  [ "$(head -1 one.out)" = "$(head -1 corp.out)" ] && pass || fail "'$*': totals: $(head -1 one.out) / $(head -1 corp.out)"
  [ "$(awk '{print $1}' one.out)" = "$(awk '{print $1}' corp.out)" ] && pass || fail "'$*': counts differ"
  [ "$(LC_ALL=C sort one.out)" = "$(LC_ALL=C sort corp.out)" ] && pass \
    || fail "'$*': other articles: $(diff <(LC_ALL=C sort one.out) <(LC_ALL=C sort corp.out) | head -6)"
}

# count: every article listed (-n above the corpus's size), the totals alone (-n 0), the top 5
samecount count 发展 -n 1000
samecount count --words 人才 -n 1000
samecount count 'NEAR(发展 改革, 20)' -n 1000
samecount count 高质量发展 OR 改革 -n 1000
samecount count 党 -n 1000
same count 发展 -n 0
same count 无此词语 -n 5
"$TIFA" -d one.db count 发展 -n 5 | awk '{print $1}' > a.n
"$TIFA" -d corp count 发展 -n 5 | awk '{print $1}' > b.n
[ "$(wc -l < a.n)" = 6 ] && cmp -s a.n b.n && pass || fail "count -n 5: the top counts differ"

# words: no ids, the same lines in the same order
same words
same words -n 0 --stopwords punct,function
same words -n 30 --min 3
same words -n 10 --stopwords punct

# search: ranked hits (ids replaced), snippets and all
same search 高质量发展 -n 1000
same search 'title:发展 OR 改革' -n 1000
same search --words 人才 -n 1000
same search 党 -n 1000
same search 'NEAR(发展 改革, 20)' -n 1000
same search 发展 -n 5 --offset 3
same search 无此词语

# show: a corpus's id is the shard's article, named by the corpus's id
gid=$(grep '^2[0-9]\{10\}	' corp.map | head -1 | cut -f1)
run "$TIFA" -d corp show "$gid"
expect_rc 0 "show $gid"
expect_out "article $gid: " "show names the corpus's id"
"$TIFA" -d corp/s2.db show $((gid - 20000000000)) | sed "1s/^article [0-9]*:/article $gid:/" > s2.show
[ "$OUT" = "$(cat s2.show)" ] && pass || fail "show $gid != show on s2.db: $(diff <(echo "$OUT") s2.show | head -4)"
key=$(grep "^$gid	" corp.map | cut -f2)
oneid=$(awk -F'\t' -v k="$key" '$2 == k {print $1}' one.map)
"$TIFA" -d one.db show "$oneid" | sed "1s/^article [0-9]*:/article $gid:/" > one.show
[ "$OUT" = "$(cat one.show)" ] && pass || fail "show $gid != show $oneid on one.db"
gid1=$(grep '^1[0-9]\{10\}	' corp.map | tail -1 | cut -f1)
run "$TIFA" -d corp show "$gid1" "$gid"
expect_rc 0 "show of two ids"
[ "$(grep -c '^article [0-9]*: ' <<<"$OUT")" = 2 ] && pass || fail "show of two ids shows two"
run "$TIFA" -d corp show 7 "$gid"
expect_rc 1 "show of a store's id on a corpus"; expect_err "no article 7 " "no article 7"
expect_out "article $gid: " "show goes on after a missing id"
run "$TIFA" -d corp show 40000000001
expect_rc 1 "no shard 4"; expect_err "no article 40000000001" "no shard 4"
run "$TIFA" -d corp show 20099999999
expect_rc 1 "an id past the shard's"; expect_err "no article 20099999999" "an id past the shard's"

# usage errors and bad queries as on a store
run "$TIFA" -d corp count
expect_rc 2 "count without a query"
run "$TIFA" -d corp search -n x 发展
expect_rc 2 "search -n x"
run "$TIFA" -d one.db count '(发展'
r1=$RC
run "$TIFA" -d corp count '(发展'
expect_rc "$r1" "a malformed query: the store's exit status"
expect_err "shard 1: " "a malformed query names the shard"

# a shard that cannot be read: the command fails naming it
cp -r corp bad
rm -f bad/s2.db-wal bad/s2.db-shm
printf 'this is not a database, only text long enough to look like a page of one\n%.0s' $(seq 60) > bad/s2.db
for cmd in "count 发展" "search 发展" "words -n 5"; do
  run "$TIFA" -d bad $cmd
  expect_rc 1 "$cmd with a corrupt shard"; expect_err "shard 2: " "$cmd: the corrupt shard is named"
  [ -z "$OUT" ] && pass || fail "$cmd with a corrupt shard printed an answer: $OUT"
done
rm -f bad/s3.db bad/s3.db-wal bad/s3.db-shm
run "$TIFA" -d bad count 发展
expect_rc 1 "a missing shard"; expect_err "shard 2: " "the lowest failing shard is named"

finish
