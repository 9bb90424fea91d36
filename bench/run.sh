#!/usr/bin/env bash
# Runs kql-hunt's benchmark (dev.kqlhunt.bench.Benchmark) from the project root, or with
# "generate" as the first argument, only the archive generator. The class path is Maven's test
# class path, because the DuckDB driver is a test-scoped dependency.
#
#   bench/run.sh --size 2g --rounds 3              # generate target/bench/archive if absent, run
#   bench/run.sh --archive DIR --skip-kql-hunt      # DuckDB and the floor only
#   bench/run.sh generate --out DIR --size 200m     # write an archive and its manifest
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"

classpath_file="target/bench-classpath.txt"
if [[ ! -f "$classpath_file" || pom.xml -nt "$classpath_file" ]] \
    || [[ -n "$(find src/main -newer "$classpath_file" -print -quit)" ]]; then
    echo "bench: compiling and resolving the test class path with Maven..." >&2
    mvn -q -B -DskipTests compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
fi

main=dev.kqlhunt.bench.Benchmark
invocation="bench/run.sh"
if [[ "${1:-}" == "generate" ]]; then
    shift
    main=dev.kqlhunt.bench.ArchiveGenerator
    invocation="bench/run.sh generate"
fi

# JAVA_OPTS may hold extra options for the benchmark's own JVM.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dbench.invocation="$invocation" \
    -cp "target/classes:$(cat "$classpath_file")" "$main" "$@"
