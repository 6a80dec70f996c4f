# repl.sh -- the prompt driven as a person drives it: tifa runs in a tmux pane (a real
# terminal, UTF-8), keys are sent with send-keys, Chinese included, and the screen is read
# back with capture-pane. Checks the banner, the pretty printer, line editing over
# double-width characters, long lines, continuation lines, '_', completion, help, Ctrl-C
# at the prompt and in a running loop, history kept across sessions, and Ctrl-D.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux.inc"
export HOME="$WORK/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME=
export PAGER=cat                        # help() pages what is taller than the pane (repl_edit.sh)
mkdir -p "$HOME"
tmux_server tifa-repl
start () { tmux_start 100 40 "$TIFA $*"; }  # start [ARGS...]: tifa in a 100x40 pane

start
see "Sample corpus (built in, read-only): 13 articles" "the banner names the corpus and counts it"
see "tifa> " "the prompt"

# the pretty printer: a list of hits is a table with the articles' fields
line 'db:search("新质生产力")'
see "id  date        outlet" "hits as an aligned table"
see "发掘和培育新的经济增长点" "a hit's title"
expect_eq "$(screen | grep -c 'table: 0x')" "0" "no table prints as table: 0x..."
line 'db:article(3)'
see "#3 2023-12-11 - 习近平论坚持稳中求进" "an article in one line"
line 'db:words{top = 3}'
see "word  count  articles" "rows of db:words as a table"
# a set: its name, then its articles as a table; rows holding articles show "#id title"
clear_screen
line 'db:select{outlet = "内蒙古日报"}'
see "tifa.set (7 articles)" "a set prints its name"
see "六论深入学习贯彻全国两会精神" "and its articles"
line '{{article = db:article(3), n = 2}, {article = db:article(9), n = 1}}'
see "#3 习近平论坚持稳中求进" "an article inside a row is its id and title"
see "article" "rows with articles are a table"
# a result with __tostring prints it, line by line, at most 40 lines
line 'setmetatable({}, {__tostring = function () local t = {} for i = 1, 50 do t[i] = "line" .. i end return table.concat(t, "\n") end})'
see "line40" "a result that prints itself"
see "… 10 more lines" "cut after 40 lines"

# editing over double-width characters: two steps left land between 文 and 测
clear_screen
keys -l -- 'x = "中文测试"'
keys Left Left Left
keys -l -- 'AB'
keys Enter
line 'x'
see '中文AB测试' "the cursor moves one character per double-width character"
# a long line wraps and is read whole
long=$(printf '高质量发展%.0s' $(seq 1 30))
line "utf8.len(\"$long\")"
see "150" "a line longer than the terminal is read whole"

# continuation lines, '_'
clear_screen
line 'for i = 1, 2 do'
see "  >> " "an incomplete chunk asks for more"
line 'print(i * 10)'
line 'end'
see "20" "the chunk runs when complete"
line '6 * 7'
line '_ + 100'
see "142" "_ holds the last result"

# completion: globals, fields, methods
clear_screen
keys -l -- 'tifa.text.wor'
keys Tab
keys -l -- '("共建一带一路")[1]'
keys Enter
see "共建一带一路" "Tab completes tifa.text.wor to words"
keys -l -- 'db:cou'
keys Tab
keys -l -- '("先立后破")'
keys Enter
see "先立后破" "Tab completes a db method"
wait_for "tifa> " 5
clear_screen
line 'a = db:article(1)'
keys -l -- 'a.tit'
keys Tab
keys Enter
see "必须把坚持高质量发展作为新时代的硬道理" "Tab completes an article's field"

# help
clear_screen
line 'help()'
see 'help(tifa.text.words) or help "words" for one function' "help() lists the API"
clear_screen
line 'help "words"'
see "tifa.text.words(s [, opts])" "help names a function's signature"
see "Example:" "and gives an example"

# Ctrl-C at the prompt drops the line; Ctrl-C in a loop stops it, the prompt stays
clear_screen
keys -l -- 'this line is dropped'
keys C-c
line '1 + 1'
see "2" "after Ctrl-C at the prompt"
clear_screen
line 'while true do end'
sleep 1
keys C-c
see "interrupted" "Ctrl-C stops a running loop"
line '"still" .. " here"'
see "still here" "the prompt is back after the interrupt"

# Ctrl-D leaves
keys C-d
see "[exited]" "Ctrl-D leaves"

# history is kept in the user's data directory, across sessions
[ -s "$HOME/.local/share/tifa/history" ] && pass || fail "no history file in ~/.local/share/tifa"
grep -qF 'still' "$HOME/.local/share/tifa/history" && pass || fail "the last line is not in the history"
start
see "tifa> " "a second session"
keys Up
see '"still" .. " here"' "Up brings back the last line of the last session"
keys C-u C-d

# a store given with -d is named in the banner
"$TIFA" -d "$WORK/t.db" ingest -q "$TIFA_SEEDS" >/dev/null
start -d "$WORK/t.db"
see "$WORK/t.db: 13 articles, " "the banner names the store"
keys C-d
finish
