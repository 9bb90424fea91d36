#!/usr/bin/env bash
# Runs kql-hunt's benchmark (dev.kqlhunt.bench.Benchmark) from the project root, or with
# "generate" as the first argument, only the archive generator, or with "watch", the benchmark of
# the watch command over Kafka (dev.kqlhunt.bench.WatchBenchmark). The class path is Maven's test
# class path, because the DuckDB driver and the Kafka broker are test-scoped dependencies. The
# watch benchmark's own classes are test classes too.
#
#   bench/run.sh --size 2g --rounds 3              # generate target/bench/archive if absent, run
#   bench/run.sh --archive DIR --skip-kql-hunt      # DuckDB and the floor only
#   bench/run.sh generate --out DIR --size 200m     # write an archive and its manifest
#   bench/run.sh watch --backlog 1000000 --rate 10000 --duration 60s   # the defaults
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"

main=dev.kqlhunt.bench.Benchmark
invocation="bench/run.sh"
classpath_file="target/bench-classpath.txt"
sources=(src/main)
compile=compile
classes="target/classes"
jvm_opts=()
case "${1:-}" in
    generate)
        shift
        main=dev.kqlhunt.bench.ArchiveGenerator
        invocation="bench/run.sh generate"
        ;;
    watch)
        shift
        main=dev.kqlhunt.bench.WatchBenchmark
        invocation="bench/run.sh watch"
        classpath_file="target/bench-watch-classpath.txt"
        sources=(src/main src/test)
        compile=test-compile
        classes="target/classes:target/test-classes"
        # The JVM options of the kql-hunt launcher, which the watch job runs in.
        jvm_opts=(-XX:+UseParallelGC -XX:-UsePerfData
            --add-opens=java.base/java.lang=ALL-UNNAMED
            --add-opens=java.base/java.util=ALL-UNNAMED
            --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
            --add-opens=java.base/java.io=ALL-UNNAMED
            --add-opens=java.base/java.net=ALL-UNNAMED
            --add-opens=java.base/java.nio=ALL-UNNAMED
            --add-opens=java.base/java.time=ALL-UNNAMED
            --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
        ;;
esac

if [[ ! -f "$classpath_file" || pom.xml -nt "$classpath_file" ]] \
    || [[ -n "$(find "${sources[@]}" -newer "$classpath_file" -print -quit)" ]]; then
    echo "bench: compiling and resolving the test class path with Maven..." >&2
    mvn -q -B -DskipTests "$compile" dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
fi

# JAVA_OPTS may hold extra options for the benchmark's own JVM.
# shellcheck disable=SC2086
exec java "${jvm_opts[@]}" ${JAVA_OPTS:-} -Dbench.invocation="$invocation" \
    -cp "$classes:$(cat "$classpath_file")" "$main" "$@"
