#!/usr/bin/env bash
# whole_words.sh -- count --words follows the fine-grained cut (issue 19): a word of the cut,
# or a part of the partition of a longer word into dictionary words; never a dictionary word
# that merely lies inside a longer one (民政 in 人民政府, 国务 in 国务院, 第二 in 第二十条).
. "$(dirname "$0")/lib.sh"

run "$TIFA" -d w.db ingest "$TIFA_DATA/words/whole_words.txt"
expect_rc 0 "ingest the fixture"

count () {  # QUERY [--words] -> the total
  run "$TIFA" -d w.db count "$@"
  expect_rc 0 "count $*"
  sed -n '1s/ match.*//p' <<<"$OUT"
}
# 民政: 民政工作, 民政部门 twice, 民政、 and 民政事业; not in the four 人民政府
expect_eq "$(count 民政)" 9 "民政 as characters (4 inside 人民政府)"
expect_eq "$(count --words 民政)" 5 "民政 as a whole word, never inside 人民政府"
expect_eq "$(count --words 政府)" 4 "政府 inside 人民政府 (人民 | 政府)"
expect_eq "$(count --words 人民政府)" 4 "人民政府 itself"
expect_eq "$(count 国务)" 1 "国务 as characters"
expect_eq "$(count --words 国务)" 0 "国务 is no part of 国务院"
expect_eq "$(count --words 国务院)" 1 "国务院 itself"
expect_eq "$(count 第二)" 2 "第二 as characters"
expect_eq "$(count --words 第二)" 1 "第二 alone (第二，), not inside 第二十条"
expect_eq "$(count --words 一带一路)" 1 "一带一路 inside 共建一带一路 (共建 | 一带一路)"
expect_eq "$(count --words 共建)" 1 "共建 inside 共建一带一路"

# the corpus's words: 民政 counted as often as count --words finds it, 国务 not at all
run "$TIFA" -d w.db words -n 0
expect_rc 0 "words"
n=$(awk '$3 == "民政" { print $1 }' <<<"$OUT")
expect_eq "$n" 5 "words: 民政 as count --words"
expect_eq "$(awk '$3 == "国务" || $3 == "十条" || $3 == "民政府" { print }' <<<"$OUT")" "" "words: no 国务, no 十条"
expect_eq "$(awk '$3 == "第二" { print $1 }' <<<"$OUT")" 1 "words: 第二 once (第二，), not from 第二十条"
finish
