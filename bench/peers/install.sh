#!/usr/bin/env bash
# Installs, from Debian, the peer engines the benchmark compares Vigie with
# (only the missing packages). Run by bench/run.sh; never by the test suite.
#   xapian-omega, xapian-tools : omindex, quest, xapian-compact
#   python3-xapian             : stock Xapian (TermGenerator/QueryParser, Stem("french"))
#   python3 (sqlite3 module)   : SQLite FTS5
#   sphinxsearch               : Sphinx 2.2.11 (indexer, searchd)
#   recollcmd                  : Recoll (recollindex, recollq, python3 recoll module)
#   liblucene4.10-java, default-jdk-headless : Lucene 4.10 with FrenchAnalyzer, driven by bench/peers/Lucene4Peer.java
#   python3-pymysql            : SphinxQL client (searchd speaks the MySQL protocol)
#   time                       : /usr/bin/time -v for peak RSS
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../../scripts/packages.sh
source scripts/packages.sh
ensure_packages python3 xapian-omega xapian-tools python3-xapian sphinxsearch recollcmd python3-recoll \
                python3-pymysql liblucene4.10-java default-jdk-headless time
