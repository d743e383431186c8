# The parent that stays outside the daemon's pid namespace (dev.vfc.sandbox.PidNamespace): it
# runs "$@" as pid 1 of the namespace its launcher unshared, passes SIGTERM, SIGINT and SIGHUP
# on, and ends as its child ended (exit status, or death by the same signal). A signal that
# arrives before the child exists is passed on once it does.
sig=
child=
forward() { sig=$1; [ -z "$child" ] || kill -s "$1" "$child" 2>/dev/null; }
trap 'forward TERM' TERM
trap 'forward INT' INT
trap 'forward HUP' HUP
# An asynchronous list gets /dev/null as its standard input (POSIX 2.9.3.1): keep the daemon's.
exec 3<&0
"$@" 0<&3 3<&- &
child=$!
exec 3<&-
[ -z "$sig" ] || kill -s "$sig" "$child" 2>/dev/null
while :; do
    wait "$child"
    status=$?
    # wait(1) also returns when a trap ran; only a reaped child ends the loop.
    kill -0 "$child" 2>/dev/null || break
done
if [ "$status" -gt 128 ]; then
    trap - TERM INT HUP
    kill -s "$(kill -l "$status")" $$
fi
exit "$status"
