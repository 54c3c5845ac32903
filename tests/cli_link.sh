#!/bin/sh
# cli_link.sh - answers and notices without a case number linked to their
# question by header (packer/link.c), end to end: pack, cat --json
# (zaak, zaak_linked, thread), the refusal between two cases, export of
# the untouched text, determinism, and `update` both ways (the question
# in the old archive; the answer in the old archive, the question new).
# Run from the project root with B=build folder (tests/run.sh does).
TEST=vblink . tests/lib.sh
L=tests/data/link
has() { if grep -q "$2" "$1"; then ok "$3"; else no "$3"; sed 's/^/#   /' "$1" | cut -c1-300 | head -3; fi; }
export SOURCE_DATE_EPOCH=1700000000

# the question, a notice and the answer (the two without a case number),
# and another case of the same member on the same day
check "pack the case" "$VB" pack -o "$T/l.vbk" "$L"
has "$T/out" "2 of 2 answers and notices without a case number linked" "pack says how many were linked"
check "cat --json the answer" "$VB" cat --json "$T/l.vbk" ah-tk-20212022-112
has "$T/out" '"zaak":"2021Z14001"' "the answer has its question's zaak"
has "$T/out" '"zaak_linked":true' "marked as linked, not parsed"
has "$T/out" '"thread":\["kv-tk-2021Z14001","ah-tk-20202021-3650","ah-tk-20212022-112"\]' \
    "thread: question, notice, answer in date order"
has "$T/out" '"answered_by":\["Minister Van Aalst-Koning (Infrastructuur en Waterstaat)"\],"on_behalf_of":\[\],"cosigned_by":\["Staatssecretaris van Infrastructuur en Waterstaat"\]' \
    "mede ondertekend door: cosigned_by"
check "cat --json the notice" "$VB" cat --json "$T/l.vbk" ah-tk-20202021-3650
has "$T/out" '"zaak":"2021Z14001","source"' "the notice has the zaak too"
check "cat --json the question" "$VB" cat --json "$T/l.vbk" kv-tk-2021Z14001
has "$T/out" '"zaak_linked":false' "the question's own zaak is parsed"
has "$T/out" '"thread":\["kv-tk-2021Z14001","ah-tk-20202021-3650","ah-tk-20212022-112"\]' \
    "the question's thread is the same"
check "cat --json the other case" "$VB" cat --json "$T/l.vbk" kv-tk-2021Z14002
has "$T/out" '"thread":\["kv-tk-2021Z14002"\]' "the other case stays alone"
check "cat the zaak" "$VB" cat "$T/l.vbk" 2021Z14001
[ "$(grep -c -- '^----' "$T/out")" = 2 ] && ok "the zaak shows three documents" || no "the zaak shows three documents"
check "export" "$VB" export "$T/l.vbk" "$T/x"
bad=0
for f in "$L"/*.txt; do cmp -s "$f" "$T/x/$(basename "$f")" || bad=1; done
[ "$bad" = 0 ] && ok "export gives every source byte back" || no "export gives every source byte back"
check "pack again" "$VB" pack -q -o "$T/l2.vbk" "$L"
cmp -s "$T/l.vbk" "$T/l2.vbk" && ok "same sources, same bytes" || no "same sources, same bytes"
mkdir -p "$T/r/a" "$T/r/z"
cp "$L"/ah-*.txt "$T/r/a/"; cp "$L"/kv-*.txt "$T/r/z/"
"$VB" pack -q -o "$T/r1.vbk" "$T/r/a" "$T/r/z" 2>/dev/null
"$VB" pack -q -o "$T/r2.vbk" "$T/r/z" "$T/r/a" 2>/dev/null
cmp -s "$T/r1.vbk" "$T/r2.vbk" && ok "answers before or after their question: same bytes" ||
    no "answers before or after their question: same bytes"

# two cases with one header: the answer is linked to neither, and the
# packer says why, naming both
check "pack two cases of one header" "$VB" pack -o "$T/t.vbk" tests/data/link-twice
has "$T/err" "ah-tk-20212022-210.txt: not linked: its header matches the cases 2021Z15001 and 2021Z15002" \
    "the refusal names the file and both cases"
check "cat --json the answer" "$VB" cat --json "$T/t.vbk" ah-tk-20212022-210
has "$T/out" '"zaak":null' "no zaak"
has "$T/out" '"thread":\["ah-tk-20212022-210"\]' "a thread of its own"

# update: the question in the old edition, the answer and notice new
mkdir -p "$T/q" "$T/an"
cp "$L"/kv-*.txt "$T/q/"; cp "$L"/ah-*.txt "$T/an/"
"$VB" pack -q -o "$T/Q.vbk" "$T/q"
check "update with the answer" "$VB" update -o "$T/QA.vbk" "$T/Q.vbk" "$T/an"
has "$T/out" "appended" "the answer is appended"
check "cat --json the appended answer" "$VB" cat --json "$T/QA.vbk" ah-tk-20212022-112
has "$T/out" '"zaak":"2021Z14001"' "linked to the question of the old edition"
has "$T/out" '"thread":\["kv-tk-2021Z14001","ah-tk-20202021-3650","ah-tk-20212022-112"\]' \
    "the thread spans both editions"
# update the other way: the answer in the old edition, its question new;
# appending would leave the old answer unlinked, so it is packed whole,
# byte for byte the fresh pack of all
"$VB" pack -q -o "$T/A.vbk" "$T/an"
check "update with the question" "$VB" update -o "$T/AQ.vbk" "$T/A.vbk" "$T/q"
has "$T/out" "kept" "packed whole"
check "cat --json the old answer" "$VB" cat --json "$T/AQ.vbk" ah-tk-20212022-112
has "$T/out" '"zaak":"2021Z14001","source"' "the old answer is linked now"
"$VB" pack -q --edition 2 -o "$T/F.vbk" "$T/an" "$T/q"
cmp -s "$T/AQ.vbk" "$T/F.vbk" && ok "update = a fresh pack, byte for byte" || no "update = a fresh pack, byte for byte"

# merge: the answers in one archive, the question in another
check "merge the answers and the questions" "$VB" merge -q -o "$T/M.vbk" "$T/A.vbk" "$T/Q.vbk"
check "cat --json the merged answer" "$VB" cat --json "$T/M.vbk" ah-tk-20212022-112
has "$T/out" '"zaak":"2021Z14001","source"' "linked by the merge"
"$VB" pack -q -o "$T/P.vbk" "$T/an" "$T/q"
cmp -s "$T/M.vbk" "$T/P.vbk" && ok "merge = one pack, byte for byte" || no "merge = one pack, byte for byte"

finish
