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
# Also: the text form has every section, --limit cuts, bad values exit 2.
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

# reuse: the Xinhua report's summary over its body
expect_eq "$(py 'r = [x for x in o["reuse"] if x["source"] == 4 and x["target"] == 4][0]; print(r["passages"] >= 4, r["longest"]["source"]["paragraph"] < r["longest"]["target"]["paragraph"])')" \
  "True True" "the summary of #4 (its first paragraphs) reuses its body (later ones)"
expect_eq "$(py 'print(o["reuse"][0]["source"], o["reuse"][0]["target"])')" "4 4" "the most shared: #4's summary"

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
expect_out "#4 (within) #4" "reuse within the Xinhua report"
run "$TIFA" run overview --limit 2 --keywords 0
expect_rc 0 "--limit 2"
expect_out "(11 more articles: --limit 0 lists them all)" "the rest counted"
expect_eq "$(grep -c '^        ' <<<"$OUT")" "0" "--keywords 0: no keyword lines"
run "$TIFA" run overview --limit -1
expect_rc 2 "a negative limit"
expect_err "--limit and --keywords must be 0 or more" "says why"
finish
