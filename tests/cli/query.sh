# query.sh -- the query rules of issue 19 and the title: field of issue 18 end to end, on
# tests/data/query: NEAR counts, lists and marks spans; a parenthesis around one bare word is
# text; punctuation matches in either width; title: matches titles but never a derived one.
. "$(dirname "$0")/lib.sh"

D="$TIFA_DATA/query"
run "$TIFA" -d q.db ingest "$D/管理条例.md" "$D/讲话.csv"
expect_rc 0 "ingest the fixtures"

# {====== NEAR: the spans where the terms lie within N characters ======
run "$TIFA" -d q.db count 'NEAR(罚款 吊销, 10)'
expect_rc 0 "count NEAR"
expect_eq "$(head -1 <<<"$OUT")" "2 matches in 2 articles" "one span in each; 罚款 and 吊销 farther apart do not count"
run "$TIFA" -d q.db count 'NEAR(罚款 吊销, 5)'
expect_eq "$(head -1 <<<"$OUT")" "0 matches in 0 articles" "no span within 5: no hit"
run "$TIFA" -d q.db run kwic 'NEAR(罚款 吊销, 10)'
expect_rc 0 "kwic NEAR"
expect_eq "$(tail -n +3 <<<"$OUT" | wc -l)" "2" "kwic: one line per span"
expect_out "罚款；情节严重的，吊销" "kwic: the whole span is the match"
expect_out "罚款，情节严重的吊销" "kwic: the span in the CSV record"
run "$TIFA" -d q.db search 'NEAR(罚款 吊销, 10)'
expect_out "«罚款；情节严重的，吊销»" "search marks the whole span"
# }======

# {====== parentheses and width ======
run "$TIFA" -d q.db count '(一)'
expect_eq "$(head -1 <<<"$OUT")" "2 matches in 1 article" "(一) is text: （一） and (一)"
run "$TIFA" -d q.db count '一'
expect_eq "$(head -1 <<<"$OUT")" "5 matches in 1 article" "一 alone counts more"
run "$TIFA" -d q.db count '（二）'
expect_eq "$(head -1 <<<"$OUT")" "1 match in 1 article" "（二） matches (二)"
run "$TIFA" -d q.db count '(试行)'
expect_eq "$(head -1 <<<"$OUT")" "1 match in 1 article" "(试行) matches （试行） in the title"
run "$TIFA" -d q.db count '(罚款 OR 执照) AND 吊销'
expect_eq "$(head -1 <<<"$OUT")" "10 matches in 2 articles" "a parenthesis around an expression groups"
run "$TIFA" -d q.db count '处以罚款:(一)'
expect_eq "$(head -1 <<<"$OUT")" "1 match in 1 article" "': (' match '：（'"
run "$TIFA" -d q.db count '(罚款 OR 执照'
expect_rc 2 "an open group"; expect_err "unbalanced parenthesis at character 1" "still an error"
# }======

# {====== title: ======
run "$TIFA" -d q.db count '罚款'
expect_eq "$(head -1 <<<"$OUT")" "5 matches in 2 articles" "the derived title is not counted with the text"
run "$TIFA" -d q.db count 'title:罚款'
expect_eq "$(head -1 <<<"$OUT")" "0 matches in 0 articles" "a derived title is never matched"
run "$TIFA" -d q.db count 'title:条例'
expect_eq "$(head -1 <<<"$OUT")" "1 match in 1 article" "title: counts the title's matches"
run "$TIFA" -d q.db count 'title:(试行) 吊销'
expect_eq "$(head -1 <<<"$OUT")" "3 matches in 1 article" "title:(text) with a term of the text"
run "$TIFA" -d q.db search 'title:'
expect_rc 2 "title: with nothing"; expect_err "term expected after title:" "says what is missing"
# }======
finish
