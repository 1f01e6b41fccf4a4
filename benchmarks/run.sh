#!/usr/bin/env bash
# Runs Sluice and Flink SQL side by side on the same preloaded Kafka topic and writes
# results/results.{csv,md} and results/*.png. See README.md.
#
#   benchmarks/run.sh [--quick] [--check] [harness options...]
#
#   --quick   200,000 events instead of 5,000,000 (smoke run, a few minutes on 2 cores)
#   --check   only run the harness's end-to-end test (a few thousand events, both engines)
#   anything else is passed to io.sluice.benchmarks.BenchmarkMain (e.g. --parallelism 1)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mvn_flags=(-B -q ${SLUICE_MVN_FLAGS:-})

check=false
args=()
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    *) args+=("$arg") ;;
  esac
done

cd "$root"
mvn "${mvn_flags[@]}" -pl benchmarks -am install -DskipTests
# The peer engine is built on its own: its dependencies never join Sluice's classpath.
mvn "${mvn_flags[@]}" -f benchmarks/flink-peer/pom.xml package dependency:build-classpath \
  -DskipTests -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
peer_jar="$(ls "$here"/flink-peer/target/sluice-benchmarks-flink-peer-*.jar | head -n 1)"
peer_classpath_file="$here/target/flink-peer.classpath"
echo "$peer_jar:$(cat "$here/flink-peer/target/classpath.txt")" > "$peer_classpath_file"

if [ "$check" = true ]; then
  exec mvn "${mvn_flags[@]}" -pl benchmarks test -Dbenchmarks.excludedGroups= -Dgroups=end-to-end \
    -Dsluice.benchmarks.flinkClasspath="$peer_classpath_file"
fi

mvn "${mvn_flags[@]}" -pl benchmarks dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt
cd "$here"
exec java -Xmx1g --add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe \
  -Djava.awt.headless=true \
  -cp "target/classes:$(cat target/classpath.txt)" io.sluice.benchmarks.BenchmarkMain \
  --flink-classpath "$peer_classpath_file" --results "$here/results" --work "$here/target/bench-work" \
  ${args[@]+"${args[@]}"}
