#!/usr/bin/env bash
# seeds.sh SRC DEST -- assemble the seed corpus of each fuzz target into DEST/<target>/ from
# the repo's fixtures (tests/data) and the sample corpus (host/corpus/seeds). Run by the
# build (tests/fuzz/CMakeLists.txt); DEST is rebuilt from scratch each time. Seeds stay
# small (at most 16 KB) so that the replays in ctest and libFuzzer's start stay quick.
set -euo pipefail
src=$1 dest=$2
data=$src/tests/data sample=$src/host/corpus/seeds
rm -rf "$dest"
mkdir -p "$dest"

put () {  # put TARGET FILE [NAME]: a copy cut to 16 KB
  local t=$1 f=$2 name=${3:-$(basename "$2")}
  mkdir -p "$dest/$t"
  head -c 16384 "$f" > "$dest/$t/$name"
}
text () {  # text TARGET NAME STRING
  mkdir -p "$dest/$1"
  printf '%s' "$3" > "$dest/$1/$2"
}

# encoding: the encoding fixtures, pages, and a page in GB18030 and UTF-16
for f in "$data"/enc/* "$data"/words/* "$data"/formats/article.md; do put encoding "$f"; done
for f in "$sample"/002_*.txt "$data"/layout/gwr_resolution.txt; do
  b=$(basename "$f" .txt)
  head -c 4096 "$f" | iconv -c -f UTF-8 -t GB18030 2>/dev/null > "$dest/encoding/$b.gb18030" || true
  { printf '\xff\xfe'; head -c 2048 "$f" | iconv -c -f UTF-8 -t UTF-16LE 2>/dev/null; } > "$dest/encoding/$b.utf16le" || true
  { printf '\xfe\xff'; head -c 2048 "$f" | iconv -c -f UTF-8 -t UTF-16BE 2>/dev/null; } > "$dest/encoding/$b.utf16be" || true
done

# layout: text and Markdown pages
for f in "$data"/layout/*.txt "$data"/layout/*.md "$data"/reuse/*.md "$sample"/*.txt \
         "$data"/formats/article.md; do
  case $(basename "$f") in README.md) continue ;; esac
  put layout "$f"
done

# the record and HTML readers
put html "$data"/formats/article.html
text html tags.html '<html><head><title>标题</title></head><body><h1>一级</h1><p>新华社北京3月5日电&nbsp;正文&amp;<br>续</p><ul><li>一是</li><li>二是</li></ul><blockquote>“引文”</blockquote><pre>代码</pre><table><tr><td>表</td></tr></table><script>x</script></body></html>'
text html broken.html '<p>未闭合<div><h2>标题<p>&#x4E2D;&#20013;&bogus;<!-- 注释 --><![CDATA[x]]>'
for f in "$data"/formats/*.jsonl "$data"/layout/gov_records.jsonl; do put jsonl "$f"; done
text jsonl fields.jsonl '{"标题":"题","正文":"一段\n二段","日期":"2024-03-18","来源":"人民日报","url":"http://x","extra":{"a":[1,2]}}
{"title":null,"text":""}
{"content":"x","date":"2024年3月","author":["a"]}
'
put csv "$data"/formats/articles.csv
text csv quoted.csv 'title,text,date,来源
"题,一","第一段
第二段 ""引""",2024-03-18,新华社
,,,
only
'

# frontmatter: the fixtures, and blocks of each kind of value and fault
for f in "$data"/formats/frontmatter_*.md; do put frontmatter "$f"; done
text frontmatter toml.md '+++
title = "标题"
"q.k".a = 1_000
x = [
  1.5, true, 1979-05-27T07:32:00Z, 07:32:00, "\u4E2D\t", # 注释
]
[t]
k = '"'"'v'"'"'
+++
正文
'
text frontmatter yaml.md '---
a: &a [x, y]
b: [*a, *a]
c: {d: {e: ~}}
? [k]
: v
authors: [甲, 乙]
publishDate: 2020-01-02
---
正文
'
text frontmatter crlf.md $'ï»¿--- 
title: 甲
...
# 乙
'

# tokenizer: "query\ndocument"
i=0
mkdir -p "$dest/tokenizer"
for q in '发展' '高质量 发展' '"新 质" OR 生产力' 'NEAR(发展 经济, 5)' '(a OR b) NOT c' 'AI+制造' '5G网' '（' '"' 'NEAR(' '习近平 AND (经济 OR 文化) NOT 美国'; do
  i=$((i + 1))
  { printf '%s\n' "$q"; cat "$sample"/00$((i % 5))_*.txt | head -c 2048; } > "$dest/tokenizer/q$i"
done

# words and extract: word lists, pages, sentences rich in what is extracted
for f in "$data"/words/tiny.txt "$data"/words/user.txt "$data"/layout/gwr_2024_head.txt \
         "$data"/layout/xwlb_signed.md "$sample"/004_*.txt; do put words "$f"; done
for f in "$data"/layout/*.txt "$data"/layout/xwlb_*.md "$sample"/*.txt; do put extract "$f"; done
text extract cases.txt '习近平强调：“要坚持高质量发展。”李强在讲话中表示，要扩大内需。
——习近平2024年3月5日在参加江苏代表团审议时的讲话
《国务院关于印发〈“十四五”规划〉的通知》（国发〔2024〕1号）（以下简称《通知》）。《通知》要求……
2024年3月18日，GDP超126万亿元，增长5.2%左右，二〇二四年，4月23日，百分之五，十四亿多人。
国务院总理李强、重庆市委书记袁家军在北京出席。'

# gongwen: the official documents, the texts that must give none, a report's head
for f in "$data"/gongwen/*.txt "$data"/layout/gwr_2024_head.txt; do put gongwen "$f"; done
text gongwen head.txt '000001 秘密 ★10年 加急
中共中央办公厅 国务院办公厅
厅字（2031）1号　签发人：甲 乙
关于某事的意见（试行）
各省、自治区、直辖市党委和人民政府，中央和国家机关各部委：
正文。
附件：某清单
中共中央办公厅 国务院办公厅
2031年1月1日
抄送：甲，乙。
某办公室 2031年1月2日印发'

# lua: call sequences are bytes; start from a few pages and a few hand-made sequences
for f in "$data"/formats/articles.jsonl "$data"/layout/xwlb_nato.md; do put lua "$f"; done
printf '\x00\x02\x06\x06发展\x0a\x03\x00\x01\x02\x06\x04abcd\x08\x07' > "$dest/lua/calls1"
printf '\x05\x01\x04\x03\x0c\x01\x06\x03\x00\x00\x10\x01\x02\x03\x04\x05\x06\x07\x08' > "$dest/lua/calls2"
for i in 1 2 3 4 5 6 7 8; do
  head -c $((64 * i)) "$sample"/00$((i % 5))_*.txt > "$dest/lua/page$i"
done

mkdir -p "$dest/merge"
# merge: parts of each analytic, two shards of one request joined by a NUL byte, and one cut
H1='{"tifa_part":1,"tifa":"0.1.0","analytic":"count","args":{"query":"发展","words":false,"n":0},"shard":1,"shards":2,"corpus":"2e9d41a6c3712f339e74951ae3987f34"}'
H2=${H1/\"shard\":1/\"shard\":2}
R1='{"id":10000000001,"file":"/a/004.txt","seq":0,"n":40}'
R2='{"id":20000000004,"file":"/a/001.txt","seq":1,"n":44}'
T1='{"end":1,"total":40,"articles":1}'
T2='{"end":1,"total":44,"articles":1}'
printf '%s\n%s\n%s\n\0%s\n%s\n%s\n' "$H1" "$R1" "$T1" "$H2" "$R2" "$T2" > "$dest/merge/count2"
printf '%s\n%s\n' "$H1" "$R1" > "$dest/merge/cut"
W='{"tifa_part":1,"tifa":"0.1.0","analytic":"words","args":{"n":0,"min":1},"shard":0,"shards":1,"corpus":null}'
printf '%s\n{"w":"发展","n":3,"a":2}\n{"w":"改革","n":1,"a":1}\n{"end":1}\n' "$W" > "$dest/merge/words1"
TL='{"tifa_part":1,"tifa":"0.1.0","analytic":"timeline","args":{"query":"发展","words":false,"by":"month"},"shard":0,"shards":1,"corpus":null}'
printf '%s\n{"p":"2024-03","n":2,"a":1}\n{"p":"2024-05","n":1,"a":1}\n{"end":1,"undated":{"n":0,"a":0}}\n' "$TL" > "$dest/merge/timeline1"
SS='{"tifa_part":1,"tifa":"0.1.0","analytic":"search-stats","args":{"query":"发展 改革","words":false},"shard":1,"shards":2,"corpus":"2e9d41a6c3712f339e74951ae3987f34"}'
printf '%s\n{"rows":28,"tokens":20458,"phrases":["\\"发展\\"","\\"改革\\""],"df":[11,6]}\n{"end":1}\n\0%s\n{"rows":45,"tokens":32636,"phrases":["\\"发展\\"","\\"改革\\""],"df":[18,11]}\n{"end":1}\n' \
  "$SS" "${SS/\"shard\":1/\"shard\":2}" > "$dest/merge/searchstats2"
SH='{"tifa_part":1,"tifa":"0.1.0","analytic":"search","args":{"query":"发展","words":false,"n":2,"offset":1,"context":30,"stats":{"rows":73,"tokens":53094,"df":[29]}},"shard":1,"shards":2,"corpus":"2e9d41a6c3712f339e74951ae3987f34"}'
printf '%s\n%s\n%s\n{"end":1,"rows":28,"stats_rows":28}\n\0%s\n%s\n{"end":1,"rows":45,"stats_rows":45}\n' "$SH" \
  '{"id":10000000008,"file":"/a/004.txt","seq":0,"score":0.83778009509951634,"snippet":"«发展»","offsets":[0,2],"title_offsets":[]}' \
  '{"id":10000000002,"file":"/a/003.txt","seq":1,"score":0.5,"snippet":"…«发展»","offsets":[4,6,9,11],"title_offsets":[0,2]}' \
  "${SH/\"shard\":1/\"shard\":2}" \
  '{"id":20000000001,"file":"/a/000.txt","seq":0,"score":0.85734926020047619,"snippet":"«发展»是","offsets":[0,2],"title_offsets":[]}' \
  > "$dest/merge/search2"
D='{"tifa_part":1,"tifa":"0.1.0","analytic":"dispersion","args":{"query":"发展","words":false,"cells":10},"shard":0,"shards":1,"corpus":null}'
printf '%s\n{"id":3,"file":"/a/003.txt","seq":0,"nchars":120,"count":2,"from":[4,90],"plot":"|------|--"}\n{"id":1,"file":"/a/001.txt","seq":1,"nchars":40,"count":1,"from":[0],"plot":"|---------"}\n{"end":1,"parts":4,"chars":400,"minchars":30,"total":3}\n' "$D" > "$dest/merge/dispersion1"
TR='{"tifa_part":1,"tifa":"0.1.0","analytic":"track","args":{"lexicon":"稳中求进、先立后破","words":false,"by":"month","min_articles":0,"matches":true},"shard":0,"shards":1,"corpus":null}'
printf '%s\n{"f":0,"formulation":"稳中求进、先立后破","forms":["稳中求进、先立后破"]}\n%s\n%s\n{"end":1}\n' "$TR" \
  '{"f":0,"fo":0,"id":2,"file":"/a/002.txt","seq":0,"date":"2024-03-05","t":0,"from":10,"to":19,"p":1,"exact":true,"v":"稳中求进、先立后破"}' \
  '{"f":0,"fo":0,"id":7,"file":"/a/007.txt","seq":2,"date":"2024-06","t":0,"from":3,"to":40,"p":2,"exact":false,"v":"稳中求进…先立后破"}' \
  > "$dest/merge/track1"
