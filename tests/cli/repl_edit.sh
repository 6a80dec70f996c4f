# repl_edit.sh -- the prompt's history, redrawing over wide characters, several results on
# one line and help through a pager, driven in a tmux pane as repl.sh does (keys in,
# capture-pane and the cursor's column out); results and help to a pipe without tmux.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed (setup.sh installs it)" >&2; exit 1; }
export HOME="$WORK/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME=
mkdir -p "$HOME"
HIST="$HOME/.local/share/tifa/history"
. "$(dirname "$0")/tmux.inc"
tmux_server tifa-repl-edit
start () { tmux_start 100 40 "env $* $TIFA"; }  # start [ENV=VALUE...]: tifa in a 100x40 pane
# the last prompt line, as shown
promptline () { screen | grep '^tifa> ' | tail -1 | sed 's/ *$//'; }
# expect_prompt TEXT WHAT: the last prompt line comes to show TEXT
expect_prompt () {
  local i
  for ((i = 0; i < 50; i++)); do [ "$(promptline)" = "tifa> $1" ] && break; sleep 0.1; done
  expect_eq "$(promptline)" "tifa> $1" "$2"
}
# expect_cursor COLUMN WHAT: the cursor comes to stand in that column (0-based)
expect_cursor () {
  local i c
  for ((i = 0; i < 20; i++)); do c=$(T display -p -t r '#{cursor_x}'); [ "$c" = "$1" ] && break; sleep 0.1; done
  expect_eq "$c" "$1" "$2"
}

# {====== history: each line entered once, lines given up never ======
start
see "tifa> " "the prompt"
line '"first".."cmd"'
see "firstcmd" "a first line"
line '"second".."cmd"'
see "secondcmd" "a second line"
keys -l -- 'given_up_at_the_prompt'
keys C-c
line 'for i = 1, 2 do'
see "  >> " "a chunk that needs more"
keys C-c                                            # given up in the middle
wait_for "tifa> " 5
line 'given_up_by_eof = {'
see "  >> " "another chunk that needs more"
keys C-d                                            # given up at the end of input
see "incomplete statement" "Ctrl-D in a chunk"
keys C-d
see "[exited]" "Ctrl-D leaves"
expect_eq "$(grep -c 'firstcmd\|"first"' "$HIST")" 1 "the first line is saved once"
expect_eq "$(grep -c '"second"' "$HIST")" 1 "the second line is saved once"
expect_eq "$(grep -c 'given_up\|^for' "$HIST")" 0 "lines given up are not saved"
start
see "tifa> " "a second session"
keys Up
expect_prompt '"second".."cmd"' "Up brings back the last line"
keys Up
expect_prompt '"first".."cmd"' "Up again brings back the one before"
keys C-u C-d
see "[exited]" "Ctrl-D leaves"
# }======

# {====== redrawing after an edit over wide characters ======
# libedit wrote 试 after an inserted 中 as one column: the cursor stood a column right
start
see "tifa> " "the prompt"
keys -l -- 'x = "中文测试abc"'
keys Left Left Left Left Left                       # before 试
expect_cursor 17 "five steps left stand before 试"
keys -l -- '中'
expect_prompt 'x = "中文测中试abc"' "中 inserted before 试"
expect_cursor 19 "the cursor after an inserted 中 stands before 试"
keys -l -- 'y'
expect_prompt 'x = "中文测中y试abc"' "a letter typed after it goes there"
keys BSpace BSpace                                  # delete y and 中
expect_prompt 'x = "中文测试abc"' "two characters deleted"
expect_cursor 17 "the cursor after deleting 中 stands before 试"
keys Enter
line 'x'
see '中文测试abc' "the line is read as shown"
clear_screen
keys -l -- 'z = "xaba文文ba测试abaa"'
keys Left Left Left Left Left Left Left             # before 测
keys DC                                             # delete 测
expect_prompt 'z = "xaba文文ba试abaa"' "测 deleted under the cursor"
expect_cursor 21 "the cursor stays before 试"
keys Enter
line 'z'
see 'xaba文文ba试abaa' "the line is read as shown"
keys C-d
# }======

# {====== several results: one line, tab-separated, tables by the printer ======
run "$TIFA" <<<'1, 2, "a", nil, true'
expect_eq "$OUT" "$(printf '1\t2\ta\tnil\ttrue')" "several values on one line, tab-separated"
run "$TIFA" <<<'1, {2, 3}, "x"'
expect_eq "$OUT" "$(printf '1\n{2, 3}\nx')" "a table among them is printed by the printer"
run "$TIFA" <<<'"one"'
expect_eq "$OUT" "one" "one value"
# }======

# {====== help through a pager, on a terminal only ======
# $PAGER is used, and only for a text taller than the terminal
start PAGER="'sed s/^/PAGED:/'"
see "tifa> " "the prompt"
line 'help()'
see "PAGED:help(tifa.text.words) or help \"words\" for one function" "help() goes through \$PAGER"
clear_screen
line 'help "tifa.text.words"'
see "tifa.text.words(s [, opts])" "a short help"
expect_eq "$(screen | grep -c 'PAGED:')" 0 "a short help is not paged"
keys C-d
# less -R when $PAGER is unset: the prompt comes back when it quits
start -u PAGER
see "tifa> " "the prompt"
line 'help()'
see "tifa.open " "help() in less"
expect_eq "$(screen | grep -c '^tifa> ')" 0 "less holds the screen"
keys q
see "tifa> " "the prompt after less"
line '"after" .. " less"'
see "after less" "the prompt works after less"
keys C-d
# a pager that cannot start: the text is printed
start PAGER=/nonexistent/pager
see "tifa> " "the prompt"
line 'help()'
see 'help(tifa.text.words) or help "words" for one function' "help() without its pager is printed"
keys C-d
# not a terminal: printed, never paged
PAGER='sed s/^/PAGED:/' run "$TIFA" <<<'help()'
expect_eq "$(grep -c 'PAGED:' <<<"$OUT")" 0 "help() to a pipe is not paged"
[ "$(wc -l <<<"$OUT")" -gt 100 ] && pass || fail "help() to a pipe is not printed whole: $OUT"
# }======
finish
