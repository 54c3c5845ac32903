#!/bin/sh
# cli_visitor.sh - the reader as a visitor uses it (issue 12), checked
# through the script command `state`, which prints what is on the screen
# as one line of JSON: typing finds while you type, cases not documents,
# statuses that tell the truth, whole titles, damage shown, errors in the
# reader's language. Run from the project root with B=build (run.sh does).
TEST=vbvisitor . tests/lib.sh
need "$VB" "$VR"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
export XDG_DATA_HOME="$T/xdg"

# play NAME ARCHIVE... < script: the states it printed, one a line, in
# $T/NAME.st (the Nth with st NAME N); exit code in $T/NAME.rc
play() {
    name=$1; shift
    cat >"$T/$name.txt"
    "$VR" --script "$T/$name.txt" "$@" >"$T/$name.st" 2>"$T/$name.err"
    echo $? >"$T/$name.rc"
}
st() { sed -n "${2}p" "$T/$1.st"; }
has() { printf '%s' "$1" | grep -qF -- "$2"; }
hasnt() { ! has "$1" "$2"; }
# the number after "KEY": in a state line
num() { printf '%s' "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }
# how many rows a state shows, and how many distinct cases among them
nrows() { printf '%s' "$1" | grep -o '{"zaak":"[^"]*"' | wc -l | tr -d ' '; }
ncases() { printf '%s' "$1" | grep -o '{"zaak":"[^"]*"' | sort -u | wc -l | tr -d ' '; }

"$VB" pack -q -o "$T/s.vbk" samples/ || { no "pack the samples"; exit 1; }

# ---- 1. typing finds while you type ------------------------------------
play type "$T/s.vbk" <<'EOF'
type n
wait
state
type u
wait
state
type c
wait
state
type t
wait
state
EOF
for i in 3 4; do
    s=$(st type $i)
    check "typing: $(printf '%s' "$s" | sed 's/.*"query":"\([^"]*\)".*/\1/') shows 2022Z01227" \
        has "$s" '"zaak":"2022Z01227"'
done
check "typing: one letter says to type on, not 'nothing found'" has "$(st type 1)" "Typ verder"
check "typing: 'nuc' offers the completion nuctech" has "$(st type 3)" '"suggestions":["nuctech"'
check "typing: 'nuc' does not offer 'nu'" hasnt "$(st type 3)" 'Bedoelde'
play douane "$T/s.vbk" <<'EOF'
type douane
wait
state
type  
wait
state
EOF
check "typing: 'douane' finds the case about douanescanners" has "$(st douane 1)" '2022Z01227'
check "a finished word found only in compounds offers douane*" \
    has "$(st douane 2)" '"suggestions":["douane*'
play names "$T/s.vbk" <<'EOF'
type pall
wait
state
key Escape
key Escape
type 2022z01
wait
state
key Down
key Return
wait
state
EOF
check "suggestions: a member's name" has "$(st names 1)" 'lid: Palland'
check "suggestions: case numbers" has "$(st names 2)" '2022Z01227'
check "a case number chosen from the suggestions opens the case" \
    has "$(st names 3)" '"screen":"case","query":"2022z01","case":{"zaak":"2022Z0'

# ---- 2. Dutch operators --------------------------------------------------
want=$("$VB" search --count --cases "$T/s.vbk" 'nuctech OR stikstof')
play of "$T/s.vbk" <<'EOF'
type nuctech OF stikstof
wait
state
EOF
check "OF is OR ($want cases)" [ "$(num "$(st of 1)" cases)" = "$want" ]
check "OF finds more than the first word alone" \
    [ "$want" -gt "$("$VB" search --count --cases "$T/s.vbk" nuctech)" ]
check "vbpack search: OF is OR too" \
    [ "$("$VB" search --count --cases "$T/s.vbk" 'nuctech OF stikstof')" = "$want" ]

# ---- 3. cases are the unit -----------------------------------------------
"$GEN" 400 "$T/gen" 5 >/dev/null && "$VB" pack -q -o "$T/g.vbk" "$T/gen" ||
    { no "pack a generated corpus"; exit 1; }
z=$("$VB" ls "$T/g.vbk" | awk '$4 != "-" { n[$4]++ } END { for (k in n) if (n[k] == 3) print k }' |
    sort | head -n 1)
play zaak "$T/g.vbk" <<EOF
type nummer:$z
wait
state
EOF
s=$(st zaak 1)
check "nummer:$z: one row for its three documents" [ "$(nrows "$s")" = 1 ]
check "nummer:$z: 1 case, 3 documents" has "$s" '"cases":1,"documents":3'
check "nummer:$z: the row holds question, notice and answer" \
    has "$s" '"kinds":["question","notice","answer"]'
play many "$T/g.vbk" <<'EOF'
type minister
wait
state
EOF
s=$(st many 1)
check "a common word: no row repeats a case ($(nrows "$s") rows)" \
    [ "$(nrows "$s")" -gt 3 ] && [ "$(nrows "$s")" = "$(ncases "$s")" ]
check "counts say cases and documents" \
    [ "$(num "$s" cases)" = "$("$VB" search --count --cases --typing "$T/g.vbk" minister)" ]
check "... and the documents are more than the cases" \
    [ "$(num "$s" documents)" -gt "$(num "$s" cases)" ]

# ---- 4. statuses that tell the truth --------------------------------------
play home "$T/s.vbk" <<'EOF'
wait
state
EOF
s=$(st home 1)
check "no status says 'te laat' (it read as still outstanding)" hasnt "$s" 'te laat'
check "answered late: 'beantwoord na N dagen', marked beyond the term" \
    has "$s" '"status":"late","label":"beantwoord na 85 dagen (later dan 3 weken)"'
check "an answer alone in the archive is answered, not open" \
    has "$s" '{"zaak":"tk-2024D18824","title":"de rellen in Den Haag tussen groepen Eritreers","kinds":["answer"],"status":"late"'
check "open says only that this archive holds no answer" \
    has "$s" '"status":"open","label":"geen antwoord in dit archief ('
play homeen --lang en "$T/s.vbk" <<'EOF'
wait
state
EOF
check "--lang en: statuses in English" has "$(st homeen 1)" 'no answer in this archive ('
check "vbpack: status:uitstel is a known value" sh -c "'$VB' search --count '$T/g.vbk' status:uitstel >/dev/null"
check "vbpack: search --json gives the status" \
    sh -c "'$VB' search --json '$T/s.vbk' nuctech | grep -q '\"status\":\"open\"'"

# ---- 5. whole titles -----------------------------------------------------
long=$("$VB" cat --json "$T/s.vbk" ah-tk-20222023-3644 | sed -n 's/.*"subject":"\([^"]*\)".*/\1/p' | head -n 1)
play title "$T/s.vbk" <<'EOF'
type werkstudenten
wait
key Return
key Return
wait
state
EOF
s=$(st title 1)
check "a long subject (${#long} bytes) is whole in the case header" \
    sh -c '[ ${#1} -gt 240 ] && printf "%s" "$2" | grep -qF -- "${1#?}\""' - "$long" "$s"

# ---- 6. damage shown, never hidden ----------------------------------------
cp "$T/s.vbk" "$T/d.vbk"
size=$(wc -c <"$T/d.vbk")
# flip a byte in the middle of the file: the content no longer matches
printf 'X' | dd of="$T/d.vbk" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
play damaged "$T/d.vbk" <<'EOF'
wait
state
EOF
check "a damaged archive opens with a banner saying so" has "$(st damaged 1)" '"banner":"Dit archief is beschadigd'
check "an intact archive has no banner" hasnt "$(st home 1)" '"banner"'
play about "$T/s.vbk" <<'EOF'
wait
key ctrl+i
state
EOF
play aboutd "$T/d.vbk" <<'EOF'
wait
key ctrl+i
state
EOF
check "About: the checksum is said to match once computed" has "$(st about 1)" '"checked":"matches"'
check "About: a damaged file's checksum is said not to match" has "$(st aboutd 1)" '"checked":"mismatch"'

# ---- 10. the reader's language, unfinished queries -------------------------
play missing "$T/nothere.vbk" <<'EOF'
state
EOF
check "a missing file is 'niet gevonden', not damaged" has "$(st missing 1)" 'Bestand niet gevonden'
play missingen --lang en "$T/nothere.vbk" <<'EOF'
state
EOF
check "--lang en: a missing file in English" has "$(st missingen 1)" 'File not found'
play unfinished "$T/s.vbk" <<'EOF'
type nuctech
wait
state
type  OR
wait
state
type  (
wait
state
EOF
check "an unfinished query keeps the last results" \
    has "$(st unfinished 2)" '"zaak":"2022Z01227"'
check "... with a quiet hint in Dutch" has "$(st unfinished 2)" '"message":"Typ verder'
check "... also with an open parenthesis" has "$(st unfinished 3)" '"zaak":"2022Z01227"'

finish
