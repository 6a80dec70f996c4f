# embed.sh -- the embedding example (examples/embed.c): two hosts in one process, a C
# function called from Lua, an error read back as text; its numbers agree with the CLI's.
. "$(dirname "$0")/lib.sh"
: "${TIFA_EMBED:?TIFA_EMBED not set}"
run "$TIFA_EMBED" "$WORK/mine.db"
expect_rc 0 "the example runs"
expect_out "稳中求进 in the sample: $("$TIFA" count -n 0 稳中求进 | awk '{print $1}')" "the sample host counts as tifa count"
expect_out "articles in my store: 0" "the second host has its own, new store"
expect_out "error: broken:1: attempt to index a nil value" "an error as text"
expect_out "still working: 3" "the host is usable after the error"
[ -f "$WORK/mine.db" ] && pass || fail "the store was created"
finish
