#!/usr/bin/env bash
# Adds a migration NAME for both databases (SQLite and PostgreSQL), from the current model.
#   src/GovGuard.Platform/Data/add-migration.sh AddMonitors
set -euo pipefail
name="${1:?usage: add-migration.sh NAME}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet tool run dotnet-ef migrations add "$name" --context "${p}GovGuardDbContext" \
    -o "Data/Migrations/$p" --namespace "GovGuard.Platform.Data.Migrations.$p"
  # dotnet-ef writes the model snapshot into a folder named after the namespace: move it home.
  if [ -d GovGuard/Platform/Data/Migrations/$p ]; then
    mv GovGuard/Platform/Data/Migrations/$p/*.cs "Data/Migrations/$p/"
  fi
done
rm -rf GovGuard
