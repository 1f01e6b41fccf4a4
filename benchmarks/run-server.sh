#!/usr/bin/env bash
# Benchmarks against a real Sluice server (`sluice dev`, in a process of its own); writes
# results/pgwire.md or results/ingest.md. See README.md.
#
#   benchmarks/run-server.sh pgwire [--check] [options...]   SELECT 1 and a 10-column prepared
#                                                           query over pgjdbc, beside PostgreSQL
#   benchmarks/run-server.sh ingest [--check] [options...]   HTTP ingest load: single events,
#                                                           batches of 100, half rate, 3x overload
#
#   --check   a few seconds per phase, nothing written to results/ (smoke run)
#   other options are passed to the benchmark's main class (e.g. --threads 8, --seconds 30)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mvn_flags=(-B -q ${SLUICE_MVN_FLAGS:-})

mode="${1:-}"
case "$mode" in
  pgwire) main=io.sluice.benchmarks.pgwire.PgwireBenchmark ;;
  ingest) main=io.sluice.benchmarks.ingest.IngestBenchmark ;;
  *)
    echo "usage: $0 {pgwire|ingest} [--check] [options...]" >&2
    exit 2
    ;;
esac
shift

cd "$root"
# One reactor build packages the server (its jar and target/lib, as bin/sluice runs it) and the
# benchmarks, which never link against the server.
mvn "${mvn_flags[@]}" -pl server,benchmarks -am package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
server_classpath_file="$here/target/server.classpath"
server_jar="$(ls "$root"/server/target/sluice-server-*.jar | grep -v -e sources -e tests | head -n 1)"
echo "$server_jar:$root/server/target/lib/*" \
  > "$server_classpath_file"

cd "$here"
exec java -Xmx1g -cp "target/classes:$(cat target/classpath.txt)" "$main" \
  --server-classpath "$server_classpath_file" --results "$here/results" \
  --work "$here/target/$mode-work" "$@"
