#!/usr/bin/env bash
# Starts the MongoDB wire-protocol stand-in (scripts/mongomock-wire.py, the project's own) on a free loopback port, in the
# background, waits until it accepts connections and prints one line for the caller to eval:
#
#   MONGODB_URL=mongodb://127.0.0.1:<port>/
#
# Usage:   eval "$(scripts/mongo-standin.sh)" && export MONGODB_URL
#          scripts/mongo-standin.sh >> "$GITHUB_ENV"          (GitHub Actions)
# Stop it: kill "$(cat "$MONGO_STANDIN_PIDFILE")"   (the pid and log paths are printed on stderr)
#
# Environment (all optional):
#   MONGOMOCK_WIRE         path of another mongomock-wire.py (default: the one beside this script)
#   MONGO_STANDIN_PYTHON   python with mongomock + pymongo (default: /usr/bin/python3, Debian packages)
#   MONGO_STANDIN_PIDFILE  where to write the pid (default: a file in a fresh temp dir)
#   MONGO_STANDIN_TIMEOUT  seconds to wait for it to listen (default: 15)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tool="${MONGOMOCK_WIRE:-$here/mongomock-wire.py}"
python="${MONGO_STANDIN_PYTHON:-/usr/bin/python3}"
timeout="${MONGO_STANDIN_TIMEOUT:-15}"

if [[ ! -f "$tool" ]]; then
  echo "mongo-standin: $tool not found (set MONGOMOCK_WIRE)" >&2
  exit 1
fi
if ! "$python" -c 'import mongomock, bson' 2>/dev/null; then
  echo "mongo-standin: $python cannot import mongomock and bson (apt-get install python3-mongomock python3-pymongo)" >&2
  exit 1
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/mongo-standin.XXXXXX")"
log="$workdir/mongomock-wire.log"
pidfile="${MONGO_STANDIN_PIDFILE:-$workdir/pid}"

probe() { # exits 0 when 127.0.0.1:$1 accepts a TCP connection
  "$python" -c 'import socket, sys
s = socket.socket(); s.settimeout(0.5)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()' "$1"
}

for attempt in 1 2 3 4 5; do
  # Ask the kernel for a free port, then start the stand-in on it (retried if another process takes it first).
  port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  # Detached from this shell's stdout, so that "$(scripts/mongo-standin.sh)" returns at once.
  nohup "$python" "$tool" "$port" >"$log" 2>&1 </dev/null &
  pid=$!
  deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    if probe "$port"; then
      echo "$pid" >"$pidfile"
      echo "mongo-standin: pid $pid on 127.0.0.1:$port (pid file $pidfile, log $log)" >&2
      echo "MONGODB_URL=mongodb://127.0.0.1:$port/"
      exit 0
    fi
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    echo "mongo-standin: not listening after ${timeout}s" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "mongo-standin: attempt $attempt on port $port failed:" >&2
  cat "$log" >&2
done
exit 1
