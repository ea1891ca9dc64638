#!/usr/bin/env bash
# The start-up archive of the jdirs command (AppCDS, docs/BENCHMARKS.md): the classes that the commands run
# once per request (get, set, incr, find, count) load, listed by running each once on a small demo
# database with -XX:DumpLoadedClassList, then dumped into TARGET/jdirs.jsa. It is a static archive
# (-Xshare:dump) because Java 17's dynamic archives leave out picocli, whose classes are Java 5 bytecode.
# mvn package runs it after making TARGET/jdirs-cli.jar.
#
#   cds-archive.sh TARGET JAVA
set -euo pipefail

target="$1"
java="$2"
jar="$target/jdirs-cli.jar"
work="$target/cds"
rm -rf "$work"
mkdir -p "$work"

"$java" -jar "$jar" demo "$work/db" --objects 50
list() {
    local name="$1"
    shift
    "$java" -XX:DumpLoadedClassList="$work/$name.classes" -jar "$jar" --db "$work/db" "$@" > /dev/null
}
list get get users/u00001/age
list get-node --json get --depth 2 users
list set set users/u00001/age 43
list incr incr stats/visits
list find find users 'select name, age where age > 30 order by name'
list find-json --json find users 'age > 30'
list count count users 'age > 30 and active = true'

cat "$work"/*.classes > "$work/all.lst"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/all.lst" -XX:SharedArchiveFile="$target/jdirs.jsa" \
    -jar "$jar" > "$work/dump.out"
