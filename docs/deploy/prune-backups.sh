#!/bin/sh
# docs/deploy/prune-backups.sh FOLDER: keep 14 daily, 8 weekly (Sunday's) and 12 monthly (the 1st's) backups.
# docs/guides/running-in-production.md#how-long-to-keep-them
set -eu
cd "$1"
mkdir -p weekly monthly
latest=$(ls -1 alongside-2*.dump | tail -n 1)
[ "$(date -u +%u)" = 7 ] && ln -f "$latest" weekly/
[ "$(date -u +%d)" = 01 ] && ln -f "$latest" monthly/
find . -maxdepth 1 -name 'alongside-*.dump' -mtime +13 -delete
find weekly -name 'alongside-*.dump' -mtime +55 -delete
find monthly -name 'alongside-*.dump' -mtime +364 -delete
