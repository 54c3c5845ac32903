#!/bin/sh
# kiosk.sh - what can be tested of the kiosk set-up (docs/KIOSK.md)
# without a Pi: the unit file passes `systemd-analyze verify`, and the
# reader starts, searches and draws in kiosk mode as the unprivileged user
# "kiosk", with the unit's environment and SDL's dummy driver, writing
# nothing. Run as root (it creates the user as KIOSK.md says, if missing):
#   sh tests/kiosk.sh [VRAAGBAAK [VBPACK]]     (default: the installed ones)
TEST=vbkiosk . tests/lib.sh
VR=${1:-/usr/bin/vraagbaak}
VB=${2:-$(dirname "$VR")/vbpack}
UNIT=dist/kiosk/vraagbaak-kiosk.service
chmod 755 "$T"

# the unit, pointed at the reader under test
sed "s|/usr/bin/vraagbaak|$VR|" "$UNIT" >"$T/vraagbaak-kiosk.service"
if command -v systemd-analyze >/dev/null; then
    # man:vraagbaak(1) is checked only where the page is installed
    if systemd-analyze verify "$T/vraagbaak-kiosk.service" 2>"$T/verify" ||
       ! grep -v "man vraagbaak" "$T/verify" | grep -q .; then
        ok "systemd-analyze verify"
    else
        no "systemd-analyze verify"; sed 's/^/#   /' "$T/verify"
    fi
else
    echo "# skip: no systemd-analyze"
fi

[ "$(id -u)" = 0 ] || { echo "# skip the rest: not root"; finish; exit; }
# the user, as docs/KIOSK.md creates it
if ! id kiosk >/dev/null 2>&1; then
    for g in video render input; do getent group $g >/dev/null || groupadd --system $g; done
    useradd --system --user-group --no-create-home --home-dir /srv/vraagbaak \
        --shell /usr/sbin/nologin --groups video,render,input kiosk
fi
id kiosk | grep -q video && id kiosk | grep -q input && ok "user kiosk (video, input)" || no "user kiosk"

# /srv/vraagbaak as the unit has it: the archive, read-only for kiosk
mkdir -p "$T/srv/vraagbaak"
"$VB" pack -q -o "$T/srv/vraagbaak/kamervragen.vbk" samples/ || no "pack"
chmod -R a+rX,go-w "$T/srv"
( cd "$T/srv" && find . -printf '%p %s %T@\n' | sort ) >"$T/before"
cat >"$T/walk.txt" <<EOW
wait
type nuctech
wait
key Down
key Return
wait
screenshot $T/shot/case.bmp
key ctrl+q
key Escape
wait
quit
EOW
mkdir -p "$T/shot"; chown kiosk "$T/shot"
# the unit's environment (Environment= lines) with the dummy driver
if runuser -u kiosk -- env -i PATH=/usr/bin:/bin SDL_VIDEODRIVER=dummy \
        XDG_DATA_HOME="$T/srv" HOME="$T/srv/vraagbaak" \
        timeout 120 "$VR" --kiosk --idle 3 --script "$T/walk.txt" >"$T/out" 2>&1; then
    ok "reader starts in kiosk mode as kiosk and opens /srv/vraagbaak/*.vbk"
else
    no "reader as kiosk"; sed 's/^/#   /' "$T/out" | head -5
fi
[ -s "$T/shot/case.bmp" ] && ok "it drew a case" || no "it drew a case"
( cd "$T/srv" && find . -printf '%p %s %T@\n' | sort ) >"$T/after"
cmp -s "$T/before" "$T/after" && ok "it wrote nothing" || no "it wrote nothing"
runuser -u kiosk -- sh -c ": >'$T/srv/vraagbaak/x'" 2>/dev/null && no "kiosk cannot write the archives" ||
    ok "kiosk cannot write the archives"
finish
