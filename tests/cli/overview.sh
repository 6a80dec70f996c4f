# overview.sh -- the main job (scripts/overview.lua) on the sample corpus: the findings an
# analyst reads in it, checked in its JSON form against the library's own answers and
# against facts of the seed texts (read by hand, written down here):
#   - 发展是硬道理 is shared by several articles: verbatim in the 人民网 commentary (#1), and as
#     高质量发展是新时代的硬道理 in the expert column (#5) and a 内蒙古日报 commentary (#9);
#   - 稳中求进、以进促稳、先立后破 is in the commentary (#1) and the 习近平论 excerpt (#3);
#   - 《意见》 in the expert column (#2, #5) is the State Council's opinion on Inner Mongolia's
#     high-quality development, which a 内蒙古日报 commentary (#8) cites in full;
#   - the bullet summary at the head of the Xinhua report (#4) reuses its body;
#   - Xi's words on the Yangtze (坚持共抓大保护…) are quoted in #1 and #13.
# Also: the text form has every section, --limit cuts, bad values exit 2; the words of each
# year (keyness against the rest) on a small fixture of three years whose topics are known
# (冬奥会 in 2022, 亚运会 in 2023, 奥运会 in 2024); and the large-corpus form (--sample
# below the corpus's size): the most distinctive articles instead of the list, formulations,
# quotations and shared passages read in the most recent articles, and said so.
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
export TIFA_PATH="$TIFA_SRC/scripts"

run "$TIFA" run overview --format json --output o.json
expect_rc 0 "overview as JSON"
py () { python3 -c "import json; o = json.load(open('o.json')); $1"; }

# the totals are the store's
expect_eq "$(py 'print(o["articles"], len(o["list"]), sum(x["articles"] for x in o["outlets"]))')" \
  "13 13 13" "13 articles, listed once each, and by outlet"
expect_eq "$(py 'print(all(len(a.get("keywords", [])) == 5 for a in o["list"]))')" "True" "five keywords each"

# formulations: what db:track finds, and the facts above
F='{f["formulation"]: f for f in o["formulations"]}'
expect_eq "$(py "f = $F['发展是硬道理']; print(f['ids'], f['articles'] >= 3)")" "[1, 5, 9] True" \
  "发展是硬道理 in #1, #5 and #9"
expect_eq "$(py "f = $F['发展是硬道理']; print(sorted(v['variant'] for v in f['variants']))")" \
  "['发展是硬道理', '新时代的硬道理']" "发展是硬道理 also as 新时代的硬道理"
expect_eq "$(py "f = $F['稳中求进、以进促稳、先立后破']; print(f['ids'], f['first']['id'], f['first']['date'])")" \
  "[1, 3] 3 2023-12-11" "稳中求进、以进促稳、先立后破 in #1 and #3, first in #3 (2023-12-11)"
expect_eq "$(py 'print(all(f["articles"] >= 2 for f in o["formulations"]))')" "True" \
  "only formulations of two articles or more"
N=$("$TIFA" count -n 0 高质量发展 | awk '{print $1}')
expect_eq "$(py "print($F['高质量发展']['total'])")" "$N" "高质量发展 counted as tifa count counts it"

# citations: 《意见》 resolved to the State Council's opinion, cited by #2, #5 and #8
D='[d for d in o["documents"] if "意见" in d["aliases"]][0]'
expect_eq "$(py "d = $D; print(d['title'])")" "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见" \
  "《意见》 is the State Council's opinion"
expect_eq "$(py "d = $D; print(d['ids'], d['resolved'])")" "[2, 5, 8] True" "cited by the column (#2, #5) and #8"
expect_eq "$(py 'print(o["documents"][0]["title"])')" "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见" \
  "the most cited document"

# reuse: the pairs of db:reuse (passages within one article left out, as by default), the
# pair sharing the most characters first
R=$("$TIFA" -e 'local p = {} for _, x in ipairs(db:reuse()) do local k = x.source.id .. " " .. x.target.id; p[k] = (p[k] or 0) + x.chars end
  local best, n = nil, -1 for k, c in pairs(p) do if c > n or (c == n and k < best) then best, n = k, c end end print(best)')
expect_eq "$(py 'print(o["reuse"][0]["source"], o["reuse"][0]["target"])')" "$R" "the most shared pair is db:reuse's"
expect_eq "$(py 'print(all(r["source"] != r["target"] for r in o["reuse"]))')" "True" "no pair within one article"

# quotations
expect_eq "$(py 'q = [x for x in o["quotes"] if x["speaker"] == "习近平" and "共抓大保护" in x["text"]][0]; print(q["ids"])')" \
  "[1, 13]" "Xi's words on the Yangtze quoted in #1 and #13"

# the text form
run "$TIFA" run overview
expect_rc 0 "overview as text"
for h in "Articles by outlet" "Articles by month" "Formulations shared across articles" \
         "Most cited documents" "Quotations in several articles" "Shared passages"; do
  expect_out "$h" "section $h"
done
expect_out "《国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见》  3 articles, 11 citations: #2 #5 #8" \
  "the opinion's line"
run "$TIFA" run overview --limit 2 --keywords 0
expect_rc 0 "--limit 2"
expect_out "(11 more articles: --limit 0 lists them all)" "the rest counted"
expect_eq "$(grep -c '^        ' <<<"$OUT")" "0" "--keywords 0: no keyword lines"
run "$TIFA" run overview --limit -1
expect_rc 2 "a negative limit"
expect_err "--limit, --keywords and --sample must be 0 or more" "says why"

# the words of each year on the seeds: 2023 and 2024, as db:keyness of each year gives them
expect_eq "$(py 'print([p["period"] for p in o["periods"]])')" "['2023', '2024']" "the seeds' years"
W=$("$TIFA" -e 'local ids = {} for _, r in ipairs(db:sql("SELECT id FROM article WHERE date LIKE ?", "2024%")) do ids[#ids + 1] = r.id end
  print(db:keyness(ids, nil, {top = 1, direction = "over", stopwords = {"function"}})[1].word)')
expect_eq "$(py 'print(o["periods"][1]["words"][0])')" "$W" "2024's first word is db:keyness's"

# a small fixture of three years
for y in 2022 2023 2024; do
  case $y in 2022) t=冬奥会;; 2023) t=亚运会;; 2024) t=奥运会;; esac
  for i in 1 2 3; do
    printf '{"title":"%s报道%d","text":"今年的%s举办顺利，%s的运动员取得好成绩。各地推动经济发展。","date":"%s-0%d-10"}\n' \
      "$t" "$i" "$t" "$t" "$y" "$i"
  done
done >years.jsonl
run "$TIFA" -d years.db ingest years.jsonl
expect_rc 0 "the three-year fixture"
run "$TIFA" -d years.db run overview --format json --output y.json
expect_rc 0 "overview of the fixture"
expect_eq "$(python3 -c 'import json; o = json.load(open("y.json")); print([(p["period"], p["articles"], p["words"][0]) for p in o["periods"]])')" \
  "[('2022', 3, '冬奥会'), ('2023', 3, '亚运会'), ('2024', 3, '奥运会')]" "each year's own topic first"
run "$TIFA" -d years.db run overview
expect_out "Words of each year (used more than in the rest of the corpus)" "the section"
expect_out "2023         3 articles  亚运会" "2023's line"

# the large-corpus form: more articles than --sample
run "$TIFA" run overview --sample 5 --format json --output l.json
expect_rc 0 "--sample 5"
L () { python3 -c "import json; o = json.load(open('l.json')); $1"; }
expect_eq "$(L 'print(o["sample"]["articles"], o["sample"]["of"], len(o["list"]), len(o["distinctive"]) > 0)')" \
  "5 13 0 True" "five of 13 sampled, distinctive articles instead of the list"
S=$("$TIFA" -e 'local s = {} for _, r in ipairs(db:sql("SELECT id FROM article ORDER BY date DESC, id DESC LIMIT 5")) do s[r.id] = true end
  local d = db:distinctive(nil, {top = 30}) print(d[1].id .. " " .. #d)')
expect_eq "$(L 'print(o["distinctive"][0]["id"], len(o["distinctive"]))')" "$S" "the distinctive articles are db:distinctive's"
expect_eq "$(L 'import subprocess; s = set(int(x) for x in subprocess.check_output(["'"$TIFA"'", "-e", "for _, r in ipairs(db:sql([[SELECT id FROM article ORDER BY date DESC, id DESC LIMIT 5]])) do print(r.id) end"]).split()); print(all(set(f["ids"]) <= s for f in o["formulations"]) and all(r["source"] in s and r["target"] in s for r in o["reuse"]) and all(set(q["ids"]) <= s for q in o["quotes"]))')" \
  "True" "formulations, shared passages and quotations only from the sample"
run "$TIFA" run overview --sample 5
expect_out "Most distinctive articles of 13" "the distinctive section"
expect_out "in the 5 most recent articles of 13" "the sample said"
finish
